// The spec view's `html` (include=html): the current revision rendered on the server, per revision,
// the same over GraphQL (Spec.html); raw HTML in a spec is never passed through.
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient } from '../harness.js';
import { gqlData } from '../graphql/helpers.js';
import { createSpec, putContent, specsPath, type SpecBody } from './helpers.js';

type WithHtml = SpecBody & { html?: string };

const TEXT = [
  '# Rate limiting',
  '',
  '## Overview',
  '',
  '<!-- guidance for the author -->',
  '',
  'Plain **text** and <script>alert(1)</script> and [bad](javascript:alert(1)).',
  '',
  '- [x] done',
  '- [ ] open',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  '',
  '```ts',
  'const x = 1;',
  '```',
  '',
  '```mermaid',
  'graph TD; A-->B',
  '```',
  '',
].join('\n');

describeEachDatabase('specs: rendered HTML', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let ws: string;

  beforeAll(async () => {
    ({ owner, ws } = await ownerSession(server()));
  });

  it('include=html adds the current revision as HTML; without it there is none', async () => {
    const spec = await createSpec(owner, ws, { markdown: TEXT });
    const plain = await owner.get<WithHtml>(specsPath(ws, spec.number));
    expect(plain.status).toBe(200);
    expect(plain.body.html).toBeUndefined();
    const res = await owner.get<WithHtml>(`${specsPath(ws, spec.number)}?include=html`);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ revision: spec.revision, etag: spec.etag, markdown: TEXT });
    const html = res.body.html ?? '';
    // The title is left out (the page shows it); headings carry their section anchors.
    expect(html).not.toContain('<h1');
    expect(html).toContain('<h2 id="sec-overview">Overview</h2>');
    expect(html).not.toContain('guidance for the author');
    expect(html).toContain('<strong>text</strong>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<li class="task-item"><input type="checkbox" disabled checked aria-label="Done"> done</li>');
    expect(html).toContain('<input type="checkbox" disabled aria-label="To do"> open');
    expect(html).toContain('<table>');
    expect(html).toContain('<pre><code class="language-ts">const x = 1;\n</code></pre>');
    expect(html).toContain('<div class="mermaid-diagram"><pre class="mermaid-source"><code class="language-mermaid">graph TD; A--&gt;B\n</code></pre></div>');
    // The same by key, and the same body again (served from the revision cache).
    const byKey = await owner.get<WithHtml>(`/api/v1/specs/${spec.key}?include=html`);
    expect(byKey.body.html).toBe(html);
    expect((await owner.get<WithHtml>(`${specsPath(ws, spec.number)}?include=html`)).text).toBe(res.text);
  });

  it('follows the current revision: an edit changes it, a label change keeps it', async () => {
    const spec = await createSpec(owner, ws, { markdown: '# Cache\n\n## Goals\n\nFirst text.\n' });
    const first = await owner.get<WithHtml>(`${specsPath(ws, spec.number)}?include=html`);
    expect(first.body.html).toContain('First text.');
    const written = await putContent(owner, ws, spec.number, '# Cache\n\n## Goals\n\nSecond text.\n\n## Risks\n\nNone.\n', spec.etag);
    expect(written.status, written.text).toBe(200);
    const second = await owner.get<WithHtml>(`${specsPath(ws, spec.number)}?include=html`);
    expect(second.body.revision).toBe(spec.revision + 1);
    expect(second.body.html).toContain('Second text.');
    expect(second.body.html).not.toContain('First text.');
    expect(second.body.html).toContain('<h2 id="sec-risks">Risks</h2>');
    const relabeled = await owner.patch<WithHtml>(specsPath(ws, spec.number), { labels: ['infra'] });
    expect(relabeled.status, relabeled.text).toBe(200);
    const third = await owner.get<WithHtml>(`${specsPath(ws, spec.number)}?include=html`);
    expect(third.body).toMatchObject({ labels: ['infra'], revision: second.body.revision, html: second.body.html });
  });

  it('an unknown include is a 400', async () => {
    const spec = await createSpec(owner, ws, { markdown: '# X\n' });
    expect((await owner.get(`${specsPath(ws, spec.number)}?include=everything`)).status).toBe(400);
  });

  it('GraphQL Spec.html is the same HTML', async () => {
    const spec = await createSpec(owner, ws, { markdown: TEXT });
    const rest = await owner.get<WithHtml>(`${specsPath(ws, spec.number)}?include=html`);
    const data = await gqlData<{ spec: { html: string; revision: number } }>(owner, 'query($ws: String!, $ref: String!) { spec(workspace: $ws, ref: $ref) { revision html } }', { ws, ref: String(spec.number) });
    expect(data.spec).toEqual({ revision: spec.revision, html: rest.body.html });
    // From a list item (no text held): read for the field.
    const list = await gqlData<{ specs: { items: { number: number; html: string }[] } }>(owner, 'query($ws: String!) { specs(workspace: $ws, limit: 200) { items { number html } } }', { ws });
    expect(list.specs.items.find((item) => item.number === spec.number)?.html).toBe(rest.body.html);
  });
});
