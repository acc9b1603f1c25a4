// Showing spec HTML on the page. The HTML comes from markdown-it (src/core/render/markdown-html.ts:
// raw HTML disabled, javascript:/vbscript:/data: links refused), rendered by the server for the spec
// page (the spec view's `html`) or here by client-render.ts (editor preview, older versions); this is
// the second guard: nothing reaches the page without DOMPurify. No markdown-it here, so the spec
// page's first script does not carry it.
import DOMPurify from 'dompurify';

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
 * Sanitizes `html` and makes it the content of `target`. DOMPurify returns the sanitized nodes
 * themselves (parsed in its inert document), which are moved into the page: serializing them and
 * parsing that again for innerHTML was a second pass over a long spec.
 */
export function showMarkdown(target: HTMLElement, html: UnsanitizedHtml): void {
  target.replaceChildren(DOMPurify.sanitize(html.unsanitized, { ...SANITIZE, RETURN_DOM_FRAGMENT: true }));
}

/** `html` sanitized, as a string (for React's dangerouslySetInnerHTML). */
export function sanitizedHtml(html: UnsanitizedHtml): string {
  return DOMPurify.sanitize(html.unsanitized, SANITIZE);
}
