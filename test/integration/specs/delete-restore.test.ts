import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient } from '../harness.js';
import { createSpec, expectProblem, getMarkdown, getSpec, putContent, revisionContents, specsPath, type SpecBody } from './helpers.js';

interface AuditBody {
  items: { action: string; targetType: string; targetId: string; actorId: string | null; before: unknown; after: unknown }[];
}

describeEachDatabase('specs: delete and restore', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let admin: ApiClient;
  let adminId: string;
  let editor: ApiClient;
  let editorId: string;
  let viewer: ApiClient;
  let ws: string;

  beforeAll(async () => {
    const s = server();
    ({ owner, ws } = await ownerSession(s));
    const a = await s.addMember(owner, ws, 'admin');
    admin = a.client;
    adminId = a.id;
    const e = await s.addMember(owner, ws, 'editor');
    editor = e.client;
    editorId = e.id;
    viewer = (await s.addMember(owner, ws, 'viewer')).client;
  });

  async function audit(): Promise<AuditBody['items']> {
    const res = await owner.get<AuditBody>(`/api/v1/workspaces/${ws}/audit-events?limit=200`);
    expect(res.status).toBe(200);
    return res.body.items;
  }

  it('a deleted spec is gone from reads, lists and writes, but kept: an admin restores it exactly', async () => {
    const spec = await createSpec(editor, ws, { markdown: '# Doomed\n\nBody\r\n' });
    const v2 = await putContent(editor, ws, spec.number, '# Doomed\n\nBody two\r\n', spec.etag);
    expect((await editor.delete(specsPath(ws, spec.number))).status).toBe(204);

    expectProblem(await getSpec(viewer, ws, spec.number), 404, 'not_found');
    expectProblem(await owner.get(`/api/v1/specs/${spec.key}`), 404, 'not_found');
    expectProblem(await owner.get(specsPath(ws, spec.number, 'revisions')), 404, 'not_found');
    expectProblem(await putContent(editor, ws, spec.number, '# Zombie\n', v2.body.etag), 404, 'not_found');
    expectProblem(await editor.delete(specsPath(ws, spec.number)), 404, 'not_found');
    const live = await owner.get<{ items: SpecBody[] }>(`${specsPath(ws)}?limit=200`);
    expect(live.body.items.map((s) => s.id)).not.toContain(spec.id);
    const deleted = await admin.get<{ items: SpecBody[] }>(`${specsPath(ws)}?deleted=true`);
    expect(deleted.body.items.map((s) => s.id)).toContain(spec.id);
    expect(deleted.body.items.find((s) => s.id === spec.id)?.deletedAt).not.toBeNull();

    expectProblem(await editor.post(specsPath(ws, spec.number, 'restore')), 403, 'forbidden');
    expectProblem(await viewer.post(specsPath(ws, spec.number, 'restore')), 403, 'forbidden');
    const restored = await admin.post<SpecBody>(specsPath(ws, spec.number, 'restore'));
    expect(restored.status, restored.text).toBe(200);
    expect(restored.body).toMatchObject({ id: spec.id, number: spec.number, revision: 2, deletedAt: null, markdown: '# Doomed\n\nBody two\r\n' });
    expect(await getMarkdown(viewer, ws, spec.number)).toBe('# Doomed\n\nBody two\r\n');
    expect(await revisionContents(owner, ws, spec.number)).toEqual(['# Doomed\n\nBody\r\n', '# Doomed\n\nBody two\r\n']);
    expectProblem(await admin.post(specsPath(ws, spec.number, 'restore')), 409, 'spec_not_deleted');
  });

  it('only admins list deleted specs; viewers cannot delete', async () => {
    const spec = await createSpec(editor, ws, { title: 'Protected' });
    expectProblem(await viewer.delete(specsPath(ws, spec.number)), 403, 'forbidden');
    expectProblem(await editor.get(`${specsPath(ws)}?deleted=true`), 403, 'forbidden');
    expect((await getSpec(viewer, ws, spec.number)).status).toBe(200);
  });

  it('a stale If-Match on DELETE is 412 and the spec stays', async () => {
    const spec = await createSpec(editor, ws, { title: 'Still here' });
    await putContent(editor, ws, spec.number, '# Still here\n', spec.etag);
    expectProblem(await editor.delete(specsPath(ws, spec.number), { headers: { 'if-match': spec.etag } }), 412, 'etag_mismatch');
    expect((await getSpec(editor, ws, spec.number)).status).toBe(200);
  });

  it('create, delete and restore are in the append-only audit trail', async () => {
    const spec = await createSpec(editor, ws, { title: 'Audited' });
    await editor.delete(specsPath(ws, spec.number));
    await admin.post(specsPath(ws, spec.number, 'restore'));
    const events = (await audit()).filter((e) => e.targetId === spec.id);
    expect(events.map((e) => [e.action, e.targetType, e.actorId])).toEqual([
      ['spec.restored', 'spec', adminId],
      ['spec.deleted', 'spec', editorId],
      ['spec.created', 'spec', editorId],
    ]);
    expect(events[2]?.after).toMatchObject({ number: spec.number, title: 'Audited', templateId: 'technical-specification', templateVersion: 1 });
  });
});
