/**
 * The one way edits change a document: replace a span of the source and parse the result, so
 * every byte outside the span is kept. Inserted text takes the document's line-ending style.
 */
import { parse } from '../parse.js';
import { findSection } from '../query.js';
import type { Section, SpecDocument } from '../types.js';
import { SpecEditError } from './errors.js';

/** The document's dominant line ending (LF when it has none). */
export function lineEndingOf(source: string): '\n' | '\r\n' | '\r' {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = source.indexOf('\r') === -1 ? source.length : 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 13) {
      if (source.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  if (crlf === 0 && cr === 0) return '\n';
  if (crlf >= lf && crlf >= cr) return '\r\n';
  return lf >= cr ? '\n' : '\r';
}

/** Rewrites every line ending in `text` to `eol`. */
export function withLineEndings(text: string, eol: string): string {
  return text.replace(/\r\n|\r|\n/g, eol);
}

export function isLineEnding(c: number): boolean {
  return c === 10 || c === 13;
}

/** Replaces [start, end) of the source with `text` and parses the result. */
export function splice(doc: SpecDocument, start: number, end: number, text: string): SpecDocument {
  const src = doc.source;
  return parse(src.slice(0, start) + text + src.slice(end));
}

export function requireSection(doc: SpecDocument, path: string): Section {
  const section = findSection(doc, path);
  if (!section) throw new SpecEditError('section_not_found', `no section with path "${path}"`);
  return section;
}

/** Refuses values that would break out of a one-line slot. */
export function requireOneLine(value: string, what: string): void {
  if (/[\r\n]/.test(value)) throw new SpecEditError('invalid_value', `${what} must be a single line`);
}

/** Headings (level and text) from offset `from` on: what an edit before `from` must not change. */
export function headingsFrom(doc: SpecDocument, from: number): string[] {
  const out: string[] = [];
  for (const s of doc.allSections) if (s.heading.range.start >= from) out.push(`${s.heading.level} ${s.heading.text}`);
  return out;
}

/** Throws structure_changed when the headings after an edit differ from those before it. */
export function requireSameHeadingsAfter(before: SpecDocument, oldFrom: number, after: SpecDocument, newFrom: number): void {
  const a = headingsFrom(before, oldFrom);
  const b = headingsFrom(after, newFrom);
  if (a.length !== b.length || a.some((h, i) => h !== b[i]) || (before.footer !== null) !== (after.footer !== null)) {
    throw new SpecEditError(
      'structure_changed',
      'the new text changes the document after it (for example an unclosed code fence or HTML block); nothing was changed',
    );
  }
}
