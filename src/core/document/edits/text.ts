import type { SpecDocument } from '../types.js';
import { SpecEditError } from './errors.js';
import { lineEndingOf, requireSameHeadingsAfter, splice, withLineEndings } from './splice.js';

/**
 * Replaces the source span [start, end) with `text` (written in the document's line endings),
 * keeping every other byte: how an accepted suggestion changes a quoted range. Refuses a span
 * outside the text (invalid_value) and text that would change the document after it (structure_changed).
 */
export function replaceRange(doc: SpecDocument, start: number, end: number, text: string): SpecDocument {
  const src = doc.source;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > src.length) {
    throw new SpecEditError('invalid_value', `range ${String(start)}..${String(end)} is not inside the document (length ${String(src.length)})`);
  }
  const written = withLineEndings(text, lineEndingOf(src));
  const next = splice(doc, start, end, written);
  requireSameHeadingsAfter(doc, end, next, start + written.length);
  return next;
}
