// Spec Markdown to HTML, the same on the server (the spec view's `html`, once per revision) and in
// the browser (editor preview, older versions). Pure: no DOM, no sanitizing. It is the first of two
// guards against script in a spec: markdown-it with raw HTML disabled (and its link check refusing
// javascript:/vbscript:/data: URLs); the browser runs DOMPurify over the result before showing it.
// GFM tables are markdown-it's own; task lists, hidden guidance comments, the hidden title, heading
// ids and Mermaid placeholders are added below. Fenced code keeps its `language-*` class and is
// highlighted by the caller's `highlight`, or, without one, on the page (web lazyHighlight.ts).
import MarkdownIt, { type StateCore } from 'markdown-it';
import { sectionAnchor } from './anchors.js';

/** How to render: see markdownToHtml. */
export interface MarkdownHtmlOptions {
  /** Source line (1-based) of each heading -> its section path (from the spec's outline). */
  readonly headingPaths?: ReadonlyMap<number, string>;
  /** Leave out a leading H1 (the page shows the title itself). */
  readonly hideTitle?: boolean;
  /**
   * Highlighted HTML for a fenced block (escaped by the highlighter), or null to leave it plain.
   * Without it every block stays plain escaped text for the page to highlight when on screen.
   */
  readonly highlight?: (code: string, lang: string) => string | null;
}

const TASK = /^\[([ xX])\](?=\s|$)\s?/;

function taskLists(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 2; i < tokens.length; i++) {
    const inline = tokens[i];
    if (inline?.type !== 'inline' || tokens[i - 1]?.type !== 'paragraph_open' || tokens[i - 2]?.type !== 'list_item_open') continue;
    const first = inline.children?.[0];
    const match = first?.type === 'text' ? TASK.exec(first.content) : null;
    if (first === undefined || match === null) continue;
    first.content = first.content.slice(match[0].length);
    const box = new state.Token('task_checkbox', 'input', 0);
    box.meta = { checked: match[1] !== ' ' };
    inline.children?.unshift(box);
    tokens[i - 2]?.attrJoin('class', 'task-item');
  }
}

const COMMENT_ONLY = /^<!--[\s\S]*?-->$/;

// Template guidance is written as HTML comments; with raw HTML off they would show as text.
function hideGuidance(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 1; i < tokens.length - 1; i++) {
    const inline = tokens[i];
    if (inline?.type !== 'inline' || tokens[i - 1]?.type !== 'paragraph_open' || !COMMENT_ONLY.test(inline.content.trim())) continue;
    inline.children = [];
    const open = tokens[i - 1];
    const close = tokens[i + 1];
    if (open !== undefined) open.hidden = true;
    if (close !== undefined) close.hidden = true;
  }
}

function hideTitle(state: StateCore): void {
  const [open, inline, close] = state.tokens;
  if ((state.env as MarkdownHtmlOptions).hideTitle !== true || open?.type !== 'heading_open' || open.tag !== 'h1' || inline === undefined || close === undefined) return;
  open.hidden = true;
  close.hidden = true;
  inline.children = [];
}

function headingIds(state: StateCore): void {
  const paths = (state.env as MarkdownHtmlOptions).headingPaths;
  if (paths === undefined) return;
  for (const token of state.tokens) {
    if (token.type !== 'heading_open' || token.map === null) continue;
    const path = paths.get(token.map[0] + 1);
    if (path !== undefined) token.attrSet('id', sectionAnchor(path));
  }
}

// markdown-it's highlight callback gets no env: markdownToHtml sets this around its (synchronous) call.
let highlighter: MarkdownHtmlOptions['highlight'];
const md = MarkdownIt({ html: false, linkify: false, typographer: false, highlight: (code, lang) => highlighter?.(code, lang) ?? '' });
const fence = md.renderer.rules.fence;
md.renderer.rules.fence = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token !== undefined && token.info.trim().split(/\s+/)[0]?.toLowerCase() === 'mermaid') {
    // The source stays readable (and is what a failed drawing falls back to).
    return `<div class="mermaid-diagram"><pre class="mermaid-source"><code class="language-mermaid">${md.utils.escapeHtml(token.content)}</code></pre></div>\n`;
  }
  return fence === undefined ? self.renderToken(tokens, idx, options) : fence(tokens, idx, options, env, self);
};
md.core.ruler.push('hide_guidance', hideGuidance);
md.core.ruler.push('task_lists', taskLists);
md.core.ruler.push('heading_ids', headingIds);
md.core.ruler.push('hide_title', hideTitle);
md.renderer.rules.task_checkbox = (tokens, idx) => {
  const checked = (tokens[idx]?.meta as { checked: boolean } | undefined)?.checked === true;
  return `<input type="checkbox" disabled${checked ? ' checked' : ''} aria-label="${checked ? 'Done' : 'To do'}"> `;
};

/** A spec's Markdown as HTML, not yet sanitized (raw HTML in the Markdown is shown as text). */
export function markdownToHtml(markdown: string, options: MarkdownHtmlOptions = {}): string {
  highlighter = options.highlight;
  try {
    return md.render(markdown, { ...options });
  } finally {
    highlighter = undefined;
  }
}
