// Changing a webhook (PATCH and GraphQL updateWebhook, what the settings screen's Edit form sends):
// URL, events, description, active and a new secret, which signs the next deliveries; the secret is
// never answered back nor written to the audit trail; admins only.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifySignature } from '../../../src/server/webhooks/index.js';
import { describeEachDatabase, useTestServer, type ApiClient } from '../harness.js';
import { codesOf, gqlData, gql } from '../graphql/helpers.js';
import { createSpec, expectProblem } from '../specs/helpers.js';
import { startReceiver, type Receiver } from './receiver.js';
import { createWebhook, waitForDeliveries, WEBHOOK_ENV } from './helpers.js';

interface HookBody {
  id: string;
  url: string;
  events: string[];
  description: string;
  active: boolean;
  updatedAt: string;
}

describeEachDatabase('webhooks: editing', (database) => {
  const server = useTestServer(database, { env: WEBHOOK_ENV });
  let receiver: Receiver;
  let owner: ApiClient;
  const ws = 'SPEC';
  const path = (id: string) => `/api/v1/workspaces/${ws}/webhooks/${id}`;

  beforeAll(async () => {
    receiver = await startReceiver();
    owner = (await server().setupOwner()).client;
  });
  afterAll(async () => {
    await receiver.close();
  });

  it('PATCH changes URL, events, description and secret: the next delivery goes to the new URL, for the new events, signed with the new secret', async () => {
    const oldSecret = 'the-first-secret-0123456789';
    const newSecret = 'the-rotated-secret-0123456789';
    const hook = await createWebhook(owner, ws, { url: `${receiver.url}?before`, events: ['spec.created'], secret: oldSecret });
    const created = await owner.get<HookBody>(path(hook.id));
    const res = await owner.patch<HookBody & { secret?: string }>(path(hook.id), { url: `${receiver.url}?after`, events: ['spec.deleted'], description: 'Edited', secret: newSecret });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id: hook.id, url: `${receiver.url}?after`, events: ['spec.deleted'], description: 'Edited', active: true });
    expect(res.body).not.toHaveProperty('secret');
    expect(res.body.updatedAt >= created.body.updatedAt).toBe(true);
    expect((await owner.get<HookBody>(path(hook.id))).body).toEqual(res.body);

    const spec = await createSpec(owner, ws, { title: 'Edited hook' });
    expect((await owner.delete(`/api/v1/workspaces/${ws}/specs/${spec.number}`)).status).toBe(204);
    const [delivery] = await waitForDeliveries(owner, ws, hook.id, (l) => l.length === 1 && l[0]?.status === 'succeeded');
    expect(delivery?.eventType).toBe('spec.deleted');
    const got = receiver.received.find((r) => r.deliveryId === delivery?.id);
    expect(got?.headers['x-specboard-webhook']).toBe(hook.id);
    const [timestamp, signature] = [String(got?.headers['x-specboard-timestamp']), String(got?.headers['x-specboard-signature'])];
    expect(verifySignature(newSecret, timestamp, got?.body ?? '', signature)).toBe(true);
    expect(verifySignature(oldSecret, timestamp, got?.body ?? '', signature)).toBe(false);

    const trail = await server().app.database.db.selectFrom('auditEvents').select('afterJson').where('action', '=', 'webhook.updated').where('targetId', '=', hook.id).execute();
    expect(trail).toHaveLength(1);
    expect(JSON.parse(trail[0]?.afterJson ?? '{}')).toMatchObject({ description: 'Edited', secretChanged: true });
    expect(trail[0]?.afterJson).not.toContain(newSecret);
  });

  it('PATCH pauses and resumes; bad fields are refused and change nothing; editors may not edit', async () => {
    const hook = await createWebhook(owner, ws, { url: receiver.url, events: ['*'], description: 'Kept' });
    expect((await owner.patch<HookBody>(path(hook.id), { active: false })).body).toMatchObject({ active: false, description: 'Kept', events: ['*'] });
    expect((await owner.patch<HookBody>(path(hook.id), { active: true })).body).toMatchObject({ active: true, description: 'Kept' });
    expectProblem(await owner.patch(path(hook.id), { secret: 'too short' }), 400, 'validation_failed');
    expectProblem(await owner.patch(path(hook.id), { events: [] }), 400, 'validation_failed');
    expectProblem(await owner.patch(path(hook.id), { url: 'ftp://example.com/x' }), 400, 'validation_failed');
    const editor = await server().addMember(owner, ws, 'editor');
    expectProblem(await editor.client.patch(path(hook.id), { description: 'Mine now' }), 403, 'forbidden');
    expect((await owner.get<HookBody>(path(hook.id))).body).toMatchObject({ url: receiver.url, events: ['*'], description: 'Kept', active: true });
  });

  it('GraphQL updateWebhook changes the same fields as PATCH', async () => {
    const hook = await createWebhook(owner, ws, { url: receiver.url, events: ['spec.created'] });
    const data = await gqlData<{ updateWebhook: HookBody }>(
      owner,
      'mutation($ws: String!, $id: ID!, $url: String!) { updateWebhook(workspace: $ws, id: $id, url: $url, events: ["comment.created", "spec.updated"], description: "Via GraphQL", active: false, secret: "graphql-secret-0123456789") { id url events description active updatedAt } }',
      { ws, id: hook.id, url: `${receiver.url}?gql` },
    );
    expect(data.updateWebhook).toMatchObject({ id: hook.id, url: `${receiver.url}?gql`, events: ['comment.created', 'spec.updated'], description: 'Via GraphQL', active: false });
    expect((await owner.get<HookBody>(path(hook.id))).body).toMatchObject(data.updateWebhook);
    expect(codesOf(await gql(owner, 'mutation($ws: String!, $id: ID!) { updateWebhook(workspace: $ws, id: $id, secret: "short") { id } }', { ws, id: hook.id }))).toEqual(['validation_failed']);
  });
});
