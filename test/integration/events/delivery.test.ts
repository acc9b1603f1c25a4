// What a subscriber receives: authorization of subscriptions, events of REST changes, replay
// after a reconnect, resync beyond retention, and presence.
import { beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient } from '../harness.js';
import type { SignedInUser } from '../harness-server.js';
import { assign, ok } from '../reviews/helpers.js';
import { createSpec, putContent, specsPath } from '../specs/helpers.js';
import { connect, subscribe, type EventEnvelopeLike, type LiveClient } from './ws-client.js';

const HOUR = 3_600_000;

describeEachDatabase('live events: subscriptions and delivery', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let ws: string;
  let viewer: SignedInUser;
  let outsider: SignedInUser;

  beforeAll(async () => {
    const s = server();
    ({ owner, ws } = await ownerSession(s));
    viewer = await s.addMember(owner, ws, 'viewer');
    await owner.post('/api/v1/workspaces', { name: 'Other', key: 'OTHER' });
    outsider = await s.addMember(owner, 'OTHER', 'owner');
  });

  it('a viewer may subscribe to the workspace and to a spec; an outsider is refused (not_found)', async () => {
    const s = server();
    const spec = await createSpec(owner, ws, { title: 'Watched' });
    const live = await connect(s, { client: viewer.client });
    expect(await subscribe(live, { workspace: ws })).toMatchObject({ op: 'subscribed', workspaceId: spec.workspaceId, specId: null });
    expect(await subscribe(live, { spec: spec.key })).toMatchObject({ op: 'subscribed', specId: spec.id });
    expect(await subscribe(live, { spec: String(spec.number), workspace: ws })).toMatchObject({ op: 'subscribed', specId: spec.id });
    const token = await s.createToken(viewer.client, ['read']);
    const viaToken = await connect(s, { client: token.client, origin: null });
    expect(await subscribe(viaToken, { spec: spec.id })).toMatchObject({ op: 'subscribed', specId: spec.id });

    const foreign = await connect(s, { client: outsider.client });
    expect(await subscribe(foreign, { workspace: ws })).toMatchObject({ op: 'error', code: 'not_found' });
    expect(await subscribe(foreign, { spec: spec.id })).toMatchObject({ op: 'error', code: 'not_found' });
    expect(await subscribe(foreign, { spec: spec.key })).toMatchObject({ op: 'error', code: 'not_found' });
    // And it never hears of changes in a workspace it cannot read.
    await putContent(owner, ws, spec.number, '# Watched\n\nSecret change.\n', spec.etag);
    await live.nextEvent((e) => e.type === 'revision.created' && e.specId === spec.id);
    expect(foreign.messages.filter((m) => m.op === 'event')).toEqual([]);
    for (const c of [live, viaToken, foreign]) c.close();
  });

  it('handles a subscribe sent right on open, before ready arrives', async () => {
    const s = server();
    const socket = new WebSocket(`${s.baseUrl.replace(/^http/, 'ws')}/api/v1/events`, { headers: { cookie: `specboard_session=${viewer.client.cookie ?? ''}`, origin: s.baseUrl } });
    const got: { op: string }[] = [];
    socket.on('message', (raw: Buffer) => got.push(JSON.parse(raw.toString('utf8')) as { op: string }));
    socket.on('open', () => socket.send(JSON.stringify({ op: 'subscribe', workspace: ws })));
    await expect.poll(() => got.map((m) => m.op), { timeout: 5000 }).toEqual(['ready', 'subscribed']);
    socket.close();
  });

  it('refuses messages that are not the protocol, with an error message and the connection kept', async () => {
    const live = await connect(server(), { client: viewer.client });
    live.socket.send('not json');
    expect(await live.next()).toMatchObject({ op: 'error', code: 'bad_message' });
    live.send({ op: 'subscribe', workspace: ws, extra: 1 });
    expect(await live.next()).toMatchObject({ op: 'error', code: 'bad_message' });
    live.send({ op: 'ping' });
    expect(await live.next()).toEqual({ op: 'pong' });
    live.close();
  });

  it('an edit through REST arrives as events: spec.updated and revision.created', async () => {
    const s = server();
    const spec = await createSpec(owner, ws, { title: 'Edited' });
    const live = await connect(s, { client: viewer.client });
    await subscribe(live, { workspace: ws });
    const res = await putContent(owner, ws, spec.number, '# Edited\n\nNew text.\n', spec.etag, 'Typo');
    expect(res.status).toBe(200);
    // Subscribing without since starts from the server's current position, which may still be
    // just before spec.created: look for the edit's events.
    const updated = await live.nextEvent((e) => e.specId === spec.id && e.type !== 'spec.created');
    expect(updated).toMatchObject({ type: 'spec.updated', workspaceId: spec.workspaceId, data: { changed: ['content'], revision: 2, title: 'Edited' } });
    const revision = await live.nextEvent((e) => e.specId === spec.id && e.type !== 'spec.created');
    expect(revision).toMatchObject({ type: 'revision.created', data: { revision: 2, summary: 'Typo' } });
    expect(revision.id).toBeGreaterThan(updated.id);
    live.close();
  });

  it('records an event for each service operation (specs, labels, reviews, comments, notifications)', async () => {
    const s = server();
    const editor = await s.addMember(owner, ws, 'editor');
    const live = await connect(s, { client: editor.client });
    await subscribe(live, { workspace: ws });
    const spec = await createSpec(owner, ws, { title: 'Journey' });
    const path = (...rest: string[]): string => specsPath(ws, spec.number, ...rest);
    expect((await owner.patch(path(), { title: 'Journey 2' })).status).toBe(200);
    expect((await owner.patch(path(), { labels: ['api'] })).status).toBe(200);
    await assign(owner, ws, spec.number, editor.id);
    await ok(owner, ws, spec.number, 'request_review');
    await ok(editor.client, ws, spec.number, 'request_changes', { summary: 'More detail' });
    const thread = await owner.post<{ id: string }>(path('threads'), { sectionPath: 'overview', body: `Have a look @${editor.email}` });
    expect(thread.status, thread.text).toBe(201);
    expect((await editor.client.post(path('threads', thread.body.id, 'comments'), { body: 'Done' })).status).toBe(201);
    expect((await owner.post(path('threads', thread.body.id, 'resolve'), {})).status).toBe(200);
    expect((await owner.delete(path())).status).toBe(204);
    expect((await owner.post(path('restore'), {})).status).toBe(200);

    const seen: EventEnvelopeLike[] = [];
    while (!seen.some((e) => e.type === 'spec.restored')) seen.push(await live.nextEvent((e) => e.specId === spec.id || e.type === 'notification.created'));
    const types = new Set(seen.map((e) => e.type));
    for (const type of ['spec.created', 'spec.updated', 'revision.created', 'spec.status_changed', 'review.requested', 'review.submitted', 'comment.created', 'comment.resolved', 'notification.created', 'spec.deleted', 'spec.restored']) {
      expect(types, type).toContain(type);
    }
    expect(seen.find((e) => e.type === 'spec.updated' && (e.data.changed as string[]).includes('labels'))?.data.labels).toEqual(['api']);
    expect(seen.find((e) => e.type === 'spec.status_changed')?.data).toMatchObject({ action: 'request_review', from: 'draft', to: 'in_review' });
    expect(seen.find((e) => e.type === 'review.submitted')?.data).toMatchObject({ verdict: 'changes_requested', reviewerId: editor.id });
    const ids = seen.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    live.close();
  });

  it('notifications reach only their recipient', async () => {
    const s = server();
    const other = await s.addMember(owner, ws, 'editor');
    const mine = await connect(s, { client: viewer.client });
    const theirs = await connect(s, { client: other.client });
    await subscribe(mine, { workspace: ws });
    await subscribe(theirs, { workspace: ws });
    const spec = await createSpec(owner, ws, { title: 'Mentions' });
    await owner.post(specsPath(ws, spec.number, 'threads'), { sectionPath: 'overview', body: `Ping @${viewer.email}` });
    const note = await mine.nextEvent((e) => e.type === 'notification.created');
    expect(note.data).toMatchObject({ kind: 'mention' });
    await theirs.nextEvent((e) => e.type === 'comment.created' && e.specId === spec.id);
    expect(theirs.messages.some((m) => m.op === 'event' && (m.event as EventEnvelopeLike).type === 'notification.created')).toBe(false);
    mine.close();
    theirs.close();
  });

  it('after a reconnect with since, the missed events come first, in order, then live ones', async () => {
    const s = server();
    const spec = await createSpec(owner, ws, { title: 'Resume' });
    let live = await connect(s, { client: viewer.client });
    await subscribe(live, { spec: spec.key });
    let etag = (await putContent(owner, ws, spec.number, '# Resume\n\nOne.\n', spec.etag)).body.etag;
    const last = await live.nextEvent((e) => e.type === 'revision.created');
    live.close();
    await live.closed;

    for (const word of ['Two', 'Three', 'Four']) etag = (await putContent(owner, ws, spec.number, `# Resume\n\n${word}.\n`, etag)).body.etag;
    live = await connect(s, { client: viewer.client });
    live.send({ op: 'subscribe', spec: spec.key, since: last.id });
    expect(await live.next()).toMatchObject({ op: 'subscribed', specId: spec.id });
    const replayed: EventEnvelopeLike[] = [];
    for (let i = 0; i < 6; i++) replayed.push(await live.nextEvent());
    expect(replayed.map((e) => `${e.type}:${String(e.data.revision)}`)).toEqual([
      'spec.updated:3', 'revision.created:3', 'spec.updated:4', 'revision.created:4', 'spec.updated:5', 'revision.created:5',
    ]);
    expect(replayed.every((e, i) => i === 0 ? e.id > last.id : e.id > (replayed[i - 1]?.id ?? 0))).toBe(true);

    await putContent(owner, ws, spec.number, '# Resume\n\nFive.\n', etag);
    const next = await live.nextEvent();
    expect(next).toMatchObject({ type: 'spec.updated', data: { revision: 6 } });
    expect(next.id).toBeGreaterThan(replayed.at(-1)?.id ?? 0);
    live.close();
  });

  it('resuming from before the retention window, or from an id never issued, answers resync', async () => {
    const s = server();
    const spec = await createSpec(owner, ws, { title: 'Old' });
    const probe = await connect(s, { client: viewer.client });
    await subscribe(probe, { workspace: ws });
    await putContent(owner, ws, spec.number, '# Old\n\nChanged.\n', spec.etag);
    const old = await probe.nextEvent((e) => e.type === 'revision.created' && e.specId === spec.id);
    probe.close();

    s.clock.advance(s.config.events.retentionHours * HOUR + HOUR);
    expect(await s.app.liveEvents.purge()).toBeGreaterThan(0);
    const live = await connect(s, { client: viewer.client });
    live.send({ op: 'subscribe', workspace: ws, since: old.id - 1 });
    await live.next((m) => m.op === 'subscribed');
    const resync = await live.next();
    expect(resync).toMatchObject({ op: 'resync', reason: 'beyond_retention', topic: { workspace: ws } });
    expect(typeof resync.lastId).toBe('number');
    // Still subscribed, live from there on.
    const fresh = await createSpec(owner, ws, { title: 'After' });
    expect(await live.nextEvent()).toMatchObject({ type: 'spec.created', specId: fresh.id });

    live.send({ op: 'subscribe', spec: fresh.key, since: 10_000_000 });
    await live.next((m) => m.op === 'subscribed');
    expect(await live.next((m) => m.op === 'resync')).toMatchObject({ reason: 'unknown_id' });
    live.close();
  });

  it('presence: viewers of a spec see who joins and leaves (not stored as events)', async () => {
    const s = server();
    const spec = await createSpec(owner, ws, { title: 'Presence' });
    const first: LiveClient = await connect(s, { client: viewer.client });
    await subscribe(first, { spec: spec.key });
    const second = await connect(s, { client: owner });
    const joined = await subscribe(second, { spec: spec.key });
    expect((joined.viewers as { userId: string }[]).map((v) => v.userId).sort()).toEqual([viewer.id, spec.author.id].sort());
    const join = await first.next((m) => m.op === 'presence' && (m.viewer as { userId: string }).userId === spec.author.id);
    expect(join).toMatchObject({ state: 'join', specId: spec.id });
    second.close();
    const leave = await first.next((m) => m.op === 'presence' && m.state === 'leave');
    expect(leave).toMatchObject({ specId: spec.id, viewer: { userId: spec.author.id } });
    expect((leave.viewers as { userId: string }[]).map((v) => v.userId)).toEqual([viewer.id]);
    const { db } = s.app.deps;
    expect(await db.selectFrom('eventOutbox').select('id').where('type', 'like', 'presence%').execute()).toEqual([]);
    first.close();
  });
});
