// GET /workspaces/:ws/labels (and GraphQL `labels`): the label picker's suggestions.
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, useTestServer, type ApiClient } from '../harness.js';
import { gqlData } from '../graphql/helpers.js';
import { createSpec, expectProblem, specsPath } from './helpers.js';

interface Label {
  name: string;
  color: string;
  specs: number;
}

describeEachDatabase('specs: workspace labels', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let viewer: ApiClient;
  let outsider: ApiClient;
  const ws = 'LBL';
  const labelsPath = `/api/v1/workspaces/${ws}/labels`;

  beforeAll(async () => {
    const s = server();
    owner = (await s.setupOwner({ workspaceKey: ws })).client;
    viewer = (await s.addMember(owner, ws, 'viewer')).client;
    // A second workspace with labels of its own and a member who is an outsider to LBL.
    expect((await owner.post('/api/v1/workspaces', { name: 'Other', key: 'LBLX' })).status).toBe(201);
    outsider = (await s.addMember(owner, 'LBLX', 'editor')).client;
    await createSpec(owner, 'LBLX', { title: 'Elsewhere', labels: ['elsewhere'] });
  });

  it('lists every label of the workspace by name, with the specs carrying it (deleted specs and relabelled ones not counted)', async () => {
    expect((await owner.get<{ items: Label[] }>(labelsPath)).body).toEqual({ items: [] });
    await createSpec(owner, ws, { title: 'One', labels: ['backend', 'API v2'] });
    const two = await createSpec(owner, ws, { title: 'Two', labels: ['backend'] });
    const three = await createSpec(owner, ws, { title: 'Three', labels: ['dropped'] });
    const gone = await createSpec(owner, ws, { title: 'Gone', labels: ['backend'] });
    expect((await owner.patch(specsPath(ws, three.number), { labels: [] })).status).toBe(200);
    expect((await owner.delete(specsPath(ws, gone.number))).status).toBe(204);

    const res = await viewer.get<{ items: Label[] }>(labelsPath);
    expect(res.status, res.text).toBe(200);
    expect(res.body.items.map(({ name, specs }) => ({ name, specs }))).toEqual([
      { name: 'API v2', specs: 1 },
      { name: 'backend', specs: 2 },
      // No spec carries it any more, but it stays a label of the workspace (a suggestion).
      { name: 'dropped', specs: 0 },
    ]);
    expect(res.body.items.every((l) => /^#[0-9a-f]{6}$/.test(l.color))).toBe(true);
    // Relabelling with a listed name reuses the label: still three.
    expect((await owner.patch(specsPath(ws, two.number), { labels: ['backend', 'dropped'] })).status).toBe(200);
    const again = await owner.get<{ items: Label[] }>(labelsPath);
    expect(again.body.items.find((l) => l.name === 'dropped')?.specs).toBe(1);
    expect(again.body.items).toHaveLength(3);
  });

  it('is not found for someone outside the workspace, and for anonymous callers unauthenticated', async () => {
    expectProblem(await outsider.get(labelsPath), 404, 'not_found');
    expectProblem(await server().anonymous().get(labelsPath), 401, 'unauthenticated');
    const theirs = await outsider.get<{ items: Label[] }>('/api/v1/workspaces/LBLX/labels');
    expect(theirs.body.items.map((l) => l.name)).toEqual(['elsewhere']);
  });

  it('GraphQL labels answers what REST answers', async () => {
    const rest = await viewer.get<{ items: Label[] }>(labelsPath);
    const data = await gqlData<{ labels: Label[] }>(viewer, 'query ($ws: String!) { labels(workspace: $ws) { name color specs } }', { ws });
    expect(data.labels).toEqual(rest.body.items);
  });
});
