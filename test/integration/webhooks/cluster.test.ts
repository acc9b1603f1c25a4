// Webhooks across restarts and nodes: the queue is the database, so a delivery outlives the node
// that queued it, and two nodes on one database deliver each event once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, startTestServer, type TestServer } from '../harness.js';
import { TEST_PASSWORD } from '../harness-server.js';
import { createSpec, putContent } from '../specs/helpers.js';
import { startReceiver, type Receiver } from './receiver.js';
import { createWebhook, deliveries, waitForDeliveries, WEBHOOK_ENV } from './helpers.js';

describeEachDatabase('webhooks: restarts and two nodes', (database) => {
  let receiver: Receiver;
  let ownerEmail = '';
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });

  it('a delivery survives a restart: queued and failing on one app, completed by the next', async () => {
    // A long retry delay on the first app: it makes one try, then is closed before the next.
    const first = await startTestServer(database, { env: { ...WEBHOOK_ENV, WEBHOOKS_RETRY_BASE_MS: '1500' } });
    const queue = async (): Promise<string> => {
      const setup = await first.setupOwner({ workspaceKey: 'BOOT' });
      ownerEmail = setup.email;
      receiver.respond(() => ({ status: 503, body: 'restarting' }));
      const hook = await createWebhook(setup.client, 'BOOT', { url: receiver.url, events: ['spec.created'] });
      await createSpec(setup.client, 'BOOT', { title: 'Before the restart' });
      await waitForDeliveries(setup.client, 'BOOT', hook.id, (list) => list.length === 1 && (list[0]?.attempts ?? 0) >= 1);
      return hook.id;
    };
    const hookId = await queue().finally(() => first.close());
    receiver.respond(() => ({ status: 200, body: 'back' }));
    const second = await startTestServer(database, { env: WEBHOOK_ENV });
    try {
      const client = await second.signIn(ownerEmail, TEST_PASSWORD);
      const [delivery] = await waitForDeliveries(client, 'BOOT', hookId, (list) => list[0]?.status === 'succeeded');
      expect(delivery).toMatchObject({ status: 'succeeded', lastStatusCode: 200, responseExcerpt: 'back' });
      expect(delivery?.history.slice(0, -1).every((h) => h.statusCode === 503)).toBe(true);
      // Still one delivery: the new app did not queue the event again.
      expect(await deliveries(client, 'BOOT', hookId)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('two nodes on one database deliver each event exactly once', async () => {
    const nodes: TestServer[] = [await startTestServer(database, { env: WEBHOOK_ENV }), await startTestServer(database, { env: WEBHOOK_ENV })];
    try {
      const [a, b] = await Promise.all(nodes.map((n) => n.signIn(ownerEmail, TEST_PASSWORD)));
      if (a === undefined || b === undefined) throw new Error('two clients expected');
      expect((await a.post('/api/v1/workspaces', { name: 'Two nodes', key: 'DUO' })).status).toBe(201);
      receiver.respond(() => ({ status: 200 }));
      const hook = await createWebhook(a, 'DUO', { url: receiver.url, events: ['*'] });
      const before = receiver.received.length;
      // Writes through both nodes, so both hear of new events and race to queue and send them.
      for (let i = 0; i < 6; i++) {
        const client = i % 2 === 0 ? a : b;
        const spec = await createSpec(client, 'DUO', { title: `Spec ${i}` });
        expect((await putContent(i % 2 === 0 ? b : a, 'DUO', spec.number, `# Spec ${i}\n\nEdited.\n`, spec.etag)).status).toBe(200);
      }
      // spec.created + spec.updated + revision.created per spec.
      const list = await waitForDeliveries(a, 'DUO', hook.id, (l) => l.length === 18 && l.every((d) => d.status === 'succeeded'));
      const sent = receiver.received.slice(before).filter((r) => r.headers['x-specboard-webhook'] === hook.id);
      const eventIds = sent.map((r) => r.eventId).sort((x, y) => x - y);
      expect(eventIds).toEqual(list.map((d) => d.eventId).sort((x, y) => x - y));
      expect(new Set(eventIds).size).toBe(18);
      expect(list.every((d) => d.attempts === 1)).toBe(true);
    } finally {
      await Promise.all(nodes.map((n) => n.close()));
    }
  });
});
