// src/core/render: the Markdown -> HTML renderer shared by the server (spec view `html`) and the web
// client (editor preview, older versions).
import { describe, expect, it } from 'vitest';
import { headingPaths, markdownToHtml, sectionAnchor } from '../../../src/core/index.js';

describe('markdownToHtml', () => {
  it('shows raw HTML as text and drops script links (the first guard; the browser sanitizes too)', () => {
    const html = markdownToHtml('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[a](javascript:alert(1)) [b](data:text/html,x) [c](https://example.com)\n');
    expect(html).not.toMatch(/<script|<img|href="javascript:|href="data:/);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<a href="https://example.com">c</a>');
  });

  it('task lists, GFM tables, hidden guidance comments', () => {
    const html = markdownToHtml('<!-- say what it is for -->\n\n- [x] done\n- [ ] open\n- plain\n\n| a | b |\n|---|---|\n| 1 | 2 |\n');
    expect(html).not.toContain('say what it is for');
    expect(html).toContain('<li class="task-item"><input type="checkbox" disabled checked aria-label="Done"> done</li>');
    expect(html).toContain('<li class="task-item"><input type="checkbox" disabled aria-label="To do"> open</li>');
    expect(html).toContain('<li>plain</li>');
    expect(html).toContain('<td>2</td>');
  });

  it('heading ids from the outline, the leading H1 left out on request', () => {
    const text = '# Title\n\n## Goals\n\n### Non-goals\n\n## Risks\n';
    // An outline as the spec views carry it (line 1-based).
    const paths = headingPaths([
      { path: 'goals', line: 3, children: [{ path: 'goals/non-goals', line: 5, children: [] }] },
      { path: 'risks', line: 7, children: [] },
    ]);
    const html = markdownToHtml(text, { headingPaths: paths, hideTitle: true });
    expect(html).not.toContain('Title');
    expect(html).toContain(`<h2 id="${sectionAnchor('goals')}">Goals</h2>`);
    expect(html).toContain('<h3 id="sec-goals/non-goals">Non-goals</h3>');
    expect(markdownToHtml(text)).toContain('<h1>Title</h1>');
  });

  it('code: plain with its language class unless highlighted; Mermaid as a placeholder', () => {
    const text = '```ts\nconst a = 1;\n```\n\n```mermaid\ngraph TD; A-->B\n```\n';
    expect(markdownToHtml(text)).toContain('<pre><code class="language-ts">const a = 1;\n</code></pre>');
    const highlighted = markdownToHtml(text, { highlight: (code, lang) => (lang === 'ts' ? `<span class="hl">${code.trim()}</span>` : null) });
    expect(highlighted).toContain('<span class="hl">const a = 1;</span>');
    expect(highlighted).toContain('<div class="mermaid-diagram"><pre class="mermaid-source"><code class="language-mermaid">graph TD; A--&gt;B\n</code></pre></div>');
    // The highlighter is per call: the next call without one leaves code plain.
    expect(markdownToHtml(text)).not.toContain('class="hl"');
  });
});
