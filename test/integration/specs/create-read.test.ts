import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient } from '../harness.js';
import { createSpec, expectProblem, getMarkdown, getSpec, specsPath, type SpecBody } from './helpers.js';

// Awkward on purpose: CRLF and LF mixed, trailing spaces, a BOM, astral characters, no final newline.
const AWKWARD = '\uFEFF# Caching  layer \r\n\r\n## Overview\r\nText with trailing spaces   \n\n- [ ] task 😀\n## Détails\t\n\n| a | b |\n|---|---|\n| 1 | 2 |';

describeEachDatabase('specs: create and read', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let ws: string;
  let ownerName: string;

  beforeAll(async () => {
    ({ owner, ws, name: ownerName } = await ownerSession(server()));
  });

  describe('create', () => {
    it('from the default template: title, author and date filled in, revision 1, Draft', async () => {
      const spec = await createSpec(owner, ws, { title: 'Rate limiting' });
      expect(spec).toMatchObject({ title: 'Rate limiting', status: 'draft', templateId: 'technical-specification', templateVersion: 1, revision: 1, labels: [], deletedAt: null });
      expect(spec.key).toBe(`${ws}-${spec.number}`);
      expect(spec.etag).toBe(`"${spec.id}:1"`);
      expect(spec.markdown.startsWith('# Rate limiting\n')).toBe(true);
      expect(spec.markdown).toContain(ownerName);
      expect(spec.markdown).toContain(new Date().toISOString().slice(0, 10));
      expect(spec.author.name).toBe(ownerName);
      expect(spec.sections.map((s) => s.path)).toContain('overview');
      expect(spec.sections.find((s) => s.path === 'overview')?.children.map((c) => c.path)).toContain('overview/purpose');
      expect(spec.lint.score).toBeGreaterThanOrEqual(0);
      expect(spec.lint.errors + spec.lint.warnings).toBeGreaterThan(0);
      expect(spec.completeness).toBe(spec.lint.score);
    });

    it('from Markdown: stored byte for byte, title from the first H1', async () => {
      const spec = await createSpec(owner, ws, { markdown: AWKWARD });
      expect(spec.markdown).toBe(AWKWARD);
      expect(spec.title).toBe('Caching layer');
      expect(await getMarkdown(owner, ws, spec.number)).toBe(AWKWARD);
      const named = await createSpec(owner, ws, { markdown: 'no heading at all', title: 'Given title' });
      expect(named.title).toBe('Given title');
      expect(named.markdown).toBe('no heading at all');
      const untitled = await createSpec(owner, ws, { markdown: '' });
      expect(untitled.markdown).toBe('');
      expect(untitled.title).toBe('Untitled specification');
    });

    it('from a workspace template: follows its current version', async () => {
      const t = await owner.post<{ id: string }>(`/api/v1/workspaces/${ws}/templates`, { name: 'Small', source: '# Small\n\n## Goals\n\n## Risks\n' });
      expect(t.status).toBe(201);
      await owner.patch(`/api/v1/workspaces/${ws}/templates/${t.body.id}`, { source: '# Small\n\n## Goals\n\n## Risks\n\n## Rollout\n' });
      const spec = await createSpec(owner, ws, { templateId: t.body.id, title: 'Uses small' });
      expect(spec).toMatchObject({ templateId: t.body.id, templateVersion: 2 });
      expect(spec.markdown.startsWith('# Uses small\n\n## Goals\n\n## Risks\n\n## Rollout\n')).toBe(true);
      expect(spec.sections.map((s) => s.path)).toEqual(['goals', 'risks', 'rollout']);
    });

    it('an unknown template is 422 unknown_template, and nothing is created', async () => {
      const before = await owner.get<{ items: unknown[] }>(`${specsPath(ws)}?limit=200`);
      expectProblem(await owner.post(specsPath(ws), { templateId: 'no-such-template' }), 422, 'unknown_template');
      const after = await owner.get<{ items: unknown[] }>(`${specsPath(ws)}?limit=200`);
      expect(after.body.items.length).toBe(before.body.items.length);
    });

    it('labels given at creation are kept, sorted and distinct', async () => {
      const spec = await createSpec(owner, ws, { title: 'Labelled', labels: ['security', 'api'] });
      expect(spec.labels).toEqual(['api', 'security']);
      expect((await getSpec(owner, ws, spec.number)).body.labels).toEqual(['api', 'security']);
    });

    it('numbers are consecutive per workspace and each key resolves', async () => {
      await owner.post('/api/v1/workspaces', { name: 'Second', key: 'SECOND' });
      const a = await createSpec(owner, ws, { title: 'A' });
      const b = await createSpec(owner, ws, { title: 'B' });
      const first = await createSpec(owner, 'SECOND', { title: 'First of second' });
      expect(b.number).toBe(a.number + 1);
      expect(first.number).toBe(1);
      expect(first.key).toBe('SECOND-1');
      for (const spec of [a, b, first]) {
        const res = await owner.get<SpecBody>(`/api/v1/specs/${spec.key}`);
        expect(res.status, res.text).toBe(200);
        expect(res.body.id).toBe(spec.id);
      }
    });
  });

  describe('read', () => {
    let spec: SpecBody;
    beforeAll(async () => {
      spec = await createSpec(owner, ws, { markdown: AWKWARD, labels: ['read'] });
    });

    it('by number, key (any case) and id: the same JSON with metadata, outline and lint summary', async () => {
      for (const ref of [String(spec.number), spec.key, spec.key.toLowerCase(), spec.id]) {
        const res = await getSpec(owner, ws, ref);
        expect(res.status, ref).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
        expect(res.headers.get('etag')).toBe(spec.etag);
        expect(res.body).toEqual(spec);
      }
      expect(spec.sections).toEqual([
        { path: 'overview', title: 'Overview', level: 2, line: 3, children: [] },
        { path: 'détails', title: 'Détails', level: 2, line: 7, children: [] },
      ]);
    });

    it('as Markdown, byte-identical: Accept: text/markdown, a .md suffix, and by server-wide key', async () => {
      expect(await getMarkdown(owner, ws, spec.number)).toBe(AWKWARD);
      expect(await getMarkdown(owner, ws, 0, specsPath(ws, `${spec.key}.md`))).toBe(AWKWARD);
      expect(await getMarkdown(owner, ws, 0, `/api/v1/specs/${spec.key}.md`)).toBe(AWKWARD);
      const raw = await fetch(`${server().baseUrl}${specsPath(ws, spec.number)}.md`, { headers: { cookie: `specboard_session=${owner.cookie ?? ''}` } });
      expect(Buffer.from(await raw.arrayBuffer()).equals(Buffer.from(AWKWARD, 'utf8'))).toBe(true);
      // JSON wins when preferred.
      const json = await owner.get(specsPath(ws, spec.number), { headers: { accept: 'application/json, text/markdown;q=0.5' } });
      expect(json.headers.get('content-type')).toMatch(/json/);
    });

    it('If-None-Match with the current ETag is 304 Not Modified for the Markdown view', async () => {
      const res = await owner.get(specsPath(ws, spec.number), { headers: { 'if-none-match': spec.etag, accept: 'text/markdown' } });
      expect(res.status).toBe(304);
      expect(res.text).toBe('');
      expect((await owner.get(specsPath(ws, spec.number), { headers: { 'if-none-match': '"other:1"', accept: 'text/markdown' } })).status).toBe(200);
    });

    it('the JSON view is sent whole even with a matching If-None-Match: a label change keeps the revision', async () => {
      const relabelled = await owner.patch(specsPath(ws, spec.number), { labels: ['etag-check'] }, { headers: { 'if-match': spec.etag } });
      expect(relabelled.status).toBe(200);
      const res = await owner.get(specsPath(ws, spec.number), { headers: { 'if-none-match': spec.etag } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ labels: ['etag-check'], etag: spec.etag });
    });

    it('unknown numbers, keys, ids and another workspace key are 404', async () => {
      for (const ref of ['999999', `${ws}-999999`, 'SECOND-1', '01234567-89ab-7cde-8f01-23456789abcd', 'not-a-ref', '0', '99999999999']) {
        expectProblem(await getSpec(owner, ws, ref), 404, 'not_found');
      }
      expectProblem(await owner.get('/api/v1/specs/NOPE-1'), 404, 'not_found');
      expectProblem(await owner.get('/api/v1/specs/42'), 404, 'not_found');
    });
  });

  describe('PATCH', () => {
    it('a new title rewrites the H1 as a new revision; labels change without one', async () => {
      const spec = await createSpec(owner, ws, { markdown: '# Old name ##\n\nBody\r\n' });
      const renamed = await owner.patch<SpecBody>(specsPath(ws, spec.number), { title: 'New name', labels: ['x'] });
      expect(renamed.status, renamed.text).toBe(200);
      expect(renamed.body).toMatchObject({ title: 'New name', revision: 2, labels: ['x'] });
      expect(renamed.body.markdown).toBe('# New name\n\nBody\r\n');
      const relabelled = await owner.patch<SpecBody>(specsPath(ws, spec.number), { labels: ['y', 'x'] });
      expect(relabelled.body).toMatchObject({ revision: 2, labels: ['x', 'y'] });
      const noH1 = await createSpec(owner, ws, { markdown: 'Body only\n', title: 'Kept' });
      const titled = await owner.patch<SpecBody>(specsPath(ws, noH1.number), { title: 'Now a heading' });
      expect(titled.body.markdown).toBe('# Now a heading\n\nBody only\n');
    });

    it('a stale If-Match is 412 and changes nothing', async () => {
      const spec = await createSpec(owner, ws, { title: 'Patch me' });
      await owner.patch(specsPath(ws, spec.number), { title: 'Second' });
      const stale = await owner.request('PATCH', specsPath(ws, spec.number), { body: { title: 'Third' }, headers: { 'if-match': spec.etag } });
      expectProblem(stale, 412, 'etag_mismatch');
      expect((await getSpec(owner, ws, spec.number)).body.title).toBe('Second');
    });
  });
});
