// GraphQL subscriptions carry the live events of /api/v1/events: the same topics, authorization
// (the events' access check over the same services), audience, replay and resync.
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient } from '../harness.js';
import type { SignedInUser } from '../harness-server.js';
import { createSpec, putContent } from '../specs/helpers.js';
import { connectGraphql, dataOf, SPEC_EVENTS, WORKSPACE_EVENTS, type LiveEventData } from './subscription-client.js';

const HOUR = 3_600_000;

describeEachDatabase('graphql: subscriptions to live events', (database) => {
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

  it('an edit through REST arrives on workspaceEvents and specEvents: spec.updated, then revision.created', async () => {
    const s = server();
    const spec = await createSpec(owner, ws, { title: 'Edited' });
    const live = await connectGraphql(s, { client: viewer.client });
    const onWorkspace = await live.subscribeLive(s, WORKSPACE_EVENTS, { workspace: ws });
    const onSpec = await live.subscribeLive(s, SPEC_EVENTS, { spec: spec.key });
    const res = await putContent(owner, ws, spec.number, '# Edited\n\nNew text.\n', spec.etag, 'Typo');
    expect(res.status).toBe(200);
    for (const id of [onWorkspace, onSpec]) {
      const updated = await live.nextEvent(id, (e) => e.specId === spec.id && e.type !== 'spec.created');
      expect(updated).toMatchObject({ __typename: 'LiveEvent', type: 'spec.updated', workspaceId: spec.workspaceId, data: { changed: ['content'], revision: 2, title: 'Edited' } });
      const revision = await live.nextEvent(id, (e) => e.specId === spec.id && e.type !== 'spec.created');
      expect(revision).toMatchObject({ type: 'revision.created', data: { revision: 2, summary: 'Typo' } });
      expect(revision.id).toBeGreaterThan(updated.id);
    }
    live.close();
  });

  it('a viewer may subscribe by workspace key, spec key, spec id and number; an outsider is refused (not_found) and hears nothing', async () => {
    const s = server();
    const spec = await createSpec(owner, ws, { title: 'Watched' });
    const live = await connectGraphql(s, { client: viewer.client });
    const ids = [
      await live.subscribeLive(s, SPEC_EVENTS, { spec: spec.id }),
      await live.subscribeLive(s, SPEC_EVENTS, { spec: String(spec.number), workspace: ws }),
    ];
    const foreign = await connectGraphql(s, { client: outsider.client });
    for (const [query, variables] of [
      [WORKSPACE_EVENTS, { workspace: ws }],
      [SPEC_EVENTS, { spec: spec.id }],
      [SPEC_EVENTS, { spec: spec.key }],
    ] as const) {
      const errors = await foreign.errorsOf(foreign.subscribe(query, variables));
      expect(errors.map((e) => [e.extensions.code, e.extensions.status])).toEqual([['not_found', 404]]);
    }
    // The refused subscriptions left nothing behind, and the socket stays usable.
    const own = await foreign.subscribeLive(s, WORKSPACE_EVENTS, { workspace: 'OTHER' });
    await putContent(owner, ws, spec.number, '# Watched\n\nSecret change.\n', spec.etag);
    for (const id of ids) await live.nextEvent(id, (e) => e.type === 'revision.created' && e.specId === spec.id);
    expect(foreign.messages.filter((m) => m.id === own && m.type === 'next')).toEqual([]);
    live.close();
    foreign.close();
  });

  it('a spec subscription hears only that spec; a token (read scope) works like a session', async () => {
    const s = server();
    const watched = await createSpec(owner, ws, { title: 'Mine' });
    const other = await createSpec(owner, ws, { title: 'Not mine' });
    const token = await s.createToken(viewer.client, ['read']);
    const live = await connectGraphql(s, { client: token.client, origin: null });
    const id = await live.subscribeLive(s, SPEC_EVENTS, { spec: watched.key });
    await putContent(owner, ws, other.number, '# Not mine\n\nElsewhere.\n', other.etag);
    await putContent(owner, ws, watched.number, '# Mine\n\nHere.\n', watched.etag);
    const got = await live.nextEvent(id, (e) => e.type === 'revision.created');
    expect(got.specId).toBe(watched.id);
    const all = live.messages.filter((m) => m.id === id && m.type === 'next').map(dataOf) as LiveEventData[];
    expect(all.every((e) => e.specId === watched.id)).toBe(true);
    live.close();
  });

  it('notifications reach only their recipient', async () => {
    const s = server();
    const other = await s.addMember(owner, ws, 'editor');
    const mine = await connectGraphql(s, { client: viewer.client });
    const theirs = await connectGraphql(s, { client: other.client });
    const mineId = await mine.subscribeLive(s, WORKSPACE_EVENTS, { workspace: ws });
    const theirsId = await theirs.subscribeLive(s, WORKSPACE_EVENTS, { workspace: ws });
    const spec = await createSpec(owner, ws, { title: 'Mentions' });
    await owner.post(`/api/v1/workspaces/${ws}/specs/${spec.number}/threads`, { sectionPath: 'overview', body: `Ping @${viewer.email}` });
    expect((await mine.nextEvent(mineId, (e) => e.type === 'notification.created')).data).toMatchObject({ kind: 'mention' });
    await theirs.nextEvent(theirsId, (e) => e.type === 'comment.created' && e.specId === spec.id);
    const theirTypes = theirs.messages.filter((m) => m.type === 'next').map((m) => (dataOf(m) as LiveEventData).type);
    expect(theirTypes).not.toContain('notification.created');
    mine.close();
    theirs.close();
  });

  it('with since, the missed events come first, in order, then live ones', async () => {
    const s = server();
    const spec = await createSpec(owner, ws, { title: 'Resume' });
    let live = await connectGraphql(s, { client: viewer.client });
    let id = await live.subscribeLive(s, SPEC_EVENTS, { spec: spec.key });
    let etag = (await putContent(owner, ws, spec.number, '# Resume\n\nOne.\n', spec.etag)).body.etag;
    const last = await live.nextEvent(id, (e) => e.type === 'revision.created');
    live.close();
    await live.closed;

    for (const word of ['Two', 'Three', 'Four']) etag = (await putContent(owner, ws, spec.number, `# Resume\n\n${word}.\n`, etag)).body.etag;
    live = await connectGraphql(s, { client: viewer.client });
    id = live.subscribe(SPEC_EVENTS, { spec: spec.key, since: last.id });
    const replayed: LiveEventData[] = [];
    for (let i = 0; i < 6; i++) replayed.push(await live.nextEvent(id));
    expect(replayed.map((e) => `${e.type}:${String(e.data.revision)}`)).toEqual([
      'spec.updated:3', 'revision.created:3', 'spec.updated:4', 'revision.created:4', 'spec.updated:5', 'revision.created:5',
    ]);
    expect(replayed.every((e, i) => (i === 0 ? e.id > last.id : e.id > (replayed[i - 1]?.id ?? 0)))).toBe(true);
    await putContent(owner, ws, spec.number, '# Resume\n\nFive.\n', etag);
    const next = await live.nextEvent(id);
    expect(next).toMatchObject({ type: 'spec.updated', data: { revision: 6 } });
    expect(next.id).toBeGreaterThan(replayed.at(-1)?.id ?? 0);
    live.close();
  });

  it('since from before the retention window, or never issued, yields LiveResync and continues live', async () => {
    const s = server();
    const spec = await createSpec(owner, ws, { title: 'Old' });
    const probe = await connectGraphql(s, { client: viewer.client });
    const probeId = await probe.subscribeLive(s, WORKSPACE_EVENTS, { workspace: ws });
    await putContent(owner, ws, spec.number, '# Old\n\nChanged.\n', spec.etag);
    const old = await probe.nextEvent(probeId, (e) => e.type === 'revision.created' && e.specId === spec.id);
    probe.close();

    s.clock.advance(s.config.events.retentionHours * HOUR + HOUR);
    expect(await s.app.liveEvents.purge()).toBeGreaterThan(0);
    const live = await connectGraphql(s, { client: viewer.client });
    const id = live.subscribe(WORKSPACE_EVENTS, { workspace: ws, since: old.id - 1 });
    const resync = dataOf(await live.next(id));
    expect(resync).toMatchObject({ __typename: 'LiveResync', reason: 'beyond_retention' });
    const fresh = await createSpec(owner, ws, { title: 'After' });
    expect(await live.nextEvent(id)).toMatchObject({ type: 'spec.created', specId: fresh.id });

    const unknown = live.subscribe(SPEC_EVENTS, { spec: fresh.key, since: 10_000_000 });
    expect(dataOf(await live.next(unknown))).toMatchObject({ __typename: 'LiveResync', reason: 'unknown_id' });
    const negative = await live.errorsOf(live.subscribe(SPEC_EVENTS, { spec: fresh.key, since: -1 }));
    expect(negative.map((e) => e.extensions.code)).toEqual(['validation_failed']);
    live.close();
  });

  it('complete ends one subscription and frees it on the server', async () => {
    const s = server();
    const live = await connectGraphql(s, { client: viewer.client });
    const before = s.app.liveEvents.streams.size;
    const id = await live.subscribeLive(s, WORKSPACE_EVENTS, { workspace: ws });
    live.complete(id);
    await expect.poll(() => s.app.liveEvents.streams.size).toBe(before);
    live.close();
  });
});
