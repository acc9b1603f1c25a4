// Depth and cost limits refuse a query before it runs; a list of specs with their reviewers costs
// a constant number of database queries however long the list (the reviewers are batched).
import { beforeAll, expect, it } from 'vitest';
import { MAX_COST, MAX_DEPTH } from '../../../src/server/api/graphql/index.js';
import { getIntrospectionQuery } from '../../../src/server/api/graphql/graphql-module.js';
import { describeEachDatabase, useTestServer, type ApiClient } from '../harness.js';
import { codesOf, gql, gqlData } from './helpers.js';

const REVIEWED_LIST = `query List($n: Int) { specs(workspace: "LD", sort: "number", limit: $n) { items { key title reviewers { user { id name } role dueAt } } } }`;

describeEachDatabase('graphql: limits and batching', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let reviewerIds: string[];

  /** Database queries run so far by this server (the query-duration histogram's count). */
  async function queryCount(): Promise<number> {
    const metric = server().app.metrics.registry.getSingleMetric('specboard_db_query_duration_seconds');
    if (metric === undefined) throw new Error('no query metric');
    const { values } = await metric.get();
    return values.filter((v) => (v as { metricName?: string }).metricName?.endsWith('_count') === true).reduce((sum, v) => sum + v.value, 0);
  }

  // The fewest of three runs: background work (live events, reminders) may query meanwhile.
  async function queriesFor(limit: number): Promise<{ count: number; items: { reviewers: { user: { id: string } }[] }[] }> {
    let best: { count: number; items: { reviewers: { user: { id: string } }[] }[] } | null = null;
    for (let run = 0; run < 3; run++) {
      const before = await queryCount();
      const data = await gqlData<{ specs: { items: { reviewers: { user: { id: string } }[] }[] } }>(owner, REVIEWED_LIST, { n: limit });
      const count = (await queryCount()) - before;
      if (best === null || count < best.count) best = { count, items: data.specs.items };
    }
    if (best === null) throw new Error('unreachable');
    return best;
  }

  beforeAll(async () => {
    const s = server();
    owner = (await s.setupOwner({ workspaceKey: 'LD' })).client;
    reviewerIds = [(await s.addMember(owner, 'LD', 'editor')).id, (await s.addMember(owner, 'LD', 'viewer')).id];
    for (let i = 0; i < 50; i++) {
      const spec = await owner.post<{ number: number }>('/api/v1/workspaces/LD/specs', { title: `Spec ${i}` });
      expect(spec.status).toBe(201);
      for (const id of reviewerIds.slice(0, 1 + (i % 2))) {
        const res = await owner.request('PUT', `/api/v1/workspaces/LD/specs/${spec.body.number}/reviewers/${id}`, { body: { role: 'required' } });
        expect(res.status).toBe(200);
      }
    }
  }, 120_000);

  it('lists 50 specs with their reviewers in a small constant number of database queries', async () => {
    await queriesFor(5); // compiles the query (JIT) and warms caches
    const five = await queriesFor(5);
    const fifty = await queriesFor(50);
    expect(fifty.items).toHaveLength(50);
    expect(fifty.items.map((s) => s.reviewers.length)).toEqual(Array.from({ length: 50 }, (_, i) => 1 + (i % 2)));
    expect(fifty.items[1]?.reviewers.map((r) => r.user.id)).toEqual(reviewerIds);
    // The same queries for 5 specs as for 50: nothing per spec.
    console.log(`database queries: ${five.count} for 5 specs, ${fifty.count} for 50`);
    expect(fifty.count).toBeLessThanOrEqual(6);
    expect(fifty.count).toBe(five.count);
  });

  it('refuses a query nested deeper than the limit with query_too_deep (the introspection GraphiQL sends fits)', async () => {
    const deepest = `{ specs(workspace: "LD", limit: 1) { items { threads(limit: 1) { items { suggestion { decidedBy { name } } } } } } }`;
    expect(codesOf(await gql(owner, deepest))).toEqual([]);
    expect(codesOf(await gql(owner, getIntrospectionQuery()))).toEqual([]);
    let nested = 'name';
    for (let i = 0; i < MAX_DEPTH; i++) nested = `ofType { ${nested} }`;
    const res = await gql(owner, `{ __type(name: "Spec") { ${nested} } }`);
    expect(codesOf(res)).toEqual(['query_too_deep']);
    expect(res.status).toBe(400);
    expect(res.body.data).toBeNull();
  });

  it('refuses a query costing more than the limit with query_too_costly, before running it', async () => {
    const costly = `{ specs(workspace: "LD", limit: 200) { items { key reviewers { user { id name } role } threads(limit: 200) { items { id comments { id body } } } } } }`;
    const res = await gql(owner, costly);
    expect(codesOf(res)).toEqual(['query_too_costly']);
    expect(res.status).toBe(400);
    expect(res.body.data).toBeNull();
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ limit: MAX_COST, status: 400 });
    // Page sizes passed as variables count too.
    const viaVariables = await gql(owner, `query Q($n: Int) { specs(workspace: "LD", limit: $n) { items { threads(limit: $n) { items { comments { body } } } } } }`, { n: 200 });
    expect(codesOf(viaVariables)).toEqual(['query_too_costly']);
  });
});
