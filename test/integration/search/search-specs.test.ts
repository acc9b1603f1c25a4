// GET /api/v1/search over specs written through the real specs API: hits point to sections,
// results follow every change, only readable workspaces, filters, ranking, snippets and pages.
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, useTestServer, type ApiClient } from '../harness.js';
import type { SignedInUser } from '../harness-server.js';
import { createSpec, postEdit, putContent, specsPath } from '../specs/helpers.js';

interface Hit {
  specId: string;
  key: string;
  title: string;
  sectionPath: string;
  sectionTitle: string;
  snippet: { text: string; match: boolean }[];
  score: number;
  status: string;
  updatedAt: string;
}
interface Results {
  items: Hit[];
  nextCursor: string | null;
  code?: string;
}

async function search(client: ApiClient, params: Record<string, string>): Promise<Results> {
  const res = await client.get<Results>(`/api/v1/search?${new URLSearchParams(params).toString()}`);
  expect(res.status, res.text).toBe(200);
  return res.body;
}
const where = (r: Results): string[] => r.items.map((h) => `${h.key}#${h.sectionPath}`);
const keys = (r: Results): string[] => [...new Set(r.items.map((h) => h.key))].sort();

describeEachDatabase('search over specs', (database) => {
  const server = useTestServer(database);
  let owner: SignedInUser;
  let editor: SignedInUser;
  let viewer: SignedInUser;
  const WS = 'FIND';

  beforeAll(async () => {
    const s = server();
    owner = await s.setupOwner({ workspaceKey: WS });
    editor = await s.addMember(owner.client, WS, 'editor');
    viewer = await s.addMember(owner.client, WS, 'viewer');
  });

  it('hits point to the section: spec id and key, section path and title', async () => {
    const spec = await createSpec(editor.client, WS, {
      markdown: '# Payment retries\n\nWhy we retry.\n\n## Design\n\n### Backoff schedule\n\nThe flugelhorn schedule doubles each time.\n',
    });
    const results = await search(viewer.client, { q: 'flugelhorn' });
    expect(results.items).toHaveLength(1);
    expect(results.items[0]).toMatchObject({
      specId: spec.id,
      key: spec.key,
      title: 'Payment retries',
      sectionPath: 'design/backoff-schedule',
      sectionTitle: 'Backoff schedule',
      status: 'draft',
      updatedAt: spec.updatedAt,
    });
    // The title is found too, at the top of the spec.
    expect(where(await search(viewer.client, { q: 'payment retries' }))).toEqual([`${spec.key}#`]);
  });

  it('results follow changes: an edited section, replaced content, delete and restore, rename, revision restore', async () => {
    const c = owner.client;
    const spec = await createSpec(editor.client, WS, { markdown: '# Changes\n\n## Storage\n\nWe keep records in the banjo store.\n\n## Other\n\nUnrelated.\n' });
    expect(where(await search(c, { q: 'banjo' }))).toEqual([`${spec.key}#storage`]);

    const edited = await postEdit(editor.client, WS, spec.number, { op: 'setSectionBody', path: 'storage', markdown: 'We keep records in the mandolin store.\n' }, spec.etag);
    expect(edited.status, edited.text).toBe(200);
    expect((await search(c, { q: 'banjo' })).items).toEqual([]);
    expect(where(await search(c, { q: 'mandolin' }))).toEqual([`${spec.key}#storage`]);

    const replaced = await putContent(editor.client, WS, spec.number, '# Changes\n\n## Archive\n\nThe ukulele archive.\n', edited.body.etag);
    expect(replaced.status, replaced.text).toBe(200);
    expect((await search(c, { q: 'mandolin' })).items).toEqual([]);
    expect(where(await search(c, { q: 'ukulele' }))).toEqual([`${spec.key}#archive`]);

    expect((await c.delete(specsPath(WS, spec.number))).status).toBe(204);
    expect((await search(c, { q: 'ukulele' })).items).toEqual([]);
    expect((await search(c, { q: 'changes' })).items.map((h) => h.specId)).not.toContain(spec.id);

    const restored = await c.post(specsPath(WS, spec.number, 'restore'));
    expect(restored.status, restored.text).toBe(200);
    expect(where(await search(c, { q: 'ukulele' }))).toEqual([`${spec.key}#archive`]);

    // A rename rewrites the H1; restoring revision 1 brings its words back.
    const renamed = await c.patch(specsPath(WS, spec.number), { title: 'Sitar changes' });
    expect(renamed.status, renamed.text).toBe(200);
    expect(where(await search(c, { q: 'sitar' }))).toEqual([`${spec.key}#`]);
    const back = await c.post(specsPath(WS, spec.number, 'revisions', 1, 'restore'));
    expect(back.status, back.text).toBe(200);
    expect(where(await search(c, { q: 'banjo' }))).toEqual([`${spec.key}#storage`]);
    expect((await search(c, { q: 'ukulele' })).items).toEqual([]);
    expect((await search(c, { q: 'sitar' })).items).toEqual([]);
  });

  it('only searches workspaces the caller belongs to', async () => {
    const s = server();
    await owner.client.post('/api/v1/workspaces', { name: 'Secret', key: 'HIDE' });
    const hidden = await createSpec(owner.client, 'HIDE', { markdown: '# Hidden\n\n## S\n\nThe oboe plan.\n' });
    const visible = await createSpec(owner.client, WS, { markdown: '# Visible\n\n## S\n\nThe oboe note.\n' });
    const stranger = await s.addMember(owner.client, 'HIDE', 'viewer');

    expect(keys(await search(owner.client, { q: 'oboe' }))).toEqual([hidden.key, visible.key].sort());
    expect(keys(await search(owner.client, { q: 'oboe', workspace: WS }))).toEqual([visible.key]);
    expect(keys(await search(viewer.client, { q: 'oboe' }))).toEqual([visible.key]);
    expect(keys(await search(stranger.client, { q: 'oboe' }))).toEqual([hidden.key]);
    const res = await viewer.client.get<Results>('/api/v1/search?q=oboe&workspace=HIDE');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');

    // A read token sees what its user sees; a removed member sees nothing any more.
    const token = await s.createToken(viewer.client, ['read']);
    expect(keys(await search(token.client, { q: 'oboe' }))).toEqual([visible.key]);
    expect((await owner.client.delete(`/api/v1/workspaces/HIDE/members/${stranger.id}`)).status).toBe(204);
    expect((await search(stranger.client, { q: 'oboe' })).items).toEqual([]);
  });

  it('filters by status, author, label, template and updated range', async () => {
    const s = server();
    const template = await owner.client.post<{ id: string }>(`/api/v1/workspaces/${WS}/templates`, { name: 'Lean', source: '# Lean\n\n## Notes\n' });
    expect(template.status, template.text).toBe(201);
    const first = await createSpec(owner.client, WS, { markdown: '# One\n\n## S\n\nThe tuba step.\n', labels: ['infra'] });
    s.clock.advance(60_000);
    const second = await createSpec(editor.client, WS, { markdown: '# Two\n\n## S\n\nThe tuba plan.\n', labels: ['infra', 'ui'], templateId: template.body.id });
    s.clock.advance(60_000);
    const third = await createSpec(editor.client, WS, { markdown: '# Three\n\n## S\n\nThe tuba idea.\n' });
    const find = async (filters: Record<string, string>) => keys(await search(viewer.client, { q: 'tuba', ...filters }));

    expect(await find({})).toEqual([first.key, second.key, third.key].sort());
    expect(await find({ status: 'draft' })).toEqual([first.key, second.key, third.key].sort());
    expect(await find({ status: 'approved' })).toEqual([]);
    expect(await find({ author: editor.id })).toEqual([second.key, third.key].sort());
    expect(await find({ author: owner.id })).toEqual([first.key]);
    expect(await find({ label: 'infra' })).toEqual([first.key, second.key].sort());
    expect(await find({ label: 'ui' })).toEqual([second.key]);
    expect(await find({ label: 'none-such' })).toEqual([]);
    expect(await find({ template: template.body.id })).toEqual([second.key]);
    expect(await find({ template: 'technical-specification' })).toEqual([first.key, third.key].sort());
    expect(await find({ updatedAfter: second.updatedAt })).toEqual([second.key, third.key].sort());
    expect(await find({ updatedBefore: second.updatedAt })).toEqual([first.key, second.key].sort());
    expect(await find({ updatedAfter: second.updatedAt, updatedBefore: second.updatedAt })).toEqual([second.key]);
    expect(await find({ author: editor.id, label: 'infra' })).toEqual([second.key]);
  });

  it('ranks a heading hit above body hits', async () => {
    const body = await createSpec(owner.client, WS, { markdown: `# Alpha\n\n## Notes\n\n${'The clarinet queue drains the clarinet backlog. '.repeat(8)}\n` });
    const heading = await createSpec(owner.client, WS, { markdown: '# Beta\n\n## Clarinet limits\n\nQuotas and budgets, described at some length for every tenant.\n' });
    const results = await search(viewer.client, { q: 'clarinet' });
    expect(where(results)).toEqual([`${heading.key}#clarinet-limits`, `${body.key}#notes`]);
    expect(results.items[0]?.score).toBeGreaterThan(results.items[1]?.score ?? Infinity);
  });

  it('snippets are text parts with the matches flagged; HTML in a spec stays text', async () => {
    await createSpec(owner.client, WS, { markdown: '# Snip\n\n## Markup\n\nSee <img src=x onerror=alert(1)> & the bagpipe <b>notes</b> here.\n' });
    const [hit] = (await search(viewer.client, { q: 'bagpipe' })).items;
    expect(hit?.snippet.filter((p) => p.match).map((p) => p.text.toLowerCase())).toEqual(['bagpipe']);
    const text = hit?.snippet.map((p) => p.text).join('') ?? '';
    expect(text).toContain('bagpipe');
    expect(text).not.toContain('&amp;');
  });

  it('pages with a cursor: every hit once, best first; the cursor belongs to its query', async () => {
    for (let i = 0; i < 5; i += 1) {
      await createSpec(editor.client, WS, { markdown: `# Page ${i}\n\n## A\n\n${'harmonica '.repeat(i + 1)}here.\n\n## B\n\nOne harmonica.\n` });
    }
    const all = await search(viewer.client, { q: 'harmonica', limit: '50' });
    expect(all.items).toHaveLength(10);
    expect(all.nextCursor).toBeNull();
    const seen: Hit[] = [];
    let cursor: string | null = null;
    do {
      const page: Results = await search(viewer.client, { q: 'harmonica', limit: '3', ...(cursor === null ? {} : { cursor }) });
      seen.push(...page.items);
      if (page.nextCursor !== null) {
        const other = await viewer.client.get<Results>(`/api/v1/search?q=trumpet&cursor=${page.nextCursor}`);
        expect(other.status).toBe(400);
        expect(other.body.code).toBe('invalid_cursor');
      }
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(where({ items: seen, nextCursor: null })).toEqual(where(all));
  });
});
