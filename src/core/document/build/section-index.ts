/**
 * Builds the section tree from top-level headings: GitHub slugs (one slugger for the whole
 * document, nested headings included, as GitHub numbers duplicates), paths, body and range spans,
 * and a sorted index to find the section holding any offset.
 */
import type { LineTable } from '../../text/line-table.js';
import { rangeFromLines } from '../../text/line-table.js';
import { inlinePlainText } from '../inline/plain-text.js';
import { DocumentSlugger } from '../inline/slug.js';
import { skipSpaces } from '../scan/cursor.js';
import type { BlockScan } from '../scan/records.js';
import type { Heading, Section, SourceRange } from '../types.js';

const MAX_SLUG_SOURCE = 65_536;
/** `(Optional)` ending the heading, or an optional marker comment (see templates/optional-marker). */
const OPTIONAL_SUFFIX = /\(\s*optional\s*\)\s*$/i;
const OPTIONAL_COMMENT = /<!--\s*(?:specboard\s*:\s*)?optional\s*-->/i;

function isOptional(src: string, lines: LineTable, headingText: string, bodyStartLine: number): boolean {
  if ((headingText.includes('(') && OPTIONAL_SUFFIX.test(headingText)) || (headingText.includes('<!--') && OPTIONAL_COMMENT.test(headingText))) return true;
  for (let l = bodyStartLine; l < lines.count && l < bodyStartLine + 3; l++) {
    const e = lines.ends[l] ?? 0;
    const s = skipSpaces(src, lines.starts[l] ?? 0, e);
    if (s === e) continue;
    if (!src.startsWith('<!--', s)) return false;
    const text = src.slice(s, Math.min(e, s + 200)).trim();
    return OPTIONAL_COMMENT.test(text) && text.endsWith('-->');
  }
  return false;
}


export interface SectionIndex {
  readonly title: Heading | null;
  readonly sections: readonly Section[];
  readonly allSections: readonly Section[];
  /** Heading start offsets of the title and every section, ascending. */
  readonly starts: readonly number[];
  /** Section of each entry of `starts` (null for the title). */
  readonly owners: readonly (Section | null)[];
  /** Parent of each section in `allSections` order (-1 for top-level). */
  readonly parents: readonly number[];
  /** Offset where sections stop: the footer start, or the text length. */
  readonly clipAt: number;
  /** True when a footer follows clipAt (offsets from clipAt on belong to no section). */
  readonly clipped: boolean;
}

const NO_CHILDREN: readonly Section[] = Object.freeze([]);

/** Sections of a scanned document; `clipAt` ends the last sections (before the footer). */
export function buildSectionIndex(
  src: string, lines: LineTable, scan: BlockScan, clipAt: number, clipped: boolean, clipLine = -1,
): SectionIndex {
  const slugger = new DocumentSlugger();
  // Parallel arrays rather than one object per heading: fewer allocations on 10k-heading inputs.
  const headings: Heading[] = [];
  const levels: number[] = [];
  const starts: number[] = [];
  const startLines: number[] = [];
  const bodyStarts: number[] = [];
  const bodyLines: number[] = [];
  const slugs: string[] = [];
  const optional: boolean[] = [];
  let titleIndex = -1;
  const bomSkip = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (const h of scan.headings) {
    // A heading longer than this is not meant as an anchor; the cap keeps 1 MB lines cheap.
    const slug = slugger.slug(inlinePlainText(h.text.length > MAX_SLUG_SOURCE ? h.text.slice(0, MAX_SLUG_SOURCE) : h.text));
    if (h.nested) continue;
    const lineStart = lines.starts[h.startLine] ?? 0;
    const start = h.startLine === 0 ? Math.max(lineStart, bomSkip) : lineStart;
    const end = lines.ends[h.endLine] ?? start;
    const isTitle = titleIndex < 0 && h.level === 1;
    if (isTitle) titleIndex = headings.length;
    headings.push({ level: h.level, text: h.text, style: h.style, range: rangeFromLines(start, end, h.startLine, h.endLine) });
    levels.push(h.level);
    starts.push(start);
    startLines.push(h.startLine);
    const hasNext = h.endLine + 1 < lines.count;
    bodyStarts.push(hasNext ? (lines.starts[h.endLine + 1] ?? src.length) : src.length);
    bodyLines.push(hasNext ? h.endLine + 1 : h.endLine);
    slugs.push(slug);
    optional.push(!isTitle && isOptional(src, lines, h.text.length > 1000 ? h.text.slice(0, 1000) : h.text, h.endLine + 1));
  }

  // Ends are line starts (a heading's line or the clip line), so each range's last line is the one
  // before: no line search. At the text end, "the line after" is past the last line with text.
  const lastStart = lines.starts[lines.count - 1] ?? 0;
  const endLine = clipLine >= 0 ? clipLine : lastStart === src.length && lines.count > 1 ? lines.count - 1 : lines.count;
  const n = headings.length;
  const rangeEnd = new Array<number>(n).fill(-1);
  const pending: number[] = [];
  for (let i = 0; i < n; i++) {
    const level = levels[i] ?? 0;
    while (pending.length > 0 && (levels[pending[pending.length - 1] ?? 0] ?? 0) >= level) rangeEnd[pending.pop() ?? 0] = i;
    pending.push(i);
  }
  const span = (start: number, firstLine: number, until: number): SourceRange => {
    const end = until >= 0 ? (starts[until] ?? clipAt) : clipAt;
    const lineAfter = until >= 0 ? (startLines[until] ?? endLine) : endLine;
    return end > start ? rangeFromLines(start, end, firstLine, lineAfter - 1) : rangeFromLines(start, start, firstLine, firstLine);
  };

  const owners: (Section | null)[] = [];
  const parents: number[] = [];
  const roots: Section[] = [];
  const all: Section[] = [];
  const openSections: (Section & { children: readonly Section[] })[] = [];
  const openLevels: number[] = [];
  const openIndex: number[] = [];
  for (let i = 0; i < n; i++) {
    const heading = headings[i] as Heading;
    const level = levels[i] ?? 0;
    const start = starts[i] ?? 0;
    const bodyStart = bodyStarts[i] ?? 0;
    if (i === titleIndex) {
      owners.push(null);
      openSections.length = openLevels.length = openIndex.length = 0;
      continue;
    }
    while (openLevels.length > 0 && (openLevels[openLevels.length - 1] ?? 0) >= level) {
      openSections.pop();
      openLevels.pop();
      openIndex.pop();
    }
    const parent = openSections[openSections.length - 1];
    const slug = slugs[i] ?? '';
    const section: Section & { children: readonly Section[] } = {
      heading,
      slug,
      path: parent ? `${parent.path}/${slug}` : slug,
      body: span(bodyStart, bodyLines[i] ?? 0, i + 1 < n ? i + 1 : -1),
      range: span(start, startLines[i] ?? 0, rangeEnd[i] ?? -1),
      children: NO_CHILDREN,
      optional: optional[i] ?? false,
    };
    if (parent) {
      if (parent.children === NO_CHILDREN) parent.children = [];
      (parent.children as Section[]).push(section);
    } else roots.push(section);
    parents.push(parent ? (openIndex[openIndex.length - 1] ?? -1) : -1);
    openSections.push(section);
    openLevels.push(level);
    openIndex.push(all.length);
    all.push(section);
    owners.push(section);
  }
  const title = titleIndex >= 0 ? (headings[titleIndex] ?? null) : null;
  return { title, sections: roots, allSections: all, starts, owners, parents, clipAt, clipped };
}

/** Index into `starts` of the last heading at or before `offset`, or -1 (before any, or in the footer). */
export function entryAt(index: SectionIndex, offset: number): number {
  if (index.clipped && offset >= index.clipAt) return -1;
  const starts = index.starts;
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((starts[mid] ?? 0) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Path of the section holding `offset` ('' outside sections). */
export function sectionPathAt(index: SectionIndex, offset: number): string {
  const i = entryAt(index, offset);
  return i < 0 ? '' : (index.owners[i]?.path ?? '');
}
