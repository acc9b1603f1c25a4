import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, useTestServer } from '../harness.js';
import type { SignedInUser } from '../harness-server.js';

interface CreatedInvite {
  invite: { id: string; role: string; status: string; expiresAt: string };
  token: string;
  url: string;
}

describeEachDatabase('invites', (database) => {
  const server = useTestServer(database);
  let owner: SignedInUser;
  const ws = 'TEAM';
  beforeAll(async () => {
    owner = await server().setupOwner({ workspaceKey: ws });
  });

  const invite = async (body: Record<string, unknown> = { role: 'editor' }): Promise<CreatedInvite> => {
    const res = await owner.client.post<CreatedInvite>(`/api/v1/workspaces/${ws}/invites`, body);
    expect(res.status).toBe(201);
    return res.body;
  };
  const account = () => ({ name: 'New Person', email: server().uniqueEmail('invitee'), password: 'a long password' });

  it('returns a one-time link; accepting creates the account, signs it in and grants the role', async () => {
    const created = await invite({ role: 'editor' });
    expect(created.url).toBe(`${server().baseUrl}/invites/${created.token}`);
    expect(created.token).toMatch(/^sbi_/);
    const anon = server().anonymous();
    const preview = await anon.get(`/api/v1/invites/${created.token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ workspace: { key: ws }, role: 'editor', email: null });
    const details = account();
    const accepted = await anon.post<{ user: { email: string }; role: string }>(`/api/v1/invites/${created.token}/accept`, details);
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ user: { email: details.email }, role: 'editor', workspace: { key: ws } });
    expect(anon.cookie).not.toBeNull();
    const me = await anon.get<{ memberships: { workspaceKey: string; role: string }[] }>('/api/v1/me');
    expect(me.body.memberships).toEqual([expect.objectContaining({ workspaceKey: ws, role: 'editor' })]);
    const listed = await owner.client.get<{ items: { id: string; status: string }[] }>(`/api/v1/workspaces/${ws}/invites`);
    expect(listed.body.items.find((i) => i.id === created.invite.id)?.status).toBe('accepted');
  });

  it('is single use', async () => {
    const created = await invite();
    expect((await server().anonymous().post(`/api/v1/invites/${created.token}/accept`, account())).status).toBe(201);
    const second = await server().anonymous().post(`/api/v1/invites/${created.token}/accept`, account());
    expect(second.status).toBe(410);
    expect(second.body).toMatchObject({ code: 'invite_used' });
    expect((await server().anonymous().get(`/api/v1/invites/${created.token}`)).body).toMatchObject({ code: 'invite_used' });
  });

  it('is single use under concurrent accepts', async () => {
    const created = await invite();
    const results = await Promise.all([1, 2, 3].map(() => server().anonymous().post(`/api/v1/invites/${created.token}/accept`, account())));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 201 || s === 410)).toBe(true);
  });

  it('expires', async () => {
    const created = await invite({ role: 'viewer', expiresInHours: 1 });
    server().clock.advance(2 * 3_600_000);
    const res = await server().anonymous().post(`/api/v1/invites/${created.token}/accept`, account());
    expect(res.status).toBe(410);
    expect(res.body).toMatchObject({ code: 'invite_expired' });
  });

  it('can be revoked', async () => {
    const created = await invite();
    expect((await owner.client.delete(`/api/v1/workspaces/${ws}/invites/${created.invite.id}`)).status).toBe(204);
    const res = await server().anonymous().post(`/api/v1/invites/${created.token}/accept`, account());
    expect(res.status).toBe(410);
    expect(res.body).toMatchObject({ code: 'invite_revoked' });
  });

  it('answers 404 for an unknown token', async () => {
    const res = await server().anonymous().post('/api/v1/invites/sbi_doesnotexist/accept', account());
    expect(res.status).toBe(404);
  });

  it('restricts an invite to its email address when given one', async () => {
    const email = server().uniqueEmail('exact');
    const created = await invite({ role: 'viewer', email });
    const wrong = await server().anonymous().post(`/api/v1/invites/${created.token}/accept`, account());
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ code: 'invite_email_mismatch' });
    const right = await server().anonymous().post(`/api/v1/invites/${created.token}/accept`, { ...account(), email: email.toUpperCase() });
    expect(right.status).toBe(201);
  });

  it('lets a signed-in user join with an empty body, and needs all fields otherwise', async () => {
    const other = await owner.client.post<{ key: string }>('/api/v1/workspaces', { name: 'Other', key: 'OTHER' });
    expect(other.status).toBe(201);
    const member = await server().addMember(owner.client, ws, 'viewer');
    const created = (await owner.client.post<CreatedInvite>('/api/v1/workspaces/OTHER/invites', { role: 'editor' })).body;
    const partial = await server().anonymous().post(`/api/v1/invites/${created.token}/accept`, { email: server().uniqueEmail() });
    expect(partial.status).toBe(400);
    expect(partial.body).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ field: 'name', code: 'required' }), expect.objectContaining({ field: 'password' })] });
    const joined = await member.client.post(`/api/v1/invites/${created.token}/accept`, {});
    expect(joined.status).toBe(201);
    const me = await member.client.get<{ memberships: { workspaceKey: string; role: string }[] }>('/api/v1/me');
    expect(me.body.memberships.map((m) => `${m.workspaceKey}:${m.role}`).sort()).toEqual(['OTHER:editor', `${ws}:viewer`]);
  });

  it('only owners invite owners', async () => {
    const admin = await server().addMember(owner.client, ws, 'admin');
    const res = await admin.client.post(`/api/v1/workspaces/${ws}/invites`, { role: 'owner' });
    expect(res.status).toBe(403);
    expect((await admin.client.post(`/api/v1/workspaces/${ws}/invites`, { role: 'admin' })).status).toBe(201);
    expect((await owner.client.post(`/api/v1/workspaces/${ws}/invites`, { role: 'owner' })).status).toBe(201);
  });

  it('audits invite creation, acceptance and revocation', async () => {
    const created = await invite();
    await server().anonymous().post(`/api/v1/invites/${created.token}/accept`, account());
    const trail = await server().app.database.db.selectFrom('auditEvents').select('action').where('targetId', '=', created.invite.id).orderBy('id').execute();
    expect(trail.map((t) => t.action)).toEqual(['invite.created', 'invite.accepted']);
  });
});
