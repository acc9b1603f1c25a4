import type { SnippetPart } from './port.js';

// Private-use code points: the indexed text never contains them (sections.ts removes them), so in a
// snippet they can only be the engine's highlight markers, whatever the spec's text is.
export const HIGHLIGHT_START = '\uE000';
export const HIGHLIGHT_END = '\uE001';
export const ELLIPSIS = '…';

/** Splits engine output marked with HIGHLIGHT_START/END into plain and matched parts. */
export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  let text = '';
  const flush = (): void => {
    if (text === '') return;
    const last = parts[parts.length - 1];
    if (last !== undefined && last.match === match) parts[parts.length - 1] = { text: last.text + text, match };
    else parts.push({ text, match });
    text = '';
  };
  for (const char of marked) {
    if (char === HIGHLIGHT_START || char === HIGHLIGHT_END) {
      flush();
      match = char === HIGHLIGHT_START;
    } else {
      text += char;
    }
  }
  flush();
  return parts;
}
