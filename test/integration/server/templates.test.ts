import { beforeAll, expect, it } from 'vitest';
import { BUILTIN_TEMPLATE_DATA } from '../../../src/core/templates/builtin-data.generated.js';
import { describeEachDatabase, useTestServer, type ApiClient } from '../harness.js';

interface Template {
  id: string;
  name: string;
  builtin: boolean;
  currentVersion: number;
  source: string;
  sha256: string;
}

describeEachDatabase('templates', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  const base = '/api/v1/workspaces/TPL/templates';
  beforeAll(async () => {
    owner = (await server().setupOwner({ workspaceKey: 'TPL' })).client;
  });

  it('always offers the built-in template, byte for byte', async () => {
    const list = await owner.get<{ items: Template[] }>(base);
    expect(list.status).toBe(200);
    const builtin = BUILTIN_TEMPLATE_DATA[0];
    expect(builtin).toBeDefined();
    expect(list.body.items[0]).toMatchObject({ id: builtin?.id, builtin: true, currentVersion: 1, name: 'Technical Specification' });
    const one = await owner.get<Template>(`${base}/${builtin?.id ?? ''}`);
    expect(one.body.source).toBe(builtin?.source);
    expect(one.body.sha256).toBe(builtin?.sha256);
    expect((await owner.get(`${base}/${builtin?.id ?? ''}/versions/2`)).status).toBe(404);
    const change = await owner.patch(`${base}/${builtin?.id ?? ''}`, { name: 'Mine' });
    expect(change.status).toBe(409);
    expect(change.body).toMatchObject({ code: 'template_read_only' });
  });

  it('versions workspace templates: a new source is a new version, old versions stay readable', async () => {
    const v1Source = '# RFC\r\n\r\n## Motivation  \r\nWhy?';
    const created = await owner.post<Template>(base, { name: 'RFC', description: 'Request for comments', source: v1Source });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ builtin: false, currentVersion: 1, source: v1Source });
    const renamed = await owner.patch<Template>(`${base}/${created.body.id}`, { name: 'RFC (team)' });
    expect(renamed.body.currentVersion).toBe(1);
    const v2 = await owner.patch<Template>(`${base}/${created.body.id}`, { source: '# RFC v2\n' });
    expect(v2.body.currentVersion).toBe(2);
    const old = await owner.get<{ source: string; version: number }>(`${base}/${created.body.id}/versions/1`);
    expect(old.body).toMatchObject({ version: 1, source: v1Source });
    expect((await owner.get<Template>(`${base}/${created.body.id}`)).body.source).toBe('# RFC v2\n');
    expect((await owner.delete(`${base}/${created.body.id}`)).status).toBe(204);
    expect((await owner.get(`${base}/${created.body.id}`)).status).toBe(404);
    const list = await owner.get<{ items: Template[] }>(base);
    expect(list.body.items.map((t) => t.id)).not.toContain(created.body.id);
  });
});
