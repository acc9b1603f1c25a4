// Mermaid drawing under the app's CSP (`style-src 'self'`: no <style> element, no style attribute).
// Mermaid writes both: a <style> element with the diagram's theme and style attributes (d3's
// attr('style')). Rather than loosening the CSP for every page, while a diagram is drawn those
// writes are redirected to what the CSP allows: the <style> text becomes a constructed stylesheet
// (adoptedStyleSheets), a style attribute set by script becomes `element.style.cssText` (CSSOM).
// The finished SVG is sanitized again (our DOMPurify, SVG only; its style attributes are renamed
// before parsing and applied through CSSOM afterwards) and shown in a shadow root that adopts the
// diagram's stylesheet, so its rules (scoped to the diagram's id anyway) touch nothing else.
// Left over: Mermaid re-parses its own serialized SVG (its internal DOMPurify pass), and the CSP
// refuses the style attributes of that throwaway copy; Chromium logs "Applying inline style
// violates ..." for them. Nothing is lost (the copy shown is styled through CSSOM), so the CSP
// stays as it is rather than gaining `style-src-attr 'unsafe-inline'`.
import DOMPurify from 'dompurify';
import mermaid from 'mermaid';

mermaid.initialize({
  startOnLoad: false,
  // Labels are sanitized, click handlers and links in diagrams are disabled.
  securityLevel: 'strict',
  // Plain SVG text labels: no HTML inside foreignObject.
  htmlLabels: false,
  flowchart: { htmlLabels: false },
  suppressErrorRendering: true,
  theme: 'neutral',
});

const purify = DOMPurify(window);
let counter = 0;
const MOVED_STYLE = 'data-mermaid-style';

/** Renames style attributes inside the tags of serialized markup (text never holds a raw `<`). */
function moveStyles(markup: string): string {
  return markup.replace(/<[^<>]+>/g, (tag) => tag.replace(/(\s)style=(?=["'])/gi, `$1${MOVED_STYLE}=`));
}

interface Drawn {
  svg: string;
  sheets: CSSStyleSheet[];
}

/** Mermaid's render with its inline styles redirected to constructed stylesheets and CSSOM. */
async function renderQuietly(id: string, source: string): Promise<Drawn> {
  const sheets: CSSStyleSheet[] = [];
  const adopt = (node: Node): boolean => {
    if (!(node instanceof HTMLStyleElement || node instanceof SVGStyleElement)) return false;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(node.textContent);
    sheets.push(sheet);
    // Applied to the page while drawing, so Mermaid measures text with the diagram's fonts.
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return true;
  };
  const element = Element.prototype;
  const node = Node.prototype;
  // Kept to be restored and called with an explicit `this` (Function.prototype.call).
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const { setAttribute } = element;
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const { appendChild, insertBefore } = node;
  element.setAttribute = function (this: Element, name: string, value: string) {
    if (name.toLowerCase() === 'style' && (this instanceof HTMLElement || this instanceof SVGElement)) {
      this.style.cssText = value;
      return;
    }
    setAttribute.call(this, name, value);
  };
  node.appendChild = function <T extends Node>(this: Node, child: T): T {
    return adopt(child) ? child : (appendChild.call(this, child) as T);
  };
  node.insertBefore = function <T extends Node>(this: Node, child: T, before: Node | null): T {
    return adopt(child) ? child : (insertBefore.call(this, child, before) as T);
  };
  try {
    const { svg } = await mermaid.render(id, source);
    return { svg, sheets };
  } finally {
    element.setAttribute = setAttribute;
    node.appendChild = appendChild;
    node.insertBefore = insertBefore;
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => !sheets.includes(sheet));
  }
}

/** The SVG as DOM nodes, sanitized, with style attributes applied through CSSOM. */
function safeSvg(svg: string): DocumentFragment {
  const styles = new Map<Element, string>();
  purify.addHook('uponSanitizeAttribute', (target, data) => {
    if (data.attrName !== MOVED_STYLE) return;
    styles.set(target, data.attrValue);
    data.keepAttr = false;
  });
  try {
    const fragment = purify.sanitize(moveStyles(svg), {
      USE_PROFILES: { svg: true, svgFilters: true },
      FORBID_TAGS: ['style', 'foreignObject', 'a', 'script', 'use', 'image'],
      RETURN_DOM_FRAGMENT: true,
    });
    for (const [target, css] of styles) {
      if (target instanceof SVGElement) target.style.cssText = css;
    }
    return fragment;
  } finally {
    purify.removeHook('uponSanitizeAttribute');
  }
}

/** Replaces a placeholder's source with the drawing; on a Mermaid error the source stays, with a note. */
export async function drawDiagram(placeholder: HTMLElement): Promise<void> {
  const source = placeholder.textContent;
  counter += 1;
  const id = `mermaid-diagram-${counter}`;
  try {
    const { svg, sheets } = await renderQuietly(id, source);
    const figure = document.createElement('figure');
    figure.className = 'diagram';
    const host = document.createElement('div');
    host.className = 'diagram-drawing';
    host.setAttribute('role', 'img');
    const kind = /aria-roledescription="([^"]+)"/.exec(svg)?.[1];
    host.setAttribute('aria-label', `Diagram${kind === undefined ? '' : ` (${kind})`}: source below`);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = sheets;
    shadow.append(safeSvg(svg));
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = 'Diagram source';
    details.append(summary, ...placeholder.childNodes);
    figure.append(host, details);
    placeholder.replaceChildren(figure);
    placeholder.dataset.state = 'drawn';
  } catch (error) {
    const note = document.createElement('p');
    note.className = 'muted';
    note.textContent = `This diagram could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
    placeholder.append(note);
    placeholder.dataset.state = 'failed';
  }
}
