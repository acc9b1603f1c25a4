// Presence over GraphQL: specPresence makes the subscriber a viewer of the spec, as a spec
// subscription of /api/v1/events does, and both endpoints see each other's joins and leaves
// (one presence table per node, fed by the bus, so across nodes too).
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, describeWithRedis, startTestServer, useTestServer, type ApiClient, type TestServer } from '../harness.js';
import { connect, subscribe, type LiveClient, type Message } from '../events/ws-client.js';
import { createSpec } from '../specs/helpers.js';
import { connectGraphql, type GraphqlLive } from './subscription-client.js';

const SPEC_PRESENCE = 'subscription P($spec: String!, $workspace: String) { specPresence(spec: $spec, workspace: $workspace) { specId state viewer { userId name } viewers { userId name } } }';

interface Viewer {
  readonly userId: string;
  readonly name: string;
}
interface Presence {
  readonly specId: string;
  readonly state: 'join' | 'leave';
  readonly viewer: Viewer;
  readonly viewers: Viewer[];
}

/** The next presence change of GraphQL subscription `id` about `userId`. */
async function nextPresence(live: GraphqlLive, id: string, userId: string, state: 'join' | 'leave'): Promise<Presence> {
  const m = await live.next(id, (x) => x.type !== 'next' || ((x.payload as { data: { specPresence: Presence } }).data.specPresence.viewer.userId === userId && (x.payload as { data: { specPresence: Presence } }).data.specPresence.state === state));
  if (m.type !== 'next') throw new Error(`subscription ${id} ended: ${JSON.stringify(m)}`);
  return (m.payload as { data: { specPresence: Presence } }).data.specPresence;
}

/** The next presence message of a WebSocket events client about `userId`. */
function wsPresence(client: LiveClient, userId: string, state: 'join' | 'leave'): Promise<Message> {
  return client.next((m) => m.op === 'presence' && (m.viewer as Viewer).userId === userId && m.state === state);
}

const ids = (viewers: readonly Viewer[]): string[] => viewers.map((v) => v.userId).sort();

describeEachDatabase('graphql: presence (specPresence)', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let ownerId: string;
  let ws: string;

  beforeAll(async () => {
    const setup = await server().setupOwner();
    ({ client: owner, id: ownerId, workspaceKey: ws } = setup);
  });

  it('a WebSocket events viewer and a GraphQL subscriber see each other join and leave (complete, unsubscribe, disconnect)', async () => {
    const s = server();
    const member = await s.addMember(owner, ws, 'viewer');
    const spec = await createSpec(owner, ws, { title: 'Watched together' });

    // GraphQL first: its first message is its own join.
    const gql = await connectGraphql(s, { client: member.client });
    const sub = gql.subscribe(SPEC_PRESENCE, { spec: spec.key });
    const own = await nextPresence(gql, sub, member.id, 'join');
    expect(own).toEqual({ specId: spec.id, state: 'join', viewer: { userId: member.id, name: member.name }, viewers: [{ userId: member.id, name: member.name }] });

    // The events WebSocket sees the GraphQL viewer when it subscribes; GraphQL sees it join.
    const events = await connect(s, { client: owner });
    const subscribed = await subscribe(events, { spec: spec.key });
    expect(ids(subscribed.viewers as Viewer[])).toEqual([ownerId, member.id].sort());
    const joined = await nextPresence(gql, sub, ownerId, 'join');
    expect(ids(joined.viewers)).toEqual([ownerId, member.id].sort());

    // GraphQL completes: the WebSocket viewer sees it leave.
    gql.complete(sub);
    const left = await wsPresence(events, member.id, 'leave');
    expect(left).toMatchObject({ specId: spec.id, viewers: [{ userId: ownerId }] });

    // Again (by number and workspace); the WebSocket sees the join; then it unsubscribes and GraphQL sees it leave.
    const again = gql.subscribe(SPEC_PRESENCE, { spec: String(spec.number), workspace: ws });
    expect(ids((await nextPresence(gql, again, member.id, 'join')).viewers)).toEqual([ownerId, member.id].sort());
    expect(ids((await wsPresence(events, member.id, 'join')).viewers as Viewer[])).toEqual([ownerId, member.id].sort());
    events.send({ op: 'unsubscribe', spec: spec.key });
    const ownerLeft = await nextPresence(gql, again, ownerId, 'leave');
    expect(ownerLeft.viewers).toEqual([{ userId: member.id, name: member.name }]);

    // The WebSocket subscribes again; the GraphQL socket disconnects: the WebSocket sees it leave.
    expect(ids((await subscribe(events, { spec: spec.key })).viewers as Viewer[])).toEqual([ownerId, member.id].sort());
    gql.close();
    expect((await wsPresence(events, member.id, 'leave')).viewers).toMatchObject([{ userId: ownerId }]);
    events.close();
    await expect.poll(() => s.app.liveEvents.streams.size).toBe(0);
  });

  it('presence follows the spec read rule: an outsider is refused with not_found and joins nobody', async () => {
    const s = server();
    const spec = await createSpec(owner, ws, { title: 'Private' });
    await owner.post('/api/v1/workspaces', { name: 'Elsewhere', key: 'ELSE' });
    const outsider = await s.addMember(owner, 'ELSE', 'owner');
    const events = await connect(s, { client: owner });
    await subscribe(events, { spec: spec.key });
    const gql = await connectGraphql(s, { client: outsider.client });
    const errors = await gql.errorsOf(gql.subscribe(SPEC_PRESENCE, { spec: spec.key }));
    expect(errors.map((e) => [e.extensions.code, e.extensions.status])).toEqual([['not_found', 404]]);
    // A later join is the next presence about someone else the WebSocket hears: the outsider's never came.
    const member = await s.addMember(owner, ws, 'viewer');
    const live = await connectGraphql(s, { client: member.client });
    live.subscribe(SPEC_PRESENCE, { spec: spec.key });
    const next = await events.next((m) => m.op === 'presence' && (m.viewer as Viewer).userId !== ownerId);
    expect(next).toMatchObject({ state: 'join', viewer: { userId: member.id } });
    live.close();
    gql.close();
    events.close();
  });
});

describeWithRedis('graphql presence across instances', (redis) => {
  describeEachDatabase('two servers on one database', (database) => {
    it('a GraphQL viewer on one node and a WebSocket viewer on the other see each other join and leave (presence notices on Redis)', async () => {
      const prefix = `${redis().keyPrefix}${database.dialect}:presence:`;
      const env = { REDIS_URL: redis().url, REDIS_KEY_PREFIX: prefix };
      const servers: TestServer[] = [];
      try {
        const a = await startTestServer(database, { env });
        servers.push(a);
        const b = await startTestServer(database, { env });
        servers.push(b);
        const setup = await a.setupOwner({ workspaceKey: 'PRES' });
        const member = await a.addMember(setup.client, 'PRES', 'viewer');
        const spec = await createSpec(setup.client, 'PRES', { title: 'Two nodes' });

        const events = await connect(a, { client: setup.client });
        await subscribe(events, { spec: spec.key });
        const gql = await connectGraphql(b, { client: member.client });
        const sub = gql.subscribe(SPEC_PRESENCE, { spec: spec.key });
        // B's table already holds A's viewer (heard through Redis): the GraphQL viewer's own join lists both.
        expect(ids((await nextPresence(gql, sub, member.id, 'join')).viewers)).toEqual([setup.id, member.id].sort());
        expect(ids((await wsPresence(events, member.id, 'join')).viewers as Viewer[])).toEqual([setup.id, member.id].sort());
        events.close();
        expect((await nextPresence(gql, sub, setup.id, 'leave')).viewers.map((v) => v.userId)).toEqual([member.id]);
        const watcher = await connect(a, { client: setup.client });
        await subscribe(watcher, { spec: spec.key });
        gql.close();
        expect((await wsPresence(watcher, member.id, 'leave')).viewers).toMatchObject([{ userId: setup.id }]);
        watcher.close();
      } finally {
        for (const s of servers) await s.close();
      }
    });
  });
});
