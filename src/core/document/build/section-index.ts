/**
 * Builds the section tree from top-level headings: GitHub slugs (one slugger for the whole
 * document, nested headings included, as GitHub numbers duplicates), paths, body and range spans,
 * and a sorted index to find the section holding any offset.
 */
import type { LineTable } from '../../text/line-table.js';
import { rangeFromLines, rangeIn } from '../../text/line-table.js';
import { inlinePlainText } from '../inline/plain-text.js';
import { DocumentSlugger } from '../inline/slug.js';
import { skipSpaces } from '../scan/cursor.js';
import type { BlockScan } from '../scan/records.js';
import type { Heading, Section } from '../types.js';

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

interface Entry {
  heading: Heading;
  level: number;
  isTitle: boolean;
  start: number;
  bodyStart: number;
  slug: string;
  optional: boolean;
}

/** Sections of a scanned document; `clipAt` ends the last sections (before the footer). */
export function buildSectionIndex(src: string, lines: LineTable, scan: BlockScan, clipAt: number, clipped: boolean): SectionIndex {
  const slugger = new DocumentSlugger();
  const entries: Entry[] = [];
  let title: Heading | null = null;
  const bomSkip = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (const h of scan.headings) {
    // A heading longer than this is not meant as an anchor; the cap keeps 1 MB lines cheap.
    const slug = slugger.slug(inlinePlainText(h.text.length > MAX_SLUG_SOURCE ? h.text.slice(0, MAX_SLUG_SOURCE) : h.text));
    if (h.nested) continue;
    const lineStart = lines.starts[h.startLine] ?? 0;
    const start = h.startLine === 0 ? Math.max(lineStart, bomSkip) : lineStart;
    const end = lines.ends[h.endLine] ?? start;
    const heading: Heading = {
      level: h.level, text: h.text, style: h.style, range: rangeFromLines(start, end, h.startLine, h.endLine),
    };
    const isTitle = title === null && h.level === 1;
    if (isTitle) title = heading;
    const bodyStart = h.endLine + 1 < lines.count ? (lines.starts[h.endLine + 1] ?? src.length) : src.length;
    entries.push({
      heading, level: h.level, isTitle, start, bodyStart, slug,
      optional: !isTitle && isOptional(src, lines, h.text.slice(0, 1000), h.endLine + 1),
    });
  }

  const n = entries.length;
  const rangeEnd = new Array<number>(n).fill(clipAt);
  const pending: number[] = [];
  for (let i = 0; i < n; i++) {
    const e = entries[i] as Entry;
    while (pending.length > 0 && (entries[pending[pending.length - 1] ?? 0] as Entry).level >= e.level) {
      rangeEnd[pending.pop() ?? 0] = e.start;
    }
    pending.push(i);
  }

  const starts: number[] = [];
  const owners: (Section | null)[] = [];
  const parents: number[] = [];
  const roots: Section[] = [];
  const all: Section[] = [];
  const open: { level: number; section: Section & { children: Section[] }; index: number }[] = [];
  for (let i = 0; i < n; i++) {
    const e = entries[i] as Entry;
    starts.push(e.start);
    if (e.isTitle) {
      owners.push(null);
      open.length = 0;
      continue;
    }
    while (open.length > 0 && (open[open.length - 1]?.level ?? 0) >= e.level) open.pop();
    const parent = open[open.length - 1];
    const next = entries[i + 1];
    const bodyEnd = Math.max(e.bodyStart, next ? next.start : clipAt);
    const section = {
      heading: e.heading,
      slug: e.slug,
      path: parent ? `${parent.section.path}/${e.slug}` : e.slug,
      body: rangeIn(lines, e.bodyStart, bodyEnd),
      range: rangeIn(lines, e.start, Math.max(rangeEnd[i] ?? clipAt, e.heading.range.end)),
      children: [] as Section[],
      optional: e.optional,
    };
    if (parent) parent.section.children.push(section);
    else roots.push(section);
    parents.push(parent ? parent.index : -1);
    open.push({ level: e.level, section, index: all.length });
    all.push(section);
    owners.push(section);
  }
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
