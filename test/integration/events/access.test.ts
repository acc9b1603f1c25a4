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
