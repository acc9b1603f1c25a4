import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient } from '../harness.js';
import { createSpec, expectProblem, specsPath } from '../specs/helpers.js';

interface AuditEvent {
  id: string;
  workspaceId: string | null;
  actorId: string | null;
  actorTokenId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  createdAt: string;
}

interface Trail {
  items: AuditEvent[];
  nextCursor: string | null;
}

describeEachDatabase('audit trail API', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let ownerId: string;
  let ws: string;
  let specId: string;
  beforeAll(async () => {
    ({ owner, ws } = await ownerSession(server()));
    ownerId = (await owner.get<{ id: string }>('/api/v1/me')).body.id;
    const spec = await createSpec(owner, ws, { title: 'Audited spec' });
    specId = spec.id;
    await owner.delete(specsPath(ws, spec.number));
  });

  it('GET /audit shows workspace events with actor, time, target and details, newest first', async () => {
    const res = await owner.get<Trail>(`/api/v1/audit?workspace=${ws}`);
    expect(res.status).toBe(200);
    const actions = res.body.items.map((e) => e.action);
    expect(actions.indexOf('spec.deleted')).toBeLessThan(actions.indexOf('spec.created'));
    const created = res.body.items.find((e) => e.action === 'spec.created' && e.targetId === specId);
    expect(created).toMatchObject({ actorId: ownerId, targetType: 'spec' });
    expect(Date.parse(created?.createdAt ?? '')).not.toBeNaN();
    const ids = res.body.items.map((e) => e.id);
    expect([...ids].sort().reverse()).toEqual(ids);
  });

  it('filters by action (exact or family), target, actor and time range', async () => {
    const exact = await owner.get<Trail>(`/api/v1/audit?workspace=${ws}&action=spec.deleted`);
    expect(exact.body.items.map((e) => e.action)).toEqual(['spec.deleted']);
    const family = await owner.get<Trail>(`/api/v1/audit?workspace=${ws}&action=spec.*`);
    expect(new Set(family.body.items.map((e) => e.action))).toEqual(new Set(['spec.created', 'spec.deleted']));
    const target = await owner.get<Trail>(`/api/v1/audit?workspace=${ws}&targetType=spec&targetId=${specId}`);
    expect(target.body.items).toHaveLength(2);
    const nobody = await owner.get<Trail>(`/api/v1/audit?workspace=${ws}&actor=00000000-0000-7000-8000-000000000000`);
    expect(nobody.body.items).toEqual([]);
    const future = new Date(server().clock.now().getTime() + 60_000).toISOString();
    expect((await owner.get<Trail>(`/api/v1/audit?workspace=${ws}&since=${future}`)).body.items).toEqual([]);
    expect((await owner.get<Trail>(`/api/v1/audit?workspace=${ws}&until=${future}`)).body.items.length).toBeGreaterThan(2);
    expectProblem(await owner.get(`/api/v1/audit?since=yesterday`), 400, 'validation_failed');
  });

  it('pages with a cursor without repeating or skipping an event', async () => {
    const all = await owner.get<Trail>(`/api/v1/audit?workspace=${ws}&limit=200`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Trail } = await owner.get<Trail>(`/api/v1/audit?workspace=${ws}&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`);
      seen.push(...page.body.items.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(all.body.items.map((e) => e.id));
  });

  it('without a workspace: the workspaces you administer plus your own account events (token actions)', async () => {
    const token = await server().createToken(owner, ['read']);
    await owner.delete(`/api/v1/tokens/${token.id}`);
    const res = await owner.get<Trail>('/api/v1/audit?targetType=api_token');
    expect(res.body.items.map((e) => e.action)).toEqual(['token.revoked', 'token.created']);
    expect(res.body.items.every((e) => e.workspaceId === null && e.actorId === ownerId)).toBe(true);
    expect((await owner.get<Trail>('/api/v1/audit?action=spec.created')).body.items.map((e) => e.targetId)).toContain(specId);
  });

  it('is for admins: an editor gets 403 for the workspace and sees none of its events unfiltered; outsiders get 404', async () => {
    const editor = await server().addMember(owner, ws, 'editor');
    expectProblem(await editor.client.get(`/api/v1/audit?workspace=${ws}`), 403, 'forbidden');
    expectProblem(await editor.client.get(`/api/v1/workspaces/${ws}/audit-events`), 403, 'forbidden');
    const own = await editor.client.get<Trail>('/api/v1/audit');
    expect(own.status).toBe(200);
    expect(own.body.items.every((e) => e.workspaceId === null)).toBe(true);
    const outsider = await server().signIn(editor.email, editor.password);
    await owner.delete(`/api/v1/workspaces/${ws}/members/${editor.id}`);
    expectProblem(await outsider.get(`/api/v1/audit?workspace=${ws}`), 404, 'not_found');
  });

  it('is append-only: no route changes or deletes it', () => {
    const routes = server().app.routeTable.filter((r) => r.url.includes('audit'));
    expect(routes.map((r) => r.method)).toEqual(['GET', 'GET']);
  });
});
