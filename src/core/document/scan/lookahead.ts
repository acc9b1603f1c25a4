/**
 * Looking at lines ahead of or beside the scanner's current line, for the two places where
 * markdown-it (the oracle for block structure) decides with more than the current line: link
 * reference definitions spanning lines, and lines left of a list item's content column.
 */
import type { LineTable } from '../../text/line-table.js';
import { LineCursor, isSpaceOrTab } from './cursor.js';
import { htmlBlockStartType } from './html-start.js';
import {
  delimiterRowColumns, headerCellCount, isThematicBreak, matchAtxHeading, matchOpeningFence, startsBlock,
} from './leaf-starts.js';
import { ITEM, QUOTE, type OpenBlock } from './open-block.js';

/**
 * markdown-it measures indentation inside a list item from the item's content column, so a line
 * left of that column that starts a heading, fence, quote, break or HTML block ends the item's
 * paragraph even when it is indented 4+ columns from the enclosing container (where it then is
 * indented code). CommonMark would read it as lazy continuation; headings follow markdown-it.
 */
export function outdentedTerminator(
  src: string, stack: readonly OpenBlock[], lastMatched: number, cur: LineCursor, allClosed: boolean,
): boolean {
  if (allClosed || cur.blank || stack[lastMatched]?.kind !== ITEM) return false;
  const nn = cur.nextNonspace;
  const end = cur.lineEnd;
  const c = src.charCodeAt(nn);
  if (c === 35) return matchAtxHeading(src, nn, end) !== null;
  if (c === 96 || c === 126) return matchOpeningFence(src, nn, end) > 0;
  if (c === 62) return true;
  if (c === 60) {
    const type = htmlBlockStartType(src, nn, end);
    return type > 0 && type < 7;
  }
  if (isThematicBreak(src, nn, end)) return true;
  // A list marker ends it unless indented 4+ columns from the innermost list's container.
  if (!startsBlock(src, nn, end)) return false;
  let item: OpenBlock | undefined;
  for (let i = stack.length - 1; i > 0 && !item; i--) if (stack[i]?.kind === ITEM) item = stack[i];
  return item !== undefined && cur.nextNonspaceColumn - item.parentColumn < 4;
}

/**
 * Quick test on the first line: a definition's label ends at the first unescaped `]`, which must
 * be followed by `:`; a label running past this line needs the look-ahead.
 */
export function mayStartDefinition(src: string, start: number, end: number): boolean {
  for (let p = start + 1; p < end; p++) {
    const c = src.charCodeAt(p);
    if (c === 92) p++;
    else if (c === 91) return false;
    else if (c === 93) return src.charCodeAt(p + 1) === 58;
  }
  return true;
}

/**
 * The text of the lines that may hold a link reference definition starting at `offset` on line
 * `l`: that line's rest, then each following line that continues it (at most `max` more).
 */
export function definitionCandidateLines(
  src: string, lines: LineTable, stack: readonly OpenBlock[], l: number, offset: number, max: number,
): string[] {
  const texts = [src.slice(offset, lines.ends[l])];
  const look = new LineCursor();
  let content = peekContinuation(src, lines, stack, look, l + 1);
  for (let j = l + 1; j < lines.count && j <= l + max && content >= 0; j++) {
    const end = lines.ends[j] ?? 0;
    const next = j + 1 < lines.count ? peekContinuation(src, lines, stack, look, j + 1) : -1;
    // A table (this line a header, the next a matching delimiter row) also ends a definition.
    if (next >= 0 && isTableStart(src, content, end, next, lines.ends[j + 1] ?? 0)) break;
    texts.push(src.slice(content, end));
    content = next;
  }
  return texts;
}

function isTableStart(src: string, headerStart: number, headerEnd: number, delimStart: number, delimEnd: number): boolean {
  const columns = delimiterRowColumns(src, delimStart, delimEnd);
  return columns > 0 && headerCellCount(src, headerStart, headerEnd) === columns;
}

/**
 * Where line j's text starts if it can continue a definition begun on an earlier line (matching
 * the open containers, or lazily), or -1 when it is blank or starts another block.
 */
function peekContinuation(src: string, lines: LineTable, stack: readonly OpenBlock[], look: LineCursor, j: number): number {
  look.reset(src, lines.starts[j] ?? 0, lines.ends[j] ?? 0);
  let unmatched: OpenBlock | undefined;
  for (let i = 1; i < stack.length && !unmatched; i++) {
    const b = stack[i] as OpenBlock;
    look.findNextNonspace();
    if (b.kind === QUOTE && look.peek(look.nextNonspace) === 62) {
      look.advanceNextNonspace();
      look.advanceOffset(1, false);
      if (isSpaceOrTab(look.peek(look.offset))) look.advanceOffset(1, true);
    } else if (b.kind === ITEM && !look.blank && look.indent >= b.contentIndent) {
      look.advanceOffset(b.contentIndent, true);
    } else unmatched = b;
  }
  look.findNextNonspace();
  if (look.blank) return -1;
  // Indentation shields a line from ending the definition, except left of a list item's content
  // column (markdown-it checks such lines against every block start, whatever their indent).
  if (look.indented && unmatched?.kind !== ITEM) return look.nextNonspace;
  return startsBlock(src, look.nextNonspace, look.lineEnd) ? -1 : look.nextNonspace;
}
