import { findSection, positionAt, sectionOf, type Section, type SpecDocument } from '../../../core/index.js';

/** Where a thread was attached, as stored: a section path and, optionally, a quote in it. */
export interface StoredAnchor {
  readonly sectionPath: string;
  readonly quote: string | null;
  /** The quote's offset from its section's start when attached (picks among repeated quotes). */
  readonly quoteOffset: number | null;
}

/** Where the anchor is in a given revision. */
export type AnchorLocation =
  | {
      readonly outdated: false;
      /** The section it is in now: the stored path, or another when the section was renamed or moved. */
      readonly sectionPath: string;
      /** The quote's span in the source (the section's heading when there is no quote). */
      readonly start: number;
      readonly end: number;
      readonly line: number;
    }
  | { readonly outdated: true };

const OUTDATED: AnchorLocation = { outdated: true };

function occurrences(source: string, quote: string, from: number, to: number): number[] {
  const found: number[] = [];
  for (let i = source.indexOf(quote, from); i !== -1 && i + quote.length <= to; i = source.indexOf(quote, i + 1)) found.push(i);
  return found;
}

function at(doc: SpecDocument, section: Section, start: number, end: number): AnchorLocation {
  return { outdated: false, sectionPath: section.path, start, end, line: positionAt(doc, start).line };
}

/**
 * Finds a thread's anchor in a revision. The section is looked up by path; the quote inside it
 * (nearest to where it was when several match). When the section is there but the quote is not,
 * the anchored text itself changed: outdated. When the path is gone (renamed, moved), the quote
 * alone re-anchors it if it occurs exactly once in the document. Without a quote a thread is
 * outdated only when its section is gone.
 */
export function locateAnchor(doc: SpecDocument, anchor: StoredAnchor): AnchorLocation {
  const section = findSection(doc, anchor.sectionPath);
  const { quote } = anchor;
  if (quote === null || quote === '') {
    return section === undefined ? OUTDATED : at(doc, section, section.heading.range.start, section.heading.range.end);
  }
  if (section !== undefined) {
    const hits = occurrences(doc.source, quote, section.range.start, section.range.end);
    if (hits.length === 0) return OUTDATED;
    const wanted = section.range.start + (anchor.quoteOffset ?? 0);
    const best = hits.reduce((a, b) => (Math.abs(b - wanted) < Math.abs(a - wanted) ? b : a));
    return at(doc, section, best, best + quote.length);
  }
  const hits = occurrences(doc.source, quote, 0, doc.source.length);
  const only = hits.length === 1 ? hits[0] : undefined;
  const moved = only === undefined ? undefined : sectionOf(doc, only);
  return only === undefined || moved === undefined ? OUTDATED : at(doc, moved, only, only + quote.length);
}

/**
 * Checks a new anchor against the revision it is written on and says where its quote starts
 * (relative to the section), or why it cannot be attached.
 */
export function attachAnchor(doc: SpecDocument, sectionPath: string, quote: string | null, near?: number): { quoteOffset: number | null } | { error: 'section_not_found' | 'quote_not_found' } {
  const section = findSection(doc, sectionPath);
  if (section === undefined) return { error: 'section_not_found' };
  if (quote === null) return { quoteOffset: null };
  const hits = occurrences(doc.source, quote, section.range.start, section.range.end);
  if (hits.length === 0) return { error: 'quote_not_found' };
  const wanted = section.range.start + (near ?? 0);
  const best = hits.reduce((a, b) => (Math.abs(b - wanted) < Math.abs(a - wanted) ? b : a));
  return { quoteOffset: best - section.range.start };
}
