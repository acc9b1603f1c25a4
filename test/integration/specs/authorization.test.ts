import { beforeAll, expect, it } from 'vitest';
import type { RouteEntry } from '../../../src/server/api/route-table.js';
import { describeEachDatabase, useTestServer, type ApiClient } from '../harness.js';
import { createSpec, expectProblem, getSpec, revisionContents, type SpecBody } from './helpers.js';

const SPEC_ROUTE = /\/specs(\/|$)/;

/** A concrete URL for a route pattern, pointing at `spec` in workspace `ws`. */
function urlFor(pattern: string, ws: string, spec: string, thread = '01a2b3c4-0000-7000-8000-000000000001', comment = '01a2b3c4-0000-7000-8000-000000000002'): string {
  return pattern.replace(':ws', ws).replace(':spec', spec).replace(':key', spec).replace(':n', '1').replace(':version', '1').replace(':userId', '01a2b3c4-0000-7000-8000-000000000000').replace(':thread', thread).replace(':comment', comment);
}

function bodyFor(method: string, url: string): unknown {
  if (url.endsWith('/edits')) return { op: 'setSectionBody', path: 'overview/purpose', markdown: 'Taken over.' };
  if (url.endsWith('/content')) return { markdown: '# Taken over\n' };
  if (url.endsWith('/review/reject')) return { summary: 'Taken over' };
  if (url.endsWith('/supersede')) return { by: '1' };
  if (url.includes('/reviewers/') && method === 'PUT') return { role: 'required' };
  if (method === 'PATCH' && url.endsWith('/review-policy')) return { minApprovals: 0 };
  if (method === 'POST' && url.endsWith('/threads')) return { sectionPath: 'overview', body: 'Planted' };
  if (/\/threads\/[^/]+\/comments(\/[^/]+)?$/.test(url) && method !== 'DELETE') return { body: 'Planted' };
  if (method === 'PATCH' && /\/threads\/[^/]+$/.test(url)) return { blocking: true };
  if (method === 'PATCH') return { title: 'Taken over' };
  if (method === 'POST' && url.endsWith('/specs')) return { title: 'Planted' };
  return undefined;
}

describeEachDatabase('specs: authorization', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let viewer: ApiClient;
  let outsider: ApiClient;
  let readToken: ApiClient;
  let spec: SpecBody;
  let routes: RouteEntry[];
  let thread: { id: string; comments: { id: string }[] };

  beforeAll(async () => {
    const s = server();
    const o = await s.setupOwner({ workspaceKey: 'HOME' });
    owner = o.client;
    viewer = (await s.addMember(owner, 'HOME', 'viewer')).client;
    const other = await owner.post('/api/v1/workspaces', { name: 'Away', key: 'AWAY' });
    expect(other.status).toBe(201);
    outsider = (await s.addMember(owner, 'AWAY', 'owner')).client;
    readToken = (await s.createToken(owner, ['read'])).client;
    spec = await createSpec(owner, 'HOME', { title: 'Private' });
    routes = s.app.routeTable.filter((r) => SPEC_ROUTE.test(r.url));
    const opened = await owner.post<typeof thread>(`/api/v1/workspaces/HOME/specs/${spec.number}/threads`, { sectionPath: 'overview', body: 'Owner note' });
    expect(opened.status, opened.text).toBe(201);
    thread = opened.body;
  });

  it('covers every spec route of the route table', () => {
    expect(routes.length).toBeGreaterThanOrEqual(14);
  });

  it("another workspace's spec answers 404 (never 403) on every spec route, however it is addressed", async () => {
    const etag = { 'if-match': spec.etag };
    // Real thread and comment ids: they must not leak to an outsider either.
    const ids = [thread.id, thread.comments[0]?.id] as const;
    for (const route of routes) {
      const targets = route.url.includes(':ws')
        ? [urlFor(route.url, 'HOME', String(spec.number), ...ids), urlFor(route.url, 'AWAY', spec.id, ...ids), urlFor(route.url, 'AWAY', spec.key, ...ids)]
        : [urlFor(route.url, 'HOME', spec.key, ...ids)];
      for (const url of targets) {
        if (url.endsWith('/api/v1/workspaces/AWAY/specs')) continue; // the outsider's own list and create
        const body = bodyFor(route.method, url);
        const res = await outsider.request(route.method, url, { ...(body === undefined ? {} : { body }), headers: etag });
        expectProblem(res, 404, 'not_found');
      }
    }
    // The outsider's own list does not show it either.
    const list = await outsider.get<{ items: SpecBody[] }>('/api/v1/workspaces/AWAY/specs');
    expect(list.body.items).toEqual([]);
    expect((await getSpec(owner, 'HOME', spec.number)).body).toMatchObject({ revision: 1, title: 'Private' });
  });

  it('viewers and read-only tokens read but cannot change anything', async () => {
    for (const client of [viewer, readToken]) {
      expect((await getSpec(client, 'HOME', spec.number)).status).toBe(200);
      // Viewers may comment (routes declared for viewers with the write scope): comments tests cover them.
      const writes = routes.filter((r) => r.method !== 'GET' && !(client === viewer && r.access.auth === 'user' && r.access.minRole === 'viewer'));
      for (const route of writes) {
        const url = urlFor(route.url, 'HOME', String(spec.number), thread.id, thread.comments[0]?.id);
        const body = bodyFor(route.method, url);
        const res = await client.request(route.method, url, { ...(body === undefined ? {} : { body }), headers: { 'if-match': spec.etag } });
        expect(res.status, `${route.method} ${url}`).toBe(403);
        expect((res.body as { code: string }).code).toMatch(/^(forbidden|insufficient_scope)$/);
      }
    }
    expect(await revisionContents(owner, 'HOME', spec.number)).toEqual([spec.markdown]);
  });
});
