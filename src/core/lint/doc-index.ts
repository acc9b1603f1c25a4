import type { ListItem, Section, SourceRange, SpecDocument } from '../document/types.js';
import { positionAt } from '../document/query.js';

/** A `Label:` with nothing after it: a field, a label-only list item or task item ("Question 1:"). */
export interface BlankField {
  readonly sectionPath: string;
  readonly label: string;
  readonly start: number;
  readonly end: number;
}

/** Per-document lookups shared by the rules, built once per lint call in linear time. */
export interface DocIndex {
  position(offset: number): { readonly line: number; readonly column: number };
  /** Path of the section whose own content holds the offset; '' before the first heading or in the footer. */
  sectionPathAt(offset: number): string;
  readonly sectionByPath: ReadonlyMap<string, Section>;
  /** Offset where the footer starts (the text length when there is none). */
  readonly footerStart: number;
  inFooter(range: SourceRange): boolean;
  /** Blank `Label:` fields and label-only items outside the footer, without nested content. */
  readonly blankFields: readonly BlankField[];
  /** List items with no text and no nested content, outside the footer. */
  readonly emptyItems: readonly ListItem[];
  /** Start offsets of every list item that is a blank (empty or label-only), for rules that skip blanks. */
  readonly blankItemStarts: ReadonlySet<number>;
}

export function buildDocIndex(doc: SpecDocument): DocIndex {
  const source = doc.source;
  const footerStart = doc.footer ? doc.footer.range.start : source.length;
  const inFooter = (range: SourceRange): boolean => doc.footer !== null && range.start >= footerStart;
  const sections = doc.allSections;
  const headingStarts = sections.map((s) => s.range.start);

  const blankFields: BlankField[] = [];
  const emptyItems: ListItem[] = [];
  const blankItemStarts = new Set<number>();
  // Line of each field outside the footer -> whether it is blank.
  const fieldLines = new Map<number, boolean>();
  for (const field of doc.fields) {
    if (inFooter(field.range)) continue;
    const blank = field.value === '' && !hasNestedContent(source, field.range, field.inList);
    fieldLines.set(field.range.startLine, blank);
    if (blank) {
      blankFields.push({ sectionPath: field.sectionPath, label: field.label, start: field.range.start, end: trimmedEnd(source, field.range) });
    }
  }
  for (const item of doc.listItems) {
    if (inFooter(item.range)) continue;
    const fieldBlank = fieldLines.get(item.range.startLine);
    if (fieldBlank !== undefined) {
      if (fieldBlank) blankItemStarts.add(item.range.start);
      continue;
    }
    if (item.empty || item.text === '') {
      if (hasNestedContent(source, item.range, true)) continue;
      emptyItems.push(item);
      blankItemStarts.add(item.range.start);
      continue;
    }
    const label = labelOnly(item.text);
    if (label !== null && !hasNestedContent(source, item.range, true)) {
      blankFields.push({ sectionPath: item.sectionPath, label, start: item.range.start, end: trimmedEnd(source, item.range) });
      blankItemStarts.add(item.range.start);
    }
  }
  blankFields.sort((a, b) => a.start - b.start);

  return {
    position: (offset) => positionAt(doc, offset),
    sectionPathAt(offset) {
      if (doc.footer !== null && offset >= footerStart) return '';
      let lo = 0;
      let hi = headingStarts.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if ((headingStarts[mid] ?? 0) <= offset) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return found === -1 ? '' : (sections[found]?.path ?? '');
    },
    sectionByPath: new Map(sections.map((s) => [s.path, s])),
    footerStart,
    inFooter,
    blankFields,
    emptyItems,
    blankItemStarts,
  };
}

/**
 * The label of an item that is only `Label:` (or `**Label**:` / `**Label:**`), else null.
 * One colon only, so prose ending in a colon after a sentence with one is not mistaken for a label.
 */
export function labelOnly(text: string): string | null {
  let t = text.trim();
  if (t.length === 0 || t.length > 120) return null;
  if (t.endsWith(':**') || t.endsWith(':__')) t = `${t.slice(0, -3)}${t.slice(-2)}:`;
  if (!t.endsWith(':') || t.indexOf(':') !== t.length - 1) return null;
  const label = t.slice(0, -1).trim();
  return label === '' ? null : label.replace(/^(\*\*|__)(.*)\1$/, '$2').trim();
}

/**
 * Whether the line after a field or item carries content that belongs to it: for a list item, a
 * more indented non-blank line (nested list, code, paragraph); for a bold-label line, a following
 * line that is not blank, not a heading and not another field-like `**Label**:` line.
 */
function hasNestedContent(source: string, range: SourceRange, inList: boolean): boolean {
  let lineStart = range.start;
  while (lineStart > 0 && source.charCodeAt(lineStart - 1) !== 10 && source.charCodeAt(lineStart - 1) !== 13) lineStart -= 1;
  const indent = indentWidth(source, lineStart);
  let at = lineEndFrom(source, range.start);
  for (;;) {
    const next = skipLineEnding(source, at);
    if (next === at || next >= source.length) return false;
    const end = lineEndFrom(source, next);
    const line = source.slice(next, end);
    if (line.trim() === '') {
      if (!inList) return false;
      at = end;
      continue;
    }
    if (inList) return indentWidth(source, next) > indent;
    const t = line.trimStart();
    return !t.startsWith('#') && !t.startsWith('**') && !t.startsWith('__');
  }
}

function indentWidth(source: string, lineStart: number): number {
  let width = 0;
  for (let i = lineStart; i < source.length; i += 1) {
    const c = source.charCodeAt(i);
    if (c === 32) width += 1;
    else if (c === 9) width += 4 - (width % 4);
    else break;
  }
  return width;
}

function lineEndFrom(source: string, offset: number): number {
  let i = offset;
  while (i < source.length) {
    const c = source.charCodeAt(i);
    if (c === 10 || c === 13) break;
    i += 1;
  }
  return i;
}

function skipLineEnding(source: string, offset: number): number {
  if (source.charCodeAt(offset) === 13) return source.charCodeAt(offset + 1) === 10 ? offset + 2 : offset + 1;
  if (source.charCodeAt(offset) === 10) return offset + 1;
  return offset;
}

/** End of a range without trailing spaces (a blank field's line usually ends in one). */
function trimmedEnd(source: string, range: SourceRange): number {
  let end = range.end;
  while (end > range.start && (source.charCodeAt(end - 1) === 32 || source.charCodeAt(end - 1) === 9)) end -= 1;
  return end;
}
