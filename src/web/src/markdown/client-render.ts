// Markdown to HTML in the browser, with the renderer the server uses (src/core/render): the editor
// preview, older versions on the spec page, and a spec view that came without its `html`. Loaded
// lazily by the spec page (markdown-it is not part of its first script).
import { markdownToHtml, type MarkdownHtmlOptions } from '../../../core/render/markdown-html';
import { highlightCode } from './highlight';
import { sanitizedHtml, type UnsanitizedHtml } from './render';

type RenderOptions = Omit<MarkdownHtmlOptions, 'highlight'> & {
  /** Leave fenced code plain (with its `language-*` class) for highlightCodeIn (lazyHighlight.ts). */
  readonly deferHighlight?: boolean;
};

/** A spec's Markdown as markdown-it HTML, to be shown by showMarkdown. */
export function markdownHtml(markdown: string, options: RenderOptions = {}): UnsanitizedHtml {
  const { deferHighlight, ...rest } = options;
  return { unsanitized: markdownToHtml(markdown, deferHighlight === true ? rest : { ...rest, highlight: highlightCode }) };
}

/** Sanitized HTML for a spec's Markdown, code highlighted (options as for markdownHtml). */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): string {
  return sanitizedHtml(markdownHtml(markdown, options));
}
