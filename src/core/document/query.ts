import { parseStatusWord, type LifecycleState } from '../lifecycle/states.js';
import { positionIn } from '../text/line-table.js';
import { entryAt, type SectionIndex } from './build/section-index.js';
import { internalsOf, linesOf } from './internals.js';
import type { Section, SourcePosition, SpecDocument } from './types.js';

/** The section with this path (slugs joined by `/`), if any. */
export function findSection(doc: SpecDocument, path: string): Section | undefined {
  const wanted = path.replace(/^\/+|\/+$/g, '');
  return doc.allSections.find((s) => s.path === wanted);
}

function indexOf(doc: SpecDocument): SectionIndex | undefined {
  return internalsOf(doc)?.index;
}

/** The innermost section whose range holds `offset` (undefined before the first section or in the footer). */
export function sectionOf(doc: SpecDocument, offset: number): Section | undefined {
  const index = indexOf(doc);
  if (index) {
    const i = entryAt(index, offset);
    return i < 0 ? undefined : (index.owners[i] ?? undefined);
  }
  let found: Section | undefined;
  for (const s of doc.allSections) {
    if (s.range.start <= offset && offset < Math.max(s.range.end, s.heading.range.end + 1)) found = s;
  }
  return found;
}

/** 1-based line and column (UTF-16 code units) of an offset, clamped to the text. */
export function positionAt(doc: SpecDocument, offset: number): SourcePosition {
  return positionIn(linesOf(doc), offset);
}

/**
 * The lifecycle state the footer's Document Status shows: null when there is no footer or the
 * status is blank, 'invalid' when the value is not a status word.
 */
export function footerStatus(doc: SpecDocument): LifecycleState | null | 'invalid' {
  const field = doc.footer?.fields.status;
  if (!field || field.value === '') return null;
  return parseStatusWord(field.value) ?? 'invalid';
}
