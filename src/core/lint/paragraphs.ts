import type { SourceRange, SpecDocument } from '../document/types.js';
import { linesOf } from '../document/internals.js';
import { normalizeBlock } from '../templates/normalize.js';

/** A run of plain text lines: not a heading, list item, table, code block, comment, field or footer. */
export interface ParagraphBlock {
  readonly start: number;
  readonly end: number;
  /** normalizeBlock of the text. */
  readonly text: string;
}

/**
 * The document's free-text paragraphs, found by elimination: every line some structure covers is
 * marked, the rest is grouped into runs separated by blank lines. One pass over the lines.
 */
export function paragraphBlocks(doc: SpecDocument): ParagraphBlock[] {
  // The parse's own line table: building another one per lint call was a tenth of this function.
  const table = linesOf(doc);
  const covered = new Uint8Array(table.count + 2);
  const mark = (range: SourceRange, wholeItem = false): void => {
    const last = wholeItem ? range.startLine : range.endLine;
    for (let line = range.startLine; line <= last; line += 1) covered[line] = 1;
  };
  for (const s of doc.allSections) mark(s.heading.range);
  if (doc.title) mark(doc.title.range);
  for (const t of doc.tables) mark(t.range);
  for (const c of doc.codeBlocks) mark(c.range);
  for (const c of doc.comments) mark(c.range);
  for (const f of doc.fields) mark(f.range);
  for (const i of doc.listItems) mark(i.range, true);
  if (doc.frontMatter) mark(doc.frontMatter);
  if (doc.footer) for (let line = doc.footer.range.startLine; line <= table.count; line += 1) covered[line] = 1;

  const blocks: ParagraphBlock[] = [];
  let runStart = -1;
  const flush = (lastLine: number): void => {
    if (runStart === -1) return;
    const start = table.starts[runStart - 1] ?? 0;
    const end = table.ends[lastLine - 1] ?? start;
    blocks.push({ start, end, text: normalizeBlock(doc.source.slice(start, end)) });
    runStart = -1;
  };
  for (let line = 1; line <= table.count; line += 1) {
    const start = table.starts[line - 1] ?? 0;
    const end = table.ends[line - 1] ?? start;
    const plain = covered[line] === 0 && !isBlankLine(doc.source, start, end) && !isThematicBreak(doc.source.slice(start, end));
    if (plain && runStart === -1) runStart = line;
    if (!plain) flush(line - 1);
  }
  flush(table.count);
  return blocks;
}

/**
 * Whether source[start, end) is empty after String.prototype.trim. Covered lines are skipped before
 * this is asked, and a printable ASCII character answers at once without slicing the line.
 */
function isBlankLine(source: string, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) {
    const c = source.charCodeAt(i);
    if (c > 32 && c < 127) return false;
    if (c !== 32 && c !== 9) return source.slice(i, end).trim() === '';
  }
  return true;
}

/** `---`, `***`, `___` (3 or more, spaces allowed), up to 3 spaces of indentation. */
export function isThematicBreak(line: string): boolean {
  const t = line.trim();
  if (t.length < 3 || line.length - line.trimStart().length > 3) return false;
  const c = t[0];
  if (c !== '-' && c !== '*' && c !== '_') return false;
  let count = 0;
  for (const ch of t) {
    if (ch === c) count += 1;
    else if (ch !== ' ' && ch !== '\t') return false;
  }
  return count >= 3;
}
