// Private and loopback targets are refused unless WEBHOOKS_ALLOW_PRIVATE is set: at creation (on
// the resolved addresses) and again at delivery (a name that now resolves elsewhere).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, useTestServer, type ApiClient } from '../harness.js';
import { createSpec, expectProblem } from '../specs/helpers.js';
import { startReceiver, type Receiver } from './receiver.js';
import { createWebhook, waitForDeliveries } from './helpers.js';

describeEachDatabase('webhooks: private targets', (database) => {
  const server = useTestServer(database, { env: { WEBHOOKS_POLL_MS: '50', WEBHOOKS_RETRY_BASE_MS: '10000' } });
  let receiver: Receiver;
  let owner: ApiClient;
  let ws = '';
  beforeAll(async () => {
    receiver = await startReceiver();
    const setup = await server().setupOwner();
    owner = setup.client;
    ws = setup.workspaceKey;
  });
  afterAll(async () => {
    await receiver.close();
  });

  it('refuses private, loopback, link-local and mapped addresses, by name or literal', async () => {
    for (const url of [
      receiver.url,
      'http://localhost:8080/hook',
      'http://10.1.2.3/hook',
      'http://172.20.0.1/hook',
      'http://192.168.1.10/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]:8080/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://[fd00::1]/hook',
      'http://0.0.0.0/hook',
    ]) {
      const res = await owner.post(`/api/v1/workspaces/${ws}/webhooks`, { url, events: ['*'] });
      expectProblem(res, 422, 'webhook_target_refused');
    }
    const made = await owner.post<{ webhook: { id: string } }>(`/api/v1/workspaces/${ws}/webhooks`, { url: 'https://8.8.8.8/hook', events: ['*'], active: false });
    expect(made.status).toBe(201);
    expectProblem(await owner.patch(`/api/v1/workspaces/${ws}/webhooks/${made.body.webhook.id}`, { url: 'http://127.0.0.1:9/x' }), 422, 'webhook_target_refused');
    expectProblem(await owner.post(`/api/v1/workspaces/${ws}/webhooks`, { url: 'ftp://example.com/x', events: ['*'] }), 400, 'validation_failed');
    expectProblem(await owner.post(`/api/v1/workspaces/${ws}/webhooks`, { url: 'https://8.8.8.8/x', events: ['notification.created'] }), 400, 'validation_failed');
  });

  it('checks again at delivery: a target that now points at a private address fails the try and is not contacted', async () => {
    const hook = await createWebhook(owner, ws, { url: 'https://8.8.8.8/hook', events: ['spec.created'] });
    // As if DNS now answered with a loopback address: the stored URL points at the local receiver.
    await server().app.deps.db.updateTable('webhooks').set({ url: receiver.url }).where('id', '=', hook.id).execute();
    await createSpec(owner, ws, { title: 'Rebound' });
    const [delivery] = await waitForDeliveries(owner, ws, hook.id, (list) => (list[0]?.attempts ?? 0) >= 1);
    expect(delivery).toMatchObject({ status: 'pending', lastStatusCode: null });
    expect(delivery?.lastError).toMatch(/private, loopback or reserved/);
    expect(receiver.received).toHaveLength(0);
  });
});
