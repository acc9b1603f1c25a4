// Spec Markdown to safe HTML. Two independent guards, so a spec can never run script:
// markdown-it with raw HTML disabled (and its link check refusing javascript:/vbscript:/data: URLs),
// then DOMPurify over the result. GFM tables are markdown-it's own; task lists are added below.
// Fenced code is highlighted (highlight.ts), here or, with `deferHighlight`, after the HTML is on the
// page (highlightCodeIn in highlight.ts); ```mermaid blocks become placeholders that diagrams.ts
// turns into drawings after the HTML is on the page (only then is Mermaid loaded).
import DOMPurify from 'dompurify';
import MarkdownIt, { type StateCore } from 'markdown-it';
import { highlightCode } from './highlight';

interface RenderEnv {
  /** Source line (1-based) of each heading -> its section path (from the spec's outline). */
  headingPaths?: Map<number, string>;
  /** Leave out a leading H1 (the page shows the title itself). */
  hideTitle?: boolean;
  /**
   * Leave fenced code as plain escaped text (with its `language-*` class) for highlightCodeIn to
   * highlight once on the page: highlighting every block of a long spec up front is most of its
   * rendering time, and most blocks are far off screen.
   */
  deferHighlight?: boolean;
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
  if ((state.env as RenderEnv).hideTitle !== true || open?.type !== 'heading_open' || open.tag !== 'h1' || inline === undefined || close === undefined) return;
  open.hidden = true;
  close.hidden = true;
  inline.children = [];
}

function headingIds(state: StateCore): void {
  const paths = (state.env as RenderEnv).headingPaths;
  if (paths === undefined) return;
  for (const token of state.tokens) {
    if (token.type !== 'heading_open' || token.map === null) continue;
    const path = paths.get(token.map[0] + 1);
    if (path !== undefined) token.attrSet('id', sectionAnchor(path));
  }
}

// markdown-it's highlight callback gets no env: markdownHtml sets this around its (synchronous) call.
let deferring = false;
const md = MarkdownIt({ html: false, linkify: false, typographer: false, highlight: (code, lang) => (deferring ? '' : (highlightCode(code, lang) ?? '')) });
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

/** The element id of a section's heading on the spec page (paths are slugs joined by "/"). */
export function sectionAnchor(path: string): string {
  return `sec-${path}`;
}

const SANITIZE = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'iframe', 'object', 'embed'],
  FORBID_ATTR: ['style'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#|\/(?!\/)|\.{0,2}\/?[^:]*$)/i,
};

/** markdown-it's HTML, not yet sanitized: wrapped so it cannot reach the page except through showMarkdown. */
export interface UnsanitizedHtml {
  readonly unsanitized: string;
}

/**
 * A spec's Markdown as markdown-it HTML, to be shown by showMarkdown; `headingPaths` gives headings
 * their section anchors, `hideTitle` leaves out a leading H1, `deferHighlight` leaves code blocks
 * to highlightCodeIn.
 */
export function markdownHtml(markdown: string, options: RenderEnv = {}): UnsanitizedHtml {
  deferring = options.deferHighlight === true;
  try {
    return { unsanitized: md.render(markdown, { ...options }) };
  } finally {
    deferring = false;
  }
}

/**
 * Sanitizes `html` and makes it the content of `target`. DOMPurify returns the sanitized nodes
 * themselves (parsed in its inert document), which are moved into the page: serializing them and
 * parsing that again for innerHTML was a second pass over a long spec.
 */
export function showMarkdown(target: HTMLElement, html: UnsanitizedHtml): void {
  target.replaceChildren(DOMPurify.sanitize(html.unsanitized, { ...SANITIZE, RETURN_DOM_FRAGMENT: true }));
}

/** Sanitized HTML for a spec's Markdown (options as for markdownHtml). */
export function renderMarkdown(markdown: string, options: RenderEnv = {}): string {
  return DOMPurify.sanitize(markdownHtml(markdown, options).unsanitized, SANITIZE);
}
