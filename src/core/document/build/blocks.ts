/**
 * Turns scan records into the document's block lists: tables, list items, fields, fenced code
 * blocks and HTML comments, each with source ranges and the path of the section it is in.
 */
import type { LineTable } from '../../text/line-table.js';
import { rangeFromLines, rangeIn } from '../../text/line-table.js';
import { splitRow } from '../inline/table-cells.js';
import { delimiterAligns } from '../scan/leaf-starts.js';
import { skipSpaces, trimEndSpaces } from '../scan/cursor.js';
import {
  ITEM_DEPTH, ITEM_FLAGS, ITEM_HAS_NESTED, ITEM_LINE, ITEM_MARKER_END, ITEM_MARKER_START, ITEM_ORDERED, ITEM_TEXT_START,
  PARA_END, PARA_FIRST_OF_ITEM, PARA_FLAGS, PARA_IN_ITEM, PARA_START,
} from '../scan/record-table.js';
import type { BlockScan } from '../scan/records.js';
import type { CodeBlock, Field, HtmlComment, ListItem, SourceRange, Table, TableRow } from '../types.js';
import { matchField } from './fields.js';
import type { SectionIndex } from './section-index.js';
import { sectionPathAt } from './section-index.js';

export interface BlockContext {
  readonly src: string;
  readonly lines: LineTable;
  readonly scan: BlockScan;
  readonly index: SectionIndex;
}

function lineRange(ctx: BlockContext, start: number, end: number, line: number): SourceRange {
  return rangeFromLines(start, end, line, line);
}

function tableRow(ctx: BlockContext, line: number): TableRow {
  const { src, lines, scan } = ctx;
  const s = scan.contentStart[line] ?? 0;
  const e = trimEndSpaces(src, s, lines.ends[line] ?? s);
  const cells = splitRow(src, s, e).map((c) => ({ text: src.slice(c.start, c.end), range: lineRange(ctx, c.start, c.end, line) }));
  return { cells, range: lineRange(ctx, s, e, line) };
}

export function buildTables(ctx: BlockContext): Table[] {
  const { src, lines, scan } = ctx;
  return scan.tables.map((t) => {
    const header = tableRow(ctx, t.headerLine);
    const ds = scan.contentStart[t.delimiterLine] ?? 0;
    const align = delimiterAligns(src, ds, trimEndSpaces(src, ds, lines.ends[t.delimiterLine] ?? ds));
    const lastLine = t.rowLines[t.rowLines.length - 1] ?? t.delimiterLine;
    const start = header.range.start;
    return {
      sectionPath: sectionPathAt(ctx.index, start),
      header,
      align,
      rows: t.rowLines.map((l) => tableRow(ctx, l)),
      range: rangeFromLines(start, lines.ends[lastLine] ?? start, t.headerLine, lastLine),
    };
  });
}

export function buildListItems(ctx: BlockContext): ListItem[] {
  const { src, lines, scan } = ctx;
  const items = scan.items;
  const paragraphs = scan.paragraphs;
  const firstParagraphEnd = new Int32Array(items.length).fill(-1);
  for (let p = 0; p < paragraphs.length; p++) {
    const first = paragraphs.get(p, PARA_FIRST_OF_ITEM);
    if (first >= 0) firstParagraphEnd[first] = paragraphs.get(p, PARA_END);
  }
  const out: ListItem[] = [];
  for (let i = 0; i < items.length; i++) {
    const line = items.get(i, ITEM_LINE);
    const markerStart = items.get(i, ITEM_MARKER_START);
    const flags = items.get(i, ITEM_FLAGS);
    let textStart = items.get(i, ITEM_TEXT_START);
    const lineEnd = lines.ends[line] ?? textStart;
    let task: ListItem['task'] = null;
    if (src.charCodeAt(textStart) === 91 && src.charCodeAt(textStart + 2) === 93 && textStart + 3 <= lineEnd) {
      const mark = src.charCodeAt(textStart + 1);
      const after = textStart + 3 < lineEnd ? src.charCodeAt(textStart + 3) : -1;
      if ((mark === 32 || mark === 120 || mark === 88) && (after === -1 || after === 32 || after === 9)) {
        task = { checked: mark !== 32, range: lineRange(ctx, textStart, textStart + 3, line) };
        textStart += 3;
      }
    }
    const ts = skipSpaces(src, textStart, lineEnd);
    const text = src.slice(ts, trimEndSpaces(src, ts, lineEnd));
    const continues = (firstParagraphEnd[i] ?? -1) > line;
    out.push({
      sectionPath: sectionPathAt(ctx.index, markerStart),
      marker: src.slice(markerStart, items.get(i, ITEM_MARKER_END)),
      ordered: (flags & ITEM_ORDERED) !== 0,
      depth: items.get(i, ITEM_DEPTH),
      task,
      text,
      empty: text === '' && (flags & ITEM_HAS_NESTED) === 0 && !continues,
      range: lineRange(ctx, markerStart, trimEndSpaces(src, markerStart, lineEnd), line),
    });
  }
  return out;
}

export function buildFields(ctx: BlockContext, listItems: readonly ListItem[]): Field[] {
  const { src, lines, scan } = ctx;
  const fromItems: Field[] = [];
  const fromLines: Field[] = [];
  let out = fromItems;
  const make = (line: number, start: number, end: number, plain: boolean, inList: boolean): void => {
    const m = matchField(src, start, end, plain);
    if (!m) return;
    out.push({
      sectionPath: sectionPathAt(ctx.index, m.start),
      label: m.label,
      bold: m.bold,
      inList,
      value: src.slice(m.valueStart, m.valueEnd),
      valueRange: lineRange(ctx, m.valueStart, m.valueEnd, line),
      range: lineRange(ctx, m.start, Math.max(m.valueEnd, m.colonEnd), line),
    });
  };
  const items = scan.items;
  for (let i = 0; i < items.length; i++) {
    if (!listItems[i] || listItems[i]?.task) continue;
    const line = items.get(i, ITEM_LINE);
    const textStart = items.get(i, ITEM_TEXT_START);
    make(line, textStart, lines.ends[line] ?? textStart, true, true);
  }
  out = fromLines;
  const paragraphs = scan.paragraphs;
  for (let p = 0; p < paragraphs.length; p++) {
    const first = paragraphs.get(p, PARA_START);
    const last = paragraphs.get(p, PARA_END);
    const inItem = (paragraphs.get(p, PARA_FLAGS) & PARA_IN_ITEM) !== 0;
    const skipFirst = paragraphs.get(p, PARA_FIRST_OF_ITEM) >= 0;
    for (let l = first; l <= last; l++) {
      if (l === first && skipFirst) continue;
      const s = scan.contentStart[l] ?? 0;
      if (src.charCodeAt(s) !== 42) continue;
      make(l, s, lines.ends[l] ?? s, false, inItem);
    }
  }
  return mergeByStart(fromItems, fromLines);
}

/** Merges two lists already in document order. */
function mergeByStart<T extends { readonly range: SourceRange }>(a: readonly T[], b: readonly T[]): T[] {
  if (b.length === 0) return a.slice();
  if (a.length === 0) return b.slice();
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as T;
    const y = b[j] as T;
    if (x.range.start <= y.range.start) {
      out.push(x);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  while (i < a.length) out.push(a[i++] as T);
  while (j < b.length) out.push(b[j++] as T);
  return out;
}

export function buildCodeBlocks(ctx: BlockContext): CodeBlock[] {
  const { src, lines, scan } = ctx;
  return scan.fences.map((f) => {
    const info = src.slice(f.infoStart, f.infoEnd);
    const space = info.search(/[ \t]/);
    const lang = space === -1 ? info : info.slice(0, space);
    const first = f.startLine + 1;
    const last = f.closed ? f.endLine - 1 : f.endLine;
    let content = '';
    if (first <= last) {
      let contiguous = true;
      for (let l = first; l <= last && contiguous; l++) contiguous = scan.contentStart[l] === lines.starts[l];
      const endOf = (l: number): number => (l + 1 < lines.count ? (lines.starts[l + 1] ?? src.length) : src.length);
      if (contiguous) content = src.slice(lines.starts[first], endOf(last));
      else {
        const parts: string[] = [];
        for (let l = first; l <= last; l++) parts.push(src.slice(Math.min(scan.contentStart[l] ?? 0, lines.ends[l] ?? 0), endOf(l)));
        content = parts.join('');
      }
    }
    const start = lines.starts[f.startLine] ?? 0;
    const end = lines.ends[f.endLine] ?? start;
    // An unclosed fence can end on an empty last line: its last code unit is the line ending before.
    const lastLine = end === lines.starts[f.endLine] && f.endLine > f.startLine ? f.endLine - 1 : f.endLine;
    return { sectionPath: sectionPathAt(ctx.index, start), lang, content, range: rangeFromLines(start, end, f.startLine, lastLine) };
  });
}

/** HTML comments anywhere outside code blocks and front matter. */
export function buildComments(ctx: BlockContext, skipBefore: number): HtmlComment[] {
  const { src, lines, scan } = ctx;
  const code: number[] = [];
  for (const f of scan.fences) code.push(lines.starts[f.startLine] ?? 0, lines.ends[f.endLine] ?? 0);
  for (const c of scan.indentedCode) code.push(lines.starts[c.startLine] ?? 0, lines.ends[c.endLine] ?? 0);
  const spans: [number, number][] = [];
  for (let i = 0; i < code.length; i += 2) spans.push([code[i] ?? 0, code[i + 1] ?? 0]);
  spans.sort((a, b) => a[0] - b[0]);
  const out: HtmlComment[] = [];
  let pos = skipBefore;
  let k = 0;
  for (;;) {
    const i = src.indexOf('<!--', pos);
    if (i === -1) break;
    while (k < spans.length && (spans[k]?.[1] ?? 0) <= i) k++;
    const span = spans[k];
    if (span && span[0] <= i) {
      pos = span[1];
      continue;
    }
    const close = src.indexOf('-->', i + 2);
    if (close === -1) break;
    out.push({
      sectionPath: sectionPathAt(ctx.index, i),
      text: src.slice(i + 4, close).trim(),
      range: rangeIn(lines, i, close + 3),
    });
    pos = close + 3;
  }
  return out;
}
