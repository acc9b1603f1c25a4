import type { SpecDocument } from '../../core/index.js';
import { HIGHLIGHT_END, HIGHLIGHT_START } from './snippet.js';

/** What the index stores for one section of a spec. */
export interface IndexedSection {
  readonly path: string;
  readonly title: string;
  readonly body: string;
}

/**
 * Longest text indexed per section. PostgreSQL refuses a tsvector over 1 MB, which a huge section
 * could produce; a save must never fail because of the index, so the tail of such a section is not
 * searchable.
 */
export const MAX_INDEXED_CHARS = 100_000;

const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const MARKERS = new RegExp(`[${HIGHLIGHT_START}${HIGHLIGHT_END}]`, 'g');

/**
 * Searchable text of one section: template guidance comments dropped (every spec from a template
 * carries them, so they would match everywhere), whitespace collapsed so snippets read as one line,
 * and the snippet markers removed so they can only come from the search engine.
 */
export function searchableText(markdown: string): string {
  const text = markdown.replace(HTML_COMMENT, ' ').replace(MARKERS, ' ').replace(/\s+/g, ' ').trim();
  return truncate(text, MAX_INDEXED_CHARS);
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never cut a surrogate pair in half: PostgreSQL cannot store the lone half.
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** One indexed row and the raw text it was made from: the same raw text always gives the same row. */
export interface SectionSource {
  readonly rawTitle: string;
  readonly rawBody: string;
  readonly row: IndexedSection;
}

// Rows per parsed document, so the revision a save replaces is not reworked (documents are immutable).
const sourcesByDoc = new WeakMap<SpecDocument, readonly SectionSource[]>();

/**
 * indexedSections with the raw text of each row. With `previous` (an earlier version of the same
 * spec), a section whose raw heading and body are unchanged reuses that version's row instead of
 * normalizing its text again.
 */
export function sectionSources(doc: SpecDocument, previous?: SpecDocument): readonly SectionSource[] {
  const known = sourcesByDoc.get(doc);
  if (known !== undefined) return known;
  const before = previous === undefined ? undefined : sourcesByDoc.get(previous);
  const byPath = new Map<string, SectionSource>();
  for (const s of before ?? []) byPath.set(s.row.path, s);
  const source = (path: string, rawTitle: string, rawBody: string): SectionSource => {
    const old = byPath.get(path);
    if (old !== undefined && old.rawTitle === rawTitle && old.rawBody === rawBody) return old;
    return { rawTitle, rawBody, row: { path, title: searchableText(rawTitle), body: searchableText(rawBody) } };
  };
  const sources: SectionSource[] = [];
  const first = doc.allSections[0];
  const preambleStart = Math.max(doc.title?.range.end ?? 0, doc.frontMatter?.end ?? 0);
  const preambleEnd = first === undefined ? doc.source.length : first.heading.range.start;
  const preamble = source('', doc.title?.text ?? '', preambleEnd > preambleStart ? doc.source.slice(preambleStart, preambleEnd) : '');
  if (preamble.row.title !== '' || preamble.row.body !== '') sources.push(preamble);
  for (const section of doc.allSections) sources.push(source(section.path, section.heading.text, doc.source.slice(section.body.start, section.body.end)));
  sourcesByDoc.set(doc, sources);
  return sources;
}

/**
 * One row per section, in document order, plus a row for the text before the first section whose
 * title is the document title (H1), so that title matches point at the top of the spec.
 */
export function indexedSections(doc: SpecDocument): IndexedSection[] {
  return sectionSources(doc).map((s) => s.row);
}
