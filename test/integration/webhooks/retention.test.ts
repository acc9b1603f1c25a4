// Delivery log retention (docs/webhooks.md): finished deliveries older than the window are deleted
// with their tries, in batches, by several pruners at once without errors; pending ones (never
// tried, or retrying) and recent ones stay. The pruning is called with a cutoff, nothing waits.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pruneDeliveries, retentionCutoff } from '../../../src/server/webhooks/index.js';
import { describeEachDatabase, useTestServer, type ApiClient } from '../harness.js';
import { createSpec } from '../specs/helpers.js';
import { startReceiver, type Answer, type Receiver } from './receiver.js';
import { createWebhook, deliveries, waitForDeliveries, WEBHOOK_ENV } from './helpers.js';

const DAY_MS = 86_400_000;

describeEachDatabase('webhooks: delivery log retention', (database) => {
  const server = useTestServer(database, { env: WEBHOOK_ENV });
  let receiver: Receiver;
  let owner: ApiClient;

  beforeAll(async () => {
    receiver = await startReceiver();
    owner = (await server().setupOwner()).client;
  });
  afterAll(async () => {
    await receiver.close();
  });

  it('prunes finished deliveries older than the cutoff with their tries, in concurrent batches; keeps recent, pending and retrying ones', async () => {
    const ws = 'SPEC';
    const path = (id: string) => `/api/v1/workspaces/${ws}/webhooks/${id}`;
    const ok = await createWebhook(owner, ws, { url: receiver.url, events: ['spec.created'] });
    const failing = await createWebhook(owner, ws, { url: `${receiver.url}?failing`, events: ['spec.created'] });
    // The retrying webhook's first try is held until the test has paused the webhook, then fails:
    // it stays pending with one try made and a next one due (a delivery being retried).
    let retryingId = '';
    let release: (answer: Answer) => void = () => undefined;
    const held = new Promise<Answer>((resolve) => {
      release = resolve;
    });
    receiver.respond((request) => {
      const hook = String(request.headers['x-specboard-webhook']);
      if (hook === failing.id) return { status: 503, body: 'gone' };
      if (hook === retryingId) return held;
      return { status: 200, body: 'ok' };
    });

    await createSpec(owner, ws, { title: 'Old one' });
    // Created after the first event: it gets the second only.
    const retrying = await createWebhook(owner, ws, { url: `${receiver.url}?retrying`, events: ['spec.created'] });
    retryingId = retrying.id;
    await createSpec(owner, ws, { title: 'Old two' });
    await expect.poll(() => receiver.received.some((r) => r.headers['x-specboard-webhook'] === retrying.id), { timeout: 20_000 }).toBe(true);
    expect((await owner.patch(path(retrying.id), { active: false })).status).toBe(200);
    release({ status: 500, body: 'retry later' });
    const [retried] = await waitForDeliveries(owner, ws, retrying.id, (l) => l.length === 1 && l[0]?.attempts === 1);
    const oldOk = await waitForDeliveries(owner, ws, ok.id, (l) => l.length === 2 && l.every((d) => d.status === 'succeeded'));
    const oldFailed = await waitForDeliveries(owner, ws, failing.id, (l) => l.length === 2 && l.every((d) => d.status === 'failed'));
    // Paused, so never sent: a redelivery that stays pending with no try at all.
    expect((await owner.patch(path(failing.id), { active: false })).status).toBe(200);
    const redelivery = await owner.post<{ id: string; status: string }>(`${path(failing.id)}/deliveries/${oldFailed[0]?.id}/redeliver`);
    expect(redelivery.body.status).toBe('pending');

    // Everything above happened before the cutoff; what follows, after it.
    const cutoff = new Date().toISOString();
    await expect.poll(() => new Date().toISOString() > cutoff).toBe(true);
    await createSpec(owner, ws, { title: 'Recent' });
    const withRecent = await waitForDeliveries(owner, ws, ok.id, (l) => l.length === 3 && l.every((d) => d.status === 'succeeded'));
    const recent = withRecent[0];

    const { db, dialect } = server().app.database;
    const oldIds = [...oldOk, ...oldFailed].map((d) => d.id);
    expect(await db.selectFrom('webhookAttempts').select('id').where('deliveryId', 'in', oldIds).execute()).toHaveLength(2 + 2 * 8);
    // Three pruners at once with one row per batch, as nodes of a cluster: each old row is deleted
    // once, none fails, and they stop when nothing old is left.
    const counts = await Promise.all([1, 2, 3].map(() => pruneDeliveries(db, dialect, cutoff, { batch: 1 })));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(4);
    expect(await pruneDeliveries(db, dialect, cutoff)).toBe(0);

    expect((await deliveries(owner, ws, ok.id)).map((d) => d.id)).toEqual([recent?.id]);
    expect((await deliveries(owner, ws, failing.id)).map((d) => [d.id, d.status])).toEqual([[redelivery.body.id, 'pending']]);
    const [stillRetrying] = await deliveries(owner, ws, retrying.id);
    expect(stillRetrying).toMatchObject({ id: retried?.id, status: 'pending', attempts: 1, lastStatusCode: 500 });
    expect(await db.selectFrom('webhookAttempts').select('id').where('deliveryId', 'in', oldIds).execute()).toEqual([]);

    // The worker's pass uses WEBHOOKS_DELIVERY_RETENTION_DAYS (30 by default) back from `now`.
    expect(server().config.webhooks.deliveryRetentionDays).toBe(30);
    expect(await server().app.webhooks.prune(new Date(Date.now() + 29 * DAY_MS))).toBe(0);
    expect(await server().app.webhooks.prune(new Date(Date.now() + 31 * DAY_MS))).toBe(1);
    expect(await deliveries(owner, ws, ok.id)).toEqual([]);
    expect((await deliveries(owner, ws, failing.id)).map((d) => d.status)).toEqual(['pending']);
    expect((await deliveries(owner, ws, retrying.id)).map((d) => d.status)).toEqual(['pending']);
  });

  it('retention 0 keeps every delivery', () => {
    expect(retentionCutoff(new Date(), 0)).toBeNull();
    expect(retentionCutoff(new Date('2026-03-31T00:00:00.000Z'), 30)).toBe('2026-03-01T00:00:00.000Z');
  });
});
