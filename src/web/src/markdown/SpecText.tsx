// The text of a spec on the spec page. Its content is not rendered by React: the layout effect
// sanitizes the Markdown's HTML into the article before the first paint (showMarkdown), highlights
// the code on screen (the rest as it is scrolled near) and scrolls to a section linked to. Being a
// component of its own, a remounted article gets its text again.
import { useEffect, useLayoutEffect, type RefObject } from 'react';
import { scrollToElement } from './anchor';
import { drawDiagrams } from './diagrams';
import { highlightCodeIn } from './lazyHighlight';
import { showMarkdown, type UnsanitizedHtml } from './render';

function linkedElement(): HTMLElement | null {
  return window.location.hash === '' ? null : document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
}

interface Props {
  html: UnsanitizedHtml | null;
  ref: RefObject<HTMLElement | null>;
  /** Called on mouse up and key up in the text (a selection may have changed). */
  onSelect: () => void;
}

export function SpecText({ html, ref, onSelect }: Props) {
  useLayoutEffect(() => {
    const article = ref.current;
    if (article === null) return;
    if (html === null) {
      article.replaceChildren();
      return;
    }
    showMarkdown(article, html);
    const linked = linkedElement();
    if (linked !== null) scrollToElement(linked);
    return highlightCodeIn(article);
  }, [html, ref]);
  // A link within the text to one of its sections: the browser's jump, then held in place likewise.
  useEffect(() => {
    const onHash = () => {
      const target = linkedElement();
      if (target !== null && ref.current?.contains(target) === true) scrollToElement(target);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [ref]);
  // Diagrams are drawn after the text is on the page (Mermaid loads only when there is one).
  useEffect(() => {
    if (html === null || ref.current === null) return;
    // bench/web.bench.ts: `spec-render` ends after the next frame (style, layout, paint of the new
    // text), not just the DOM commit; it starts where SpecPage renders the Markdown.
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (performance.getEntriesByName('spec-render-start').length === 0) return;
        performance.mark('spec-render-end');
        performance.measure('spec-render', 'spec-render-start', 'spec-render-end');
        performance.clearMarks('spec-render-start');
      }, 0),
    );
    void drawDiagrams(ref.current);
  }, [html, ref]);
  return <article ref={ref} className="markdown" aria-label="Spec text" onMouseUp={onSelect} onKeyUp={onSelect} />;
}
