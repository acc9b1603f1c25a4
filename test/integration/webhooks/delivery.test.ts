// Webhook deliveries against a real local HTTP receiver: signatures, retries with backoff, the
// try cap and redelivery. Retry delays are short through the config; nothing here is timed.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_ATTEMPTS, verifySignature } from '../../../src/server/webhooks/index.js';
import { describeEachDatabase, useTestServer, type ApiClient } from '../harness.js';
import { createSpec } from '../specs/helpers.js';
import { startReceiver, type Receiver } from './receiver.js';
import { createWebhook, waitForDeliveries, WEBHOOK_ENV } from './helpers.js';
import { codesOf, gql, gqlData } from '../graphql/helpers.js';

describeEachDatabase('webhooks: delivery', (database) => {
  const server = useTestServer(database, { env: WEBHOOK_ENV });
  let receiver: Receiver;
  let owner: ApiClient;
  let n = 0;
  /** A workspace of its own per test, so deliveries of one test never reach another's webhook. */
  const workspace = async (): Promise<string> => {
    const key = `WH${++n}`;
    expect((await owner.post('/api/v1/workspaces', { name: `Hooks ${n}`, key })).status).toBe(201);
    return key;
  };

  beforeAll(async () => {
    receiver = await startReceiver();
    owner = (await server().setupOwner()).client;
  });
  afterAll(async () => {
    await receiver.close();
  });

  it('signs each delivery with HMAC-SHA256 over timestamp and body, and records status and response excerpt', async () => {
    const ws = await workspace();
    receiver.respond(() => ({ status: 200, body: 'thanks!' }));
    const hook = await createWebhook(owner, ws, { url: receiver.url, events: ['spec.created'] });
    expect(hook.secret).toMatch(/^whsec_/);
    const spec = await createSpec(owner, ws, { title: 'Signed' });
    const [delivery] = await waitForDeliveries(owner, ws, hook.id, (list) => list.some((d) => d.status === 'succeeded'));
    expect(delivery).toMatchObject({ eventType: 'spec.created', status: 'succeeded', attempts: 1, lastStatusCode: 200, responseExcerpt: 'thanks!', lastError: null });
    const got = receiver.received.find((r) => r.deliveryId === delivery?.id);
    expect(got).toBeDefined();
    if (got === undefined) return;
    const timestamp = String(got.headers['x-specboard-timestamp']);
    const signature = String(got.headers['x-specboard-signature']);
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['x-specboard-event']).toBe('spec.created');
    // What docs/webhooks.md tells receivers to do, with nothing but node:crypto.
    const expected = 'v1=' + createHmac('sha256', hook.secret).update(`${timestamp}.${got.body}`).digest('hex');
    expect(signature).toBe(expected);
    expect(verifySignature(hook.secret, timestamp, got.body, signature)).toBe(true);
    expect(verifySignature('another secret entirely', timestamp, got.body, signature)).toBe(false);
    expect(verifySignature(hook.secret, timestamp, got.body.replace('Signed', 'Forged'), signature)).toBe(false);
    const body = JSON.parse(got.body) as { webhookId: string; event: { id: number; type: string; specId: string; data: { title: string } } };
    expect(body).toMatchObject({ webhookId: hook.id, event: { id: delivery?.eventId, type: 'spec.created', specId: spec.id, data: { title: 'Signed' } } });
  });

  it('retries failures with exponential backoff and jitter, never early, and records every try', async () => {
    const ws = await workspace();
    const failures = new Map<string, number>();
    receiver.respond((request) => {
      const count = (failures.get(request.deliveryId) ?? 0) + 1;
      failures.set(request.deliveryId, count);
      return count <= 3 ? { status: 500, body: `failure ${count}` } : { status: 204 };
    });
    const hook = await createWebhook(owner, ws, { url: receiver.url, events: ['spec.created'] });
    await createSpec(owner, ws, { title: 'Flaky receiver' });
    const [delivery] = await waitForDeliveries(owner, ws, hook.id, (list) => list.some((d) => d.status === 'succeeded'));
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 4, lastStatusCode: 204 });
    const history = delivery?.history ?? [];
    expect(history.map((h) => [h.attempt, h.statusCode, h.responseExcerpt])).toEqual([
      [1, 500, 'failure 1'],
      [2, 500, 'failure 2'],
      [3, 500, 'failure 3'],
      [4, 204, ''],
    ]);
    const base = Number(WEBHOOK_ENV.WEBHOOKS_RETRY_BASE_MS);
    for (const [i, h] of history.slice(0, 3).entries()) {
      const scheduled = Date.parse(h.nextAttemptAt ?? '');
      // At least half the doubled delay (the jitter takes off at most half)...
      expect(scheduled - Date.parse(h.at)).toBeGreaterThanOrEqual((base * 2 ** i) / 2);
      // ...and the next try never before it was due.
      expect(Date.parse(history[i + 1]?.at ?? '')).toBeGreaterThanOrEqual(scheduled);
    }
    expect(history[3]?.nextAttemptAt).toBeNull();
  });

  it(`gives up after ${MAX_ATTEMPTS} tries`, async () => {
    const ws = await workspace();
    receiver.respond(() => ({ status: 503, body: 'down for good' }));
    const hook = await createWebhook(owner, ws, { url: receiver.url, events: ['spec.created'] });
    await createSpec(owner, ws, { title: 'Receiver down' });
    const [delivery] = await waitForDeliveries(owner, ws, hook.id, (list) => list.some((d) => d.status === 'failed'));
    expect(delivery).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastStatusCode: 503, lastError: 'HTTP 503', responseExcerpt: 'down for good', nextAttemptAt: null });
    expect(delivery?.history.map((h) => h.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(delivery?.history[7]?.nextAttemptAt).toBeNull();
    expect(receiver.received.filter((r) => r.deliveryId === delivery?.id)).toHaveLength(MAX_ATTEMPTS);
  });

  it('redelivers a delivery from the API: the same event and body as a new, signed delivery', async () => {
    const ws = await workspace();
    receiver.respond(() => ({ status: 200, body: 'ok' }));
    const hook = await createWebhook(owner, ws, { url: receiver.url, events: ['*'] });
    await createSpec(owner, ws, { title: 'Again' });
    const [first] = await waitForDeliveries(owner, ws, hook.id, (list) => list.length === 1 && list[0]?.status === 'succeeded');
    const res = await owner.post<{ id: string; redeliveryOf: string; status: string }>(`/api/v1/workspaces/${ws}/webhooks/${hook.id}/deliveries/${first?.id}/redeliver`);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ redeliveryOf: first?.id, status: 'pending' });
    const list = await waitForDeliveries(owner, ws, hook.id, (l) => l.length === 2 && l.every((d) => d.status === 'succeeded'));
    expect(list.map((d) => d.eventId)).toEqual([first?.eventId, first?.eventId]);
    const [original, again] = [first?.id, res.body.id].map((id) => receiver.received.find((r) => r.deliveryId === id));
    expect(again?.body).toBe(original?.body);
    expect(again?.headers['x-specboard-event-id']).toBe(String(first?.eventId));
    expect(verifySignature(hook.secret, String(again?.headers['x-specboard-timestamp']), again?.body ?? '', String(again?.headers['x-specboard-signature']))).toBe(true);
    // A delivery of another webhook is not found through this one.
    const other = await createWebhook(owner, ws, { url: receiver.url, events: ['spec.deleted'] });
    expect((await owner.post(`/api/v1/workspaces/${ws}/webhooks/${other.id}/deliveries/${first?.id}/redeliver`)).status).toBe(404);
  });

  it('delivers only the subscribed event types, and nothing while inactive', async () => {
    const ws = await workspace();
    receiver.respond(() => ({ status: 200 }));
    const hook = await createWebhook(owner, ws, { url: receiver.url, events: ['spec.deleted'] });
    const paused = await createWebhook(owner, ws, { url: receiver.url, events: ['*'], active: false });
    const spec = await createSpec(owner, ws, { title: 'Deleted soon' });
    expect((await owner.delete(`/api/v1/workspaces/${ws}/specs/${spec.number}`)).status).toBe(204);
    const list = await waitForDeliveries(owner, ws, hook.id, (l) => l.length === 1 && l[0]?.status === 'succeeded');
    expect(list.map((d) => d.eventType)).toEqual(['spec.deleted']);
    const res = await owner.get<{ items: unknown[] }>(`/api/v1/workspaces/${ws}/webhooks/${paused.id}/deliveries`);
    expect(res.body.items).toEqual([]);
  });

  it('GraphQL: create, list deliveries, redeliver; admins only; unknown event types refused as in REST', async () => {
    const ws = await workspace();
    receiver.respond(() => ({ status: 200, body: 'gql' }));
    const created = await gqlData<{ createWebhook: { webhook: { id: string; events: string[]; active: boolean }; secret: string } }>(
      owner,
      'mutation($ws: String!, $url: String!) { createWebhook(workspace: $ws, url: $url, events: ["spec.created"]) { webhook { id events active } secret } }',
      { ws, url: receiver.url },
    );
    expect(created.createWebhook.webhook).toMatchObject({ events: ['spec.created'], active: true });
    const id = created.createWebhook.webhook.id;
    await createSpec(owner, ws, { title: 'Through GraphQL' });
    await waitForDeliveries(owner, ws, id, (list) => list[0]?.status === 'succeeded');
    const listed = await gqlData<{ webhookDeliveries: { items: { id: string; status: string; responseExcerpt: string; history: { attempt: number }[] }[] } }>(
      owner,
      'query($ws: String!, $id: ID!) { webhookDeliveries(workspace: $ws, id: $id) { items { id status responseExcerpt history { attempt } } } }',
      { ws, id },
    );
    const [delivery] = listed.webhookDeliveries.items;
    expect(delivery).toMatchObject({ status: 'succeeded', responseExcerpt: 'gql', history: [{ attempt: 1 }] });
    const again = await gqlData<{ redeliverWebhookDelivery: { redeliveryOf: string; status: string } }>(
      owner,
      'mutation($ws: String!, $id: ID!, $d: ID!) { redeliverWebhookDelivery(workspace: $ws, id: $id, delivery: $d) { redeliveryOf status } }',
      { ws, id, d: delivery?.id },
    );
    expect(again.redeliverWebhookDelivery).toEqual({ redeliveryOf: delivery?.id, status: 'pending' });
    const editor = await server().addMember(owner, ws, 'editor');
    expect(codesOf(await gql(editor.client, 'query($ws: String!) { webhooks(workspace: $ws) { items { id } } }', { ws }))).toEqual(['forbidden']);
    expect(codesOf(await gql(owner, 'mutation($ws: String!, $id: ID!) { updateWebhook(workspace: $ws, id: $id, events: ["no.such"]) { id } }', { ws, id }))).toEqual(['validation_failed']);
  });
});
