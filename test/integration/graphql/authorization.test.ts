// Authorization parity: what each caller may do through GraphQL follows from the access rule of
// the REST operation each mutation mirrors (route table), and the same service policies decide
// the rest. Expectations are derived from those rules, not listed per field.
import type { GraphQLArgument } from 'graphql';
import { beforeAll, expect, it } from 'vitest';
import { getNamedType, getNullableType, isNonNullType, isObjectType } from '../../../src/server/api/graphql/graphql-module.js';
import { buildGraphqlSchema, graphqlCounterparts } from '../../../src/server/api/graphql/schema.js';
import type { RouteEntry } from '../../../src/server/api/route-table.js';
import { roleAtLeast, scopeAllows } from '../../../src/server/policies/index.js';
import { describeEachDatabase, useTestServer, type ApiClient } from '../harness.js';
import { TEST_PASSWORD } from '../harness-server.js';
import { codesOf, gql, gqlData } from './helpers.js';

interface Fixture {
  specNumber: number;
  threadId: string;
  commentId: string;
  editorId: string;
  notificationId: string;
}

/** A valid value for a required argument, by name (then by type). */
function argValue(fx: Fixture, field: string, arg: GraphQLArgument, email: () => string): unknown {
  const type = getNamedType(arg.type).name;
  const byName: Record<string, unknown> = {
    workspace: 'HOME',
    spec: String(fx.specNumber),
    ref: String(fx.specNumber),
    thread: fx.threadId,
    comment: fx.commentId,
    userId: fx.editorId,
    id: field === 'markNotificationRead' || field === 'markNotificationUnread' ? fx.notificationId : '01a2b3c4-0000-7000-8000-000000000000',
    role: type === 'Role' ? 'viewer' : 'required',
    email: email(),
    password: TEST_PASSWORD,
    key: 'NEWKEY',
    by: String(fx.specNumber),
    edit: { op: 'setSectionBody', path: 'overview/purpose', markdown: 'Taken over.' },
    policy: { minApprovals: 0 },
    override: { minApprovals: 0 },
    sectionPath: 'overview',
    source: '# Template\n',
    url: 'https://hooks.example.com/specboard',
    events: ['spec.updated'],
  };
  if (arg.name in byName) return byName[arg.name];
  if (type === 'Int') return 1;
  if (type === 'Boolean') return true;
  return 'Taken over';
}

/** The mutation call with only its required arguments, as variables. */
function mutationCall(fx: Fixture, field: string, email: () => string): { query: string; variables: Record<string, unknown> } {
  const schema = buildGraphqlSchema();
  const definition = schema.getMutationType()?.getFields()[field];
  if (definition === undefined) throw new Error(`no mutation ${field}`);
  const required = definition.args.filter((a) => isNonNullType(a.type));
  const variables = Object.fromEntries(required.map((a) => [a.name, argValue(fx, field, a, email)]));
  const declarations = required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isObjectType(getNullableType(definition.type)) ? ' { __typename }' : '';
  const head = required.length > 0 ? `mutation M(${declarations})` : 'mutation M';
  return { query: `${head} { ${field}${passed === '' ? '' : `(${passed})`}${selection} }`, variables };
}

describeEachDatabase('graphql: authorization parity with REST', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let viewer: ApiClient;
  let outsider: ApiClient;
  let readToken: ApiClient;
  let fx: Fixture;
  let mutations: { field: string; route: RouteEntry }[];
  let counter = 0;
  const email = () => `authz-${++counter}@example.com`;

  beforeAll(async () => {
    const s = server();
    const o = await s.setupOwner({ workspaceKey: 'HOME' });
    owner = o.client;
    const editor = await s.addMember(owner, 'HOME', 'editor');
    const viewerUser = await s.addMember(owner, 'HOME', 'viewer');
    viewer = viewerUser.client;
    expect((await owner.post('/api/v1/workspaces', { name: 'Away', key: 'AWAY' })).status).toBe(201);
    outsider = (await s.addMember(owner, 'AWAY', 'owner')).client;
    readToken = (await s.createToken(owner, ['read'])).client;
    const spec = await gqlData<{ createSpec: { number: number } }>(owner, 'mutation { createSpec(workspace: "HOME", title: "Private") { number } }');
    const number = spec.createSpec.number;
    // Viewers may comment and suggest (their REST rule says so too).
    await gqlData(
      viewer,
      `mutation T($spec: String!) { createThread(workspace: "HOME", spec: $spec, sectionPath: "overview", body: "Look", quote: "Overview", suggestion: "Summary") { id comments { id } } }`,
      { spec: String(number) },
    );
    const ownerThread = await gqlData<{ createThread: { id: string; comments: { id: string }[] } }>(
      owner,
      `mutation T($spec: String!) { createThread(workspace: "HOME", spec: $spec, sectionPath: "overview", body: "Mine", quote: "Overview", suggestion: "Outline") { id comments { id } } }`,
      { spec: String(number) },
    );
    // The owner's notification (the viewer's suggestion on the owner's spec), if any.
    const notifications = await gqlData<{ notifications: { items: { id: string }[] } }>(owner, '{ notifications { items { id } } }');
    fx = {
      specNumber: number,
      threadId: ownerThread.createThread.id,
      commentId: ownerThread.createThread.comments[0]?.id ?? '',
      editorId: editor.id,
      notificationId: notifications.notifications.items[0]?.id ?? '01a2b3c4-0000-7000-8000-000000000000',
    };
    const routes = s.app.routeTable;
    mutations = graphqlCounterparts()
      .filter((c) => c.field.startsWith('Mutation.'))
      .map((c) => {
        const [method = '', path = ''] = c.rest.split(' ');
        const route = routes.find((r) => r.method === method && r.url === `/api/v1${path}`);
        if (route === undefined) throw new Error(`no route for ${c.rest}`);
        return { field: c.field.slice('Mutation.'.length), route };
      });
  });

  it('a read-only token gets insufficient_scope on every mutation whose REST route needs more', async () => {
    const checked: string[] = [];
    for (const { field, route } of mutations) {
      if (route.access.auth !== 'user' || scopeAllows(['read'], route.access.scope)) continue;
      const call = mutationCall(fx, field, email);
      expect(codesOf(await gql(readToken, call.query, call.variables)), field).toEqual(['insufficient_scope']);
      checked.push(field);
    }
    expect(checked.length).toBeGreaterThan(30);
  });

  it('a viewer gets forbidden on every mutation whose REST route needs a higher role, and nothing changes', async () => {
    const before = await owner.get<{ markdown: string; revision: number }>(`/api/v1/workspaces/HOME/specs/${fx.specNumber}`);
    const checked: string[] = [];
    for (const { field, route } of mutations) {
      if (route.access.auth === 'public' || route.access.minRole === undefined || roleAtLeast('viewer', route.access.minRole)) continue;
      const call = mutationCall(fx, field, email);
      const res = await gql(viewer, call.query, call.variables);
      expect(codesOf(res), `${field}: ${JSON.stringify(res.body.errors)}`).toEqual(['forbidden']);
      expect(res.status, field).toBe(403);
      checked.push(field);
    }
    expect(checked).toEqual(expect.arrayContaining(['updateSpec', 'replaceSpecContent', 'editSpec', 'deleteSpec', 'restoreSpec', 'requestReview', 'assignReviewer', 'acceptSuggestion', 'addMember']));
    const after = await owner.get<{ markdown: string; revision: number }>(`/api/v1/workspaces/HOME/specs/${fx.specNumber}`);
    expect(after.body.revision).toBe(before.body.revision);
    expect(after.body.markdown).toBe(before.body.markdown);
  });

  it("an outsider gets not_found on every operation inside another workspace, queries included", async () => {
    const checked: string[] = [];
    for (const { field, route } of mutations) {
      if (!route.url.includes('/workspaces/:ws')) continue;
      const call = mutationCall(fx, field, email);
      expect(codesOf(await gql(outsider, call.query, call.variables)), field).toEqual(['not_found']);
      checked.push(field);
    }
    expect(checked.length).toBeGreaterThan(35);
    const reads = await gql(outsider, `{ spec(workspace: "HOME", ref: "${fx.specNumber}") { key } }`);
    expect(codesOf(reads)).toEqual(['not_found']);
    for (const query of ['{ members(workspace: "HOME") { items { name } } }', '{ templates(workspace: "HOME") { id } }', '{ specs(workspace: "HOME") { items { key } } }', '{ reviewMetrics(workspace: "HOME") }']) {
      expect(codesOf(await gql(outsider, query)), query).toEqual(['not_found']);
    }
    const search = await gqlData<{ search: { items: unknown[] } }>(outsider, '{ search(q: "private") { items { key } } }');
    expect(search.search.items).toEqual([]);
  });

  it('anonymous callers are unauthenticated; cookie writes need the CSRF header like REST', async () => {
    const anonymous = await gql(server().anonymous(), '{ me { id } }');
    expect(codesOf(anonymous)).toEqual(['unauthenticated']);
    expect(anonymous.status).toBe(401);
    const noCsrf = await gql(owner, 'mutation { updateMe(name: "Nope") { name } }', {}, { csrf: false });
    expect(codesOf(noCsrf)).toEqual(['csrf_failed']);
    expect(noCsrf.status).toBe(403);
    const foreign = await owner.post('/graphql', { query: 'mutation { updateMe(name: "Nope") { name } }' }, { headers: { origin: 'https://evil.example' } });
    expect((foreign.body as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('csrf_failed');
    // Mutations are never run over GET.
    const viaGet = await owner.get(`/graphql?query=${encodeURIComponent('mutation { updateMe(name: "Nope") { name } }')}`);
    expect(viaGet.status).toBe(405);
    expect((await gqlData<{ me: { name: string } }>(owner, '{ me { name } }')).me.name).not.toBe('Nope');
  });
});
