// Connections whose access goes away are closed promptly, and slow readers cannot grow the
// server's memory: they are cut off once their send buffer passes the limit.
import { beforeAll, expect, it } from 'vitest';
import { recordEvents, type NewEvent } from '../../../src/server/events/write.js';
import { describeEachDatabase, ownerSession, startTestServer, useTestServer, type ApiClient } from '../harness.js';
import { createSpec } from '../specs/helpers.js';
import { connect, subscribe } from './ws-client.js';

describeEachDatabase('live events: revoked access and slow consumers', (database) => {
  const server = useTestServer(database, { env: { EVENTS_MAX_BUFFER: '64kb' } });
  let owner: ApiClient;
  let ws: string;
  beforeAll(async () => {
    ({ owner, ws } = await ownerSession(server()));
  });

  it('a member removed from the workspace is disconnected within a second (4403 access_revoked)', async () => {
    const s = server();
    const member = await s.addMember(owner, ws, 'viewer');
    const live = await connect(s, { client: member.client });
    await subscribe(live, { workspace: ws });
    const before = Date.now();
    expect((await owner.delete(`/api/v1/workspaces/${ws}/members/${member.id}`)).status).toBe(204);
    const closed = await live.closed;
    expect(closed).toMatchObject({ code: 4403, reason: 'access_revoked' });
    expect(closed.at - before).toBeLessThan(1000);
  });

  it('a connection on a revoked token is disconnected within a second (4401 credentials_revoked)', async () => {
    const s = server();
    const member = await s.addMember(owner, ws, 'editor');
    const token = await s.createToken(member.client, ['read']);
    const live = await connect(s, { client: token.client, origin: null });
    await subscribe(live, { workspace: ws });
    const before = Date.now();
    expect((await member.client.delete(`/api/v1/tokens/${token.id}`)).status).toBe(204);
    const closed = await live.closed;
    expect(closed).toMatchObject({ code: 4401, reason: 'credentials_revoked' });
    expect(closed.at - before).toBeLessThan(1000);
  });

  it('the connections of a session that signs out are closed within a second (4401 credentials_revoked); another session of the same user keeps its own', async () => {
    const s = server();
    const member = await s.addMember(owner, ws, 'viewer');
    const other = await s.signIn(member.email, member.password);
    const leaving = await connect(s, { client: member.client });
    await subscribe(leaving, { workspace: ws });
    const staying = await connect(s, { client: other });
    await subscribe(staying, { workspace: ws });
    const before = Date.now();
    expect((await member.client.post('/api/v1/auth/sign-out')).status).toBe(204);
    const closed = await leaving.closed;
    expect(closed).toMatchObject({ code: 4401, reason: 'credentials_revoked' });
    expect(closed.at - before).toBeLessThan(1000);
    // The other session hears why (session.revoked, only to its user) and stays open.
    expect(await staying.nextEvent((e) => e.type === 'session.revoked')).toMatchObject({ workspaceId: null, data: { reason: 'sign_out' } });
    staying.send({ op: 'ping' });
    expect(await staying.next((m) => m.op === 'pong')).toEqual({ op: 'pong' });
    // Signing out everywhere closes it too.
    const everywhereAt = Date.now();
    expect((await other.post('/api/v1/auth/sign-out-everywhere')).status).toBe(204);
    const closedToo = await staying.closed;
    expect(closedToo).toMatchObject({ code: 4401, reason: 'credentials_revoked' });
    expect(closedToo.at - everywhereAt).toBeLessThan(1000);
  });

  it("a password change closes the connections of the user's other sessions within a second (4401); the changing session's and token connections stay", async () => {
    const s = server();
    const member = await s.addMember(owner, ws, 'editor');
    const elsewhere = await s.signIn(member.email, member.password);
    const token = await s.createToken(member.client, ['read']);
    const revoked = await connect(s, { client: elsewhere });
    await subscribe(revoked, { workspace: ws });
    const current = await connect(s, { client: member.client });
    await subscribe(current, { workspace: ws });
    const viaToken = await connect(s, { client: token.client, origin: null });
    await subscribe(viaToken, { workspace: ws });
    const before = Date.now();
    expect((await member.client.post('/api/v1/me/password', { currentPassword: member.password, newPassword: 'a brand new password' })).status).toBe(204);
    const closed = await revoked.closed;
    expect(closed).toMatchObject({ code: 4401, reason: 'credentials_revoked' });
    expect(closed.at - before).toBeLessThan(1000);
    for (const live of [current, viaToken]) {
      expect(await live.nextEvent((e) => e.type === 'session.revoked')).toMatchObject({ data: { reason: 'password_changed' } });
      live.send({ op: 'ping' });
      expect(await live.next((m) => m.op === 'pong')).toEqual({ op: 'pong' });
      live.close();
    }
  });

  it('a member whose role changes keeps a connection to what they can still read', async () => {
    const s = server();
    const member = await s.addMember(owner, ws, 'editor');
    const live = await connect(s, { client: member.client });
    await subscribe(live, { workspace: ws });
    expect((await owner.patch(`/api/v1/workspaces/${ws}/members/${member.id}`, { role: 'viewer' })).status).toBe(200);
    expect(await live.nextEvent((e) => e.type === 'member.role_changed')).toMatchObject({ data: { userId: member.id, role: 'viewer' } });
    live.send({ op: 'ping' });
    expect(await live.next((m) => m.op === 'pong')).toEqual({ op: 'pong' });
    live.close();
  });

  it('a client that stops reading is closed with 4429 slow_consumer once its buffer passes the limit', async () => {
    const s = server();
    const spec = await createSpec(owner, ws, { title: 'Firehose' });
    const { db } = s.app.deps;
    // 300 events of 64 KiB: far more than the kernel's socket buffers and the 64 KiB limit.
    const at = s.clock.now().toISOString();
    const big = 'x'.repeat(64 * 1024);
    const events: NewEvent[] = Array.from({ length: 300 }, (_, i) => ({ type: 'revision.created', workspaceId: spec.workspaceId, specId: spec.id, actorId: null, data: { revision: i + 2, summary: big }, at }));
    const start = s.app.liveEvents.feed.cursor;
    await db.transaction().execute((trx) => recordEvents(trx, events));
    while (s.app.liveEvents.feed.cursor < start + 300) await new Promise((r) => setTimeout(r, 20));

    const live = await connect(s, { client: owner });
    live.socket.pause();
    live.send({ op: 'subscribe', spec: spec.key, since: start });
    await new Promise((r) => setTimeout(r, 500));
    live.socket.resume();
    const closed = await live.closed;
    expect(closed).toMatchObject({ code: 4429, reason: 'slow_consumer' });
    const received = live.messages.filter((m) => m.op === 'event').length;
    expect(received).toBeLessThan(300);
    expect(s.app.liveEvents.hub.size).toBe(0);
  });

  it('a server shutting down closes its connections with 1001 server_shutdown', async () => {
    // A second server on the suite's database: the owner's session works there too.
    const other = await startTestServer(database);
    const live = await connect(other, { client: owner });
    await other.close();
    expect(await live.closed).toMatchObject({ code: 1001, reason: 'server_shutdown' });
  });
});
