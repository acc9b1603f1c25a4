// Highlighting of the fenced code of Markdown rendered with `deferHighlight` (render.ts), once it is
// on the page: the blocks on or near the screen at once, before the first paint, the others when
// scrolling brings them near. A 100 KB spec has hundreds of blocks; highlighting them all up front
// was most of the time to show it.
import DOMPurify from 'dompurify';
import { highlightCode } from './highlight';

const PENDING = 'pre > code[class*="language-"]:not(.language-mermaid):not([data-highlighted])';
/** How near the viewport (px, above and below) a block is highlighted, so scrolling rarely shows it plain. */
const MARGIN = 600;

function highlightBlock(code: HTMLElement): void {
  code.dataset.highlighted = '';
  const lang = /(?:^|\s)language-(\S+)/.exec(code.className)?.[1];
  const html = lang === undefined ? null : highlightCode(code.textContent, lang);
  if (html === null) return;
  // hljs escapes the code itself; sanitized anyway, like all spec HTML, down to classed spans.
  code.innerHTML = DOMPurify.sanitize(html, { ALLOWED_TAGS: ['span'], ALLOWED_ATTR: ['class'] });
}

/** The pending code blocks of `root`, grouped by the child of `root` that holds them. */
function pendingByBlock(root: HTMLElement): Map<Element, HTMLElement[]> {
  const groups = new Map<Element, HTMLElement[]>();
  for (const code of root.querySelectorAll<HTMLElement>(PENDING)) {
    let block: Element = code;
    while (block.parentElement !== null && block.parentElement !== root) block = block.parentElement;
    const group = groups.get(block);
    if (group === undefined) groups.set(block, [code]);
    else group.push(code);
  }
  return groups;
}

/**
 * Highlights the code blocks in `root` near the viewport now and the others as they come near
 * (IntersectionObserver); returns the function that stops watching (call it before `root` changes).
 */
export function highlightCodeIn(root: HTMLElement): () => void {
  const groups = pendingByBlock(root);
  if (groups.size === 0) return () => undefined;
  // Geometry first for every block, then the DOM writes: interleaving them would lay the page out again per block.
  const now: Element[] = [];
  const bottom = window.innerHeight + MARGIN;
  for (const block of groups.keys()) {
    const rect = block.getBoundingClientRect();
    if (rect.bottom >= -MARGIN && rect.top <= bottom) now.push(block);
  }
  for (const block of now) {
    for (const code of groups.get(block) ?? []) highlightBlock(code);
    groups.delete(block);
  }
  if (groups.size === 0) return () => undefined;
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        for (const code of groups.get(entry.target) ?? []) {
          if (code.dataset.highlighted === undefined) highlightBlock(code);
        }
        groups.delete(entry.target);
      }
    },
    { rootMargin: `${MARGIN}px 0px` },
  );
  for (const block of groups.keys()) observer.observe(block);
  return () => observer.disconnect();
}
