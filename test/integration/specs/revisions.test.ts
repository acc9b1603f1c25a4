import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient } from '../harness.js';
import { createSpec, expectProblem, getMarkdown, getSpec, putContent, revisionContents, specsPath, type SpecBody } from './helpers.js';

interface RevisionItem {
  number: number;
  author: { id: string; name: string };
  createdAt: string;
  summary: string;
}

interface DiffBody {
  from: number;
  to: number;
  format: string;
  unified?: string;
  sections?: { path: string; status: string; heading: string; level: number; before: string | null; after: string | null }[];
}

const V1 = '# History\n\n## Keep\nSame.\n\n## Change\nOld line.\n\n## Drop\nGone soon.\n';
const V2 = '# History\n\n## Keep\nSame.\n\n## Change\nNew line.\n\n## Add\nFresh.\n';
const V3 = '# History\r\n\r\n## Keep\r\nSame.\r\n';

describeEachDatabase('specs: revisions', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let editor: ApiClient;
  let editorId: string;
  let ws: string;
  let spec: SpecBody;

  beforeAll(async () => {
    const s = server();
    ({ owner, ws } = await ownerSession(s));
    const e = await s.addMember(owner, ws, 'editor');
    editor = e.client;
    editorId = e.id;
    spec = await createSpec(owner, ws, { markdown: V1, summary: 'First draft' });
    const r2 = await putContent(editor, ws, spec.number, V2, spec.etag, 'Second');
    const r3 = await putContent(owner, ws, spec.number, V3, r2.body.etag, 'Third');
    expect(r3.body.revision).toBe(3);
  });

  it('every accepted change is a revision: number, author, time, summary and the full content, losslessly', async () => {
    const list = await owner.get<{ items: RevisionItem[]; nextCursor: string | null }>(specsPath(ws, spec.number, 'revisions'));
    expect(list.status).toBe(200);
    expect(list.body.items.map((r) => [r.number, r.summary])).toEqual([
      [3, 'Third'],
      [2, 'Second'],
      [1, 'First draft'],
    ]);
    expect(list.body.items[1]?.author.id).toBe(editorId);
    for (const r of list.body.items) expect(Number.isNaN(Date.parse(r.createdAt))).toBe(false);
    expect(await revisionContents(owner, ws, spec.number)).toEqual([V1, V2, V3]);
    const one = await owner.get<RevisionItem & { markdown: string; specId: string }>(specsPath(ws, spec.number, 'revisions', 2));
    expect(one.body).toMatchObject({ specId: spec.id, number: 2, summary: 'Second', markdown: V2 });
    const md = await owner.get(specsPath(ws, spec.number, 'revisions', 3), { headers: { accept: 'text/markdown' } });
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.text).toBe(V3);
  });

  it('pages through revisions newest first', async () => {
    const first = await owner.get<{ items: RevisionItem[]; nextCursor: string | null }>(`${specsPath(ws, spec.number, 'revisions')}?limit=2`);
    expect(first.body.items.map((r) => r.number)).toEqual([3, 2]);
    const second = await owner.get<{ items: RevisionItem[]; nextCursor: string | null }>(
      `${specsPath(ws, spec.number, 'revisions')}?limit=2&cursor=${encodeURIComponent(first.body.nextCursor ?? '')}`,
    );
    expect(second.body).toEqual({ items: [expect.objectContaining({ number: 1 })], nextCursor: null });
  });

  it('diff between any two revisions: unified text, exact line endings', async () => {
    const res = await owner.get<DiffBody>(`${specsPath(ws, spec.number, 'diff')}?from=1&to=2`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ from: 1, to: 2, format: 'unified' });
    const unified = res.body.unified ?? '';
    expect(unified).toContain(`--- ${spec.key}@1`);
    expect(unified).toContain(`+++ ${spec.key}@2`);
    expect(unified).toContain('-Old line.\n+New line.\n');
    expect(unified).toContain('-## Drop\n');
    expect(unified).toContain('+## Add\n');
    // Default: the current revision against the one before it; and backwards.
    const latest = await owner.get<DiffBody>(specsPath(ws, spec.number, 'diff'));
    expect(latest.body).toMatchObject({ from: 2, to: 3 });
    expect(latest.body.unified).toContain('+# History\r\n');
    const backwards = await owner.get<DiffBody>(`${specsPath(ws, spec.number, 'diff')}?from=2&to=1`);
    expect(backwards.body.unified).toContain('-New line.\n+Old line.\n');
    const same = await owner.get<DiffBody>(`${specsPath(ws, spec.number, 'diff')}?from=2&to=2`);
    expect(same.body.unified).toBe('');
  });

  it('diff per section: added, removed, changed and unchanged sections with their own text', async () => {
    const res = await owner.get<DiffBody>(`${specsPath(ws, spec.number, 'diff')}?from=1&to=2&format=sections`);
    expect(res.status, res.text).toBe(200);
    const byPath = Object.fromEntries((res.body.sections ?? []).map((s) => [s.path, s]));
    expect(byPath.keep?.status).toBe('unchanged');
    expect(byPath.change).toMatchObject({ status: 'changed', before: '## Change\nOld line.\n\n', after: '## Change\nNew line.\n\n' });
    expect(byPath.drop).toMatchObject({ status: 'removed', after: null });
    expect(byPath.add).toMatchObject({ status: 'added', before: null, after: '## Add\nFresh.\n' });
  });

  it('unknown revisions are 404; bad revision numbers and formats are 400', async () => {
    expectProblem(await owner.get(specsPath(ws, spec.number, 'revisions', 99)), 404, 'not_found');
    expectProblem(await owner.get(`${specsPath(ws, spec.number, 'diff')}?from=1&to=99`), 404, 'not_found');
    expectProblem(await owner.get(specsPath(ws, spec.number, 'revisions', 0)), 400, 'validation_failed');
    expectProblem(await owner.get(specsPath(ws, spec.number, 'revisions', 'one')), 400, 'validation_failed');
    expectProblem(await owner.get(`${specsPath(ws, spec.number, 'diff')}?format=html`), 400, 'validation_failed');
    expectProblem(await owner.post(specsPath(ws, spec.number, 'revisions', 99, 'restore')), 404, 'not_found');
  });

  it('restore makes an old revision current as a new revision; history is kept', async () => {
    const target = await createSpec(owner, ws, { markdown: V1 });
    const changed = await putContent(owner, ws, target.number, V2, target.etag);
    const restored = await editor.post<SpecBody>(specsPath(ws, target.number, 'revisions', 1, 'restore'));
    expect(restored.status, restored.text).toBe(200);
    expect(restored.body).toMatchObject({ revision: 3, markdown: V1 });
    expect(restored.headers.get('etag')).toBe(`"${target.id}:3"`);
    expect(await getMarkdown(owner, ws, target.number)).toBe(V1);
    expect(await revisionContents(owner, ws, target.number)).toEqual([V1, V2, V1]);
    const list = await owner.get<{ items: RevisionItem[] }>(specsPath(ws, target.number, 'revisions'));
    expect(list.body.items[0]).toMatchObject({ number: 3, summary: 'Restored revision 1', author: { id: editorId } });
    // With a stale If-Match nothing happens.
    const stale = await owner.request('POST', specsPath(ws, target.number, 'revisions', 2, 'restore'), { headers: { 'if-match': changed.body.etag } });
    expectProblem(stale, 412, 'etag_mismatch');
    expect((await getSpec(owner, ws, target.number)).body.revision).toBe(3);
  });
});
