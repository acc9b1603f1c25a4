// Who may open a GraphQL subscription socket (the events endpoint's rules: session cookie with our
// Origin, or a bearer token), and sockets whose access goes away, that read too slowly, or whose
// server stops: closed with the events endpoint's codes.
import { beforeAll, expect, it } from 'vitest';
import { recordEvents, type NewEvent } from '../../../src/server/events/write.js';
import { ApiClient, describeEachDatabase, ownerSession, startTestServer, useTestServer } from '../harness.js';
import { createSpec } from '../specs/helpers.js';
import { connectGraphql, refusedGraphqlUpgrade, SPEC_EVENTS, WORKSPACE_EVENTS } from './subscription-client.js';

describeEachDatabase('graphql: subscription sockets, authentication and revocation', (database) => {
  const server = useTestServer(database, { env: { EVENTS_MAX_BUFFER: '64kb' } });
  let owner: ApiClient;
  let ws: string;
  beforeAll(async () => {
    ({ owner, ws } = await ownerSession(server()));
  });

  it('refuses anonymous upgrades (401 unauthenticated) and unknown tokens (401 invalid_token)', async () => {
    const s = server();
    expect(await refusedGraphqlUpgrade(s, {})).toEqual({ status: 401, code: 'unauthenticated' });
    expect(await refusedGraphqlUpgrade(s, { client: new ApiClient(s.baseUrl, { token: 'sbt_nope' }) })).toEqual({ status: 401, code: 'invalid_token' });
  });

  it('refuses a foreign Origin with a cookie or a token, and a cookie without Origin (403 csrf_failed)', async () => {
    const s = server();
    const token = await s.createToken(owner, ['read']);
    expect(await refusedGraphqlUpgrade(s, { client: owner, origin: 'https://evil.example' })).toEqual({ status: 403, code: 'csrf_failed' });
    expect(await refusedGraphqlUpgrade(s, { client: owner, origin: null })).toEqual({ status: 403, code: 'csrf_failed' });
    expect(await refusedGraphqlUpgrade(s, { client: token.client, origin: 'https://evil.example' })).toEqual({ status: 403, code: 'csrf_failed' });
  });

  it('accepts a session cookie with our Origin and a bearer token without Origin; queries over POST still work anonymously', async () => {
    const s = server();
    const viaCookie = await connectGraphql(s, { client: owner });
    const token = await s.createToken(owner, ['read']);
    const viaToken = await connectGraphql(s, { client: token.client, origin: null });
    await viaCookie.subscribeLive(s, WORKSPACE_EVENTS, { workspace: ws });
    await viaToken.subscribeLive(s, WORKSPACE_EVENTS, { workspace: ws });
    viaCookie.close();
    viaToken.close();
    const anonymous = await s.anonymous().post<{ errors?: { extensions: { code: string } }[] }>('/graphql', { query: '{ me { id } }' });
    expect(anonymous.body.errors?.map((e) => e.extensions.code)).toEqual(['unauthenticated']);
  });

  it('a member removed from the workspace is disconnected within a second (4403 access_revoked)', async () => {
    const s = server();
    const member = await s.addMember(owner, ws, 'viewer');
    const live = await connectGraphql(s, { client: member.client });
    await live.subscribeLive(s, WORKSPACE_EVENTS, { workspace: ws });
    const before = Date.now();
    expect((await owner.delete(`/api/v1/workspaces/${ws}/members/${member.id}`)).status).toBe(204);
    const closed = await live.closed;
    expect(closed).toMatchObject({ code: 4403, reason: 'access_revoked' });
    expect(closed.at - before).toBeLessThan(1000);
  });

  it('a socket on a revoked token is disconnected within a second (4401 credentials_revoked)', async () => {
    const s = server();
    const member = await s.addMember(owner, ws, 'editor');
    const token = await s.createToken(member.client, ['read']);
    const live = await connectGraphql(s, { client: token.client, origin: null });
    await live.subscribeLive(s, WORKSPACE_EVENTS, { workspace: ws });
    const before = Date.now();
    expect((await member.client.delete(`/api/v1/tokens/${token.id}`)).status).toBe(204);
    const closed = await live.closed;
    expect(closed).toMatchObject({ code: 4401, reason: 'credentials_revoked' });
    expect(closed.at - before).toBeLessThan(1000);
  });

  it('a socket of a session that signs out is disconnected within a second (4401 credentials_revoked); the same user on another session keeps theirs', async () => {
    const s = server();
    const member = await s.addMember(owner, ws, 'viewer');
    const other = await s.signIn(member.email, member.password);
    const leaving = await connectGraphql(s, { client: member.client });
    await leaving.subscribeLive(s, WORKSPACE_EVENTS, { workspace: ws });
    const staying = await connectGraphql(s, { client: other });
    const kept = await staying.subscribeLive(s, WORKSPACE_EVENTS, { workspace: ws });
    const before = Date.now();
    expect((await member.client.post('/api/v1/auth/sign-out')).status).toBe(204);
    const closed = await leaving.closed;
    expect(closed).toMatchObject({ code: 4401, reason: 'credentials_revoked' });
    expect(closed.at - before).toBeLessThan(1000);
    // Still open: a new event reaches it.
    await createSpec(owner, ws, { title: 'After sign-out' });
    expect(await staying.nextEvent(kept, (e) => e.type === 'spec.created')).toMatchObject({ data: { title: 'After sign-out' } });
    staying.close();
  });

  it("a password change disconnects sockets of the user's other sessions within a second (4401); the changing session's stays", async () => {
    const s = server();
    const member = await s.addMember(owner, ws, 'viewer');
    const elsewhere = await s.signIn(member.email, member.password);
    const revoked = await connectGraphql(s, { client: elsewhere });
    await revoked.subscribeLive(s, WORKSPACE_EVENTS, { workspace: ws });
    const current = await connectGraphql(s, { client: member.client });
    const kept = await current.subscribeLive(s, WORKSPACE_EVENTS, { workspace: ws });
    const before = Date.now();
    expect((await member.client.post('/api/v1/me/password', { currentPassword: member.password, newPassword: 'a brand new password' })).status).toBe(204);
    const closed = await revoked.closed;
    expect(closed).toMatchObject({ code: 4401, reason: 'credentials_revoked' });
    expect(closed.at - before).toBeLessThan(1000);
    await createSpec(owner, ws, { title: 'After the new password' });
    expect(await current.nextEvent(kept, (e) => e.type === 'spec.created')).toMatchObject({ data: { title: 'After the new password' } });
    current.close();
  });

  it('a member whose role changes keeps the subscription and hears member.role_changed', async () => {
    const s = server();
    const member = await s.addMember(owner, ws, 'editor');
    const live = await connectGraphql(s, { client: member.client });
    const id = await live.subscribeLive(s, WORKSPACE_EVENTS, { workspace: ws });
    expect((await owner.patch(`/api/v1/workspaces/${ws}/members/${member.id}`, { role: 'viewer' })).status).toBe(200);
    expect(await live.nextEvent(id, (e) => e.type === 'member.role_changed')).toMatchObject({ data: { userId: member.id, role: 'viewer' } });
    const spec = await createSpec(owner, ws, { title: 'Still here' });
    expect(await live.nextEvent(id, (e) => e.type === 'spec.created' && e.specId === spec.id)).toMatchObject({ specId: spec.id });
    live.close();
  });

  it('a client that stops reading is closed with 4429 slow_consumer once its backlog passes the limit', async () => {
    const s = server();
    const spec = await createSpec(owner, ws, { title: 'Firehose' });
    const at = s.clock.now().toISOString();
    const big = 'x'.repeat(64 * 1024);
    const events: NewEvent[] = Array.from({ length: 300 }, (_, i) => ({ type: 'revision.created', workspaceId: spec.workspaceId, specId: spec.id, actorId: null, data: { revision: i + 2, summary: big }, at }));
    const start = s.app.liveEvents.feed.cursor;
    await s.app.deps.db.transaction().execute((trx) => recordEvents(trx, events));
    while (s.app.liveEvents.feed.cursor < start + 300) await new Promise((r) => setTimeout(r, 20));

    const live = await connectGraphql(s, { client: owner });
    live.socket.pause();
    live.subscribe(SPEC_EVENTS, { spec: spec.key, since: start });
    await new Promise((r) => setTimeout(r, 500));
    live.socket.resume();
    expect(await live.closed).toMatchObject({ code: 4429, reason: 'slow_consumer' });
    expect(live.messages.filter((m) => m.type === 'next').length).toBeLessThan(300);
    expect(s.app.liveEvents.streams.size).toBe(0);
  });

  it('a server shutting down closes its subscription sockets with 1001 server_shutdown', async () => {
    const other = await startTestServer(database);
    const live = await connectGraphql(other, { client: owner });
    await live.subscribeLive(other, WORKSPACE_EVENTS, { workspace: ws });
    await other.close();
    expect(await live.closed).toMatchObject({ code: 1001, reason: 'server_shutdown' });
  });
});
