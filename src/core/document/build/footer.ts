/**
 * The status footer: the last top-level paragraph after the last section heading that holds a
 * `**Document Status**`-style field, together with a thematic break right before it. Sections end
 * where the footer starts, so editing the last section never touches the footer.
 */
import type { LineTable } from '../../text/line-table.js';
import { rangeFromLines } from '../../text/line-table.js';
import { skipSpaces } from '../scan/cursor.js';
import { PARA_END, PARA_FLAGS, PARA_START, PARA_TOP_LEVEL } from '../scan/record-table.js';
import type { BlockScan } from '../scan/records.js';
import { FOOTER_LABELS, type FooterKey } from '../types.js';
import { matchField } from './fields.js';

const KEY_BY_LABEL = new Map<string, FooterKey>(
  (Object.entries(FOOTER_LABELS) as [FooterKey, string][]).map(([key, label]) => [label.toLowerCase(), key]),
);

/** Footer key for a field label (case-insensitive), if it is one. */
export function footerKeyOf(label: string): FooterKey | undefined {
  return KEY_BY_LABEL.get(label.trim().toLowerCase());
}

export interface FooterLocation {
  /** The footer paragraph's first and last line. */
  paragraphStart: number;
  paragraphEnd: number;
  /** Footer start: the thematic break line before the paragraph, or the paragraph's first line. */
  start: number;
  startLine: number;
}

function isBlankLine(src: string, lines: LineTable, l: number): boolean {
  const e = lines.ends[l] ?? 0;
  return skipSpaces(src, lines.starts[l] ?? 0, e) === e;
}

/** Finds the footer paragraph, if any. */
export function locateFooter(src: string, lines: LineTable, scan: BlockScan): FooterLocation | null {
  let lastHeadingLine = -1;
  for (const h of scan.headings) if (!h.nested && h.endLine > lastHeadingLine) lastHeadingLine = h.endLine;
  const paragraphs = scan.paragraphs;
  for (let i = paragraphs.length - 1; i >= 0; i--) {
    const pStart = paragraphs.get(i, PARA_START);
    const pEnd = paragraphs.get(i, PARA_END);
    if (pStart <= lastHeadingLine) break;
    if ((paragraphs.get(i, PARA_FLAGS) & PARA_TOP_LEVEL) === 0) continue;
    let found = false;
    for (let l = pStart; l <= pEnd && !found; l++) {
      const s = scan.contentStart[l] ?? 0;
      const m = src.charCodeAt(s) === 42 ? matchField(src, s, lines.ends[l] ?? s, false) : null;
      found = m !== null && footerKeyOf(m.label) !== undefined;
    }
    if (!found) continue;
    let startLine = pStart;
    for (let b = scan.thematicBreaks.length - 1; b >= 0; b--) {
      const br = scan.thematicBreaks[b];
      if (!br || br.line >= pStart) continue;
      if (br.topLevel && br.line > lastHeadingLine) {
        let blank = true;
        for (let l = br.line + 1; l < pStart && blank; l++) blank = isBlankLine(src, lines, l);
        if (blank) startLine = br.line;
      }
      break;
    }
    return { paragraphStart: pStart, paragraphEnd: pEnd, start: lines.starts[startLine] ?? 0, startLine };
  }
  return null;
}

/** Footer range from its location. */
export function footerRange(lines: LineTable, loc: FooterLocation): ReturnType<typeof rangeFromLines> {
  const endLine = loc.paragraphEnd;
  return rangeFromLines(loc.start, lines.ends[endLine] ?? loc.start, loc.startLine, endLine);
}
