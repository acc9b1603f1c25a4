import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, useTestServer, type ApiClient } from '../harness.js';
import type { SignedInUser } from '../harness-server.js';

interface WorkspaceView {
  id: string;
  key: string;
  name: string;
  role: string;
  permissions: Record<string, boolean>;
}
interface Member {
  userId: string;
  email: string;
  role: string;
}

describeEachDatabase('workspaces and members', (database) => {
  const server = useTestServer(database);
  let owner: SignedInUser;
  let ws: string;
  beforeAll(async () => {
    const o = await server().setupOwner({ workspaceKey: 'CORE' });
    owner = o;
    ws = o.workspaceKey;
  });

  it('creates, lists, reads (by key or id), renames and deletes workspaces', async () => {
    const created = await owner.client.post<WorkspaceView>('/api/v1/workspaces', { name: 'Payments', key: 'PAY' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: 'PAY', role: 'owner', permissions: { delete: true, manageMembers: true } });
    const dup = await owner.client.post('/api/v1/workspaces', { name: 'Again', key: 'PAY' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'workspace_key_taken' });
    const badKey = await owner.client.post('/api/v1/workspaces', { name: 'x', key: 'pay' });
    expect(badKey.body).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ field: 'key', code: 'invalid_format' })] });
    const list = await owner.client.get<{ items: WorkspaceView[] }>('/api/v1/workspaces');
    expect(list.body.items.map((w) => w.key)).toEqual(['CORE', 'PAY']);
    expect((await owner.client.get<WorkspaceView>(`/api/v1/workspaces/${created.body.id}`)).body.key).toBe('PAY');
    const renamed = await owner.client.patch<WorkspaceView>('/api/v1/workspaces/PAY', { name: 'Payments team' });
    expect(renamed.body.name).toBe('Payments team');
    expect((await owner.client.delete('/api/v1/workspaces/PAY')).status).toBe(204);
    expect((await owner.client.get('/api/v1/workspaces/PAY')).status).toBe(404);
    const trail = await server().app.database.db.selectFrom('auditEvents').select('action').where('workspaceId', '=', created.body.id).orderBy('id').execute();
    expect(trail.map((t) => t.action)).toEqual(['workspace.created', 'workspace.updated', 'workspace.deleted']);
  });

  it('lets admins create accounts directly with a role; duplicate emails are refused', async () => {
    const email = server().uniqueEmail('direct');
    const res = await owner.client.post<Member>(`/api/v1/workspaces/${ws}/members`, { name: 'Dee Rect', email, password: 'long enough pw', role: 'editor' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email, role: 'editor' });
    const dup = await owner.client.post(`/api/v1/workspaces/${ws}/members`, { name: 'Dee', email: email.toUpperCase(), password: 'long enough pw', role: 'viewer' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'email_taken' });
    const signIn = await server().signIn(email, 'long enough pw');
    expect((await signIn.get<WorkspaceView>(`/api/v1/workspaces/${ws}`)).body.role).toBe('editor');
  });

  it('changes roles and removes members, with audit events', async () => {
    const member = await server().addMember(owner.client, ws, 'viewer');
    const promoted = await owner.client.patch<Member>(`/api/v1/workspaces/${ws}/members/${member.id}`, { role: 'editor' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe('editor');
    expect((await member.client.get<WorkspaceView>(`/api/v1/workspaces/${ws}`)).body.role).toBe('editor');
    expect((await owner.client.delete(`/api/v1/workspaces/${ws}/members/${member.id}`)).status).toBe(204);
    expect((await member.client.get(`/api/v1/workspaces/${ws}`)).status).toBe(404);
    const trail = await server().app.database.db.selectFrom('auditEvents').select(['action', 'beforeJson', 'afterJson']).where('targetId', '=', member.id).orderBy('id').execute();
    expect(trail.map((t) => t.action)).toEqual(['member.added', 'member.role_changed', 'member.removed']);
    expect(JSON.parse(trail[1]?.afterJson ?? 'null')).toEqual({ role: 'editor' });
  });

  it('only owners grant, change or remove ownership; admins manage the rest', async () => {
    const admin = await server().addMember(owner.client, ws, 'admin');
    const viewer = await server().addMember(owner.client, ws, 'viewer');
    const makeOwner = await admin.client.patch(`/api/v1/workspaces/${ws}/members/${viewer.id}`, { role: 'owner' });
    expect(makeOwner.status).toBe(403);
    const demoteOwner = await admin.client.patch(`/api/v1/workspaces/${ws}/members/${owner.id}`, { role: 'viewer' });
    expect(demoteOwner.status).toBe(403);
    const removeOwner = await admin.client.delete(`/api/v1/workspaces/${ws}/members/${owner.id}`);
    expect(removeOwner.status).toBe(403);
    expect((await admin.client.patch(`/api/v1/workspaces/${ws}/members/${viewer.id}`, { role: 'editor' })).status).toBe(200);
    const byOwner = await owner.client.patch<Member>(`/api/v1/workspaces/${ws}/members/${viewer.id}`, { role: 'owner' });
    expect(byOwner.body.role).toBe('owner');
    expect((await owner.client.patch(`/api/v1/workspaces/${ws}/members/${viewer.id}`, { role: 'viewer' })).status).toBe(200);
  });

  it('never leaves a workspace without an owner', async () => {
    const solo = await owner.client.post<WorkspaceView>('/api/v1/workspaces', { name: 'Solo', key: 'SOLO' });
    const demote = await owner.client.patch(`/api/v1/workspaces/SOLO/members/${owner.id}`, { role: 'admin' });
    expect(demote.status).toBe(409);
    expect(demote.body).toMatchObject({ code: 'last_owner' });
    const leave = await owner.client.delete(`/api/v1/workspaces/SOLO/members/${owner.id}`);
    expect(leave.body).toMatchObject({ code: 'last_owner' });
    expect(solo.status).toBe(201);
  });

  it('lists members with cursor pagination', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/api/v1/workspaces/${ws}/members?limit=2${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const page = await owner.client.get<{ items: Member[]; nextCursor: string | null }>(path);
      seen.push(...page.body.items.map((m) => m.userId));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    const all = await owner.client.get<{ items: Member[] }>(`/api/v1/workspaces/${ws}/members?limit=200`);
    expect(seen).toEqual(all.body.items.map((m) => m.userId));
    expect(seen.length).toBeGreaterThan(3);
    const bad = await owner.client.get(`/api/v1/workspaces/${ws}/members?cursor=not-a-cursor`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'invalid_cursor' });
  });

  it('shows the audit trail to admins, newest first', async () => {
    const res = await owner.client.get<{ items: { action: string; actorId: string }[] }>(`/api/v1/workspaces/${ws}/audit-events?limit=5`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBe(5);
    expect(res.body.items.every((e) => typeof e.action === 'string')).toBe(true);
  });
});

describeEachDatabase('isolation between workspaces', (database) => {
  const server = useTestServer(database);
  let owner: SignedInUser;
  let outsider: ApiClient;
  let secretWs: { id: string; key: string };
  let secretMemberId: string;
  let secretInviteId: string;
  beforeAll(async () => {
    owner = await server().setupOwner({ workspaceKey: 'MAIN' });
    const created = await owner.client.post<WorkspaceView>('/api/v1/workspaces', { name: 'Secret', key: 'SECRET' });
    secretWs = created.body;
    const member = await server().addMember(owner.client, 'SECRET', 'editor');
    secretMemberId = member.id;
    secretInviteId = (await owner.client.post<{ invite: { id: string } }>('/api/v1/workspaces/SECRET/invites', { role: 'viewer' })).body.invite.id;
    // An admin of MAIN only.
    outsider = (await server().addMember(owner.client, 'MAIN', 'admin')).client;
  });

  it('answers 404 (never 403) for every route of a workspace one is not a member of', async () => {
    for (const ref of [secretWs.key, secretWs.id]) {
      const attempts = [
        outsider.get(`/api/v1/workspaces/${ref}`),
        outsider.patch(`/api/v1/workspaces/${ref}`, { name: 'x' }),
        outsider.delete(`/api/v1/workspaces/${ref}`),
        outsider.get(`/api/v1/workspaces/${ref}/members`),
        outsider.post(`/api/v1/workspaces/${ref}/members`, { name: 'x', email: server().uniqueEmail(), password: 'long enough pw', role: 'viewer' }),
        outsider.patch(`/api/v1/workspaces/${ref}/members/${secretMemberId}`, { role: 'viewer' }),
        outsider.delete(`/api/v1/workspaces/${ref}/members/${secretMemberId}`),
        outsider.get(`/api/v1/workspaces/${ref}/invites`),
        outsider.post(`/api/v1/workspaces/${ref}/invites`, { role: 'viewer' }),
        outsider.delete(`/api/v1/workspaces/${ref}/invites/${secretInviteId}`),
        outsider.get(`/api/v1/workspaces/${ref}/templates`),
        outsider.get(`/api/v1/workspaces/${ref}/audit-events`),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ code: 'not_found' });
      }
    }
  });

  it('does not reach foreign members or invites through a workspace one administers', async () => {
    const patch = await outsider.patch(`/api/v1/workspaces/MAIN/members/${secretMemberId}`, { role: 'viewer' });
    expect(patch.status).toBe(404);
    const revoke = await outsider.delete(`/api/v1/workspaces/MAIN/invites/${secretInviteId}`);
    expect(revoke.status).toBe(404);
    const invites = await owner.client.get<{ items: { id: string; status: string }[] }>('/api/v1/workspaces/SECRET/invites');
    expect(invites.body.items.find((i) => i.id === secretInviteId)?.status).toBe('pending');
  });

  it('does not list foreign workspaces', async () => {
    const list = await outsider.get<{ items: WorkspaceView[] }>('/api/v1/workspaces');
    expect(list.body.items.map((w) => w.key)).toEqual(['MAIN']);
  });
});
