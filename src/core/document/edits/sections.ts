import type { SpecDocument } from '../types.js';
import { SpecEditError } from './errors.js';
import {
  isLineEnding, lineEndingOf, requireOneLine, requireSameHeadingsAfter, requireSection, splice, withLineEndings,
} from './splice.js';

function isBlankLineBefore(src: string, pos: number): boolean {
  let p = pos - 1;
  if (p >= 0 && src.charCodeAt(p) === 10) p--;
  if (p >= 0 && src.charCodeAt(p) === 13) p--;
  while (p >= 0 && (src.charCodeAt(p) === 32 || src.charCodeAt(p) === 9)) p--;
  return p < 0 || isLineEnding(src.charCodeAt(p));
}

/** True when the line starting at pos could turn the line above into a setext heading. */
function startsWithUnderline(src: string, pos: number): boolean {
  let p = pos;
  while (src.charCodeAt(p) === 32) p++;
  const c = src.charCodeAt(p);
  if (c !== 45 && c !== 61) return false;
  while (src.charCodeAt(p) === c) p++;
  while (src.charCodeAt(p) === 32 || src.charCodeAt(p) === 9) p++;
  return p >= src.length || isLineEnding(src.charCodeAt(p));
}

/** Replaces a section's own content (up to its first subsection) with `markdown`. */
export function setSectionBody(doc: SpecDocument, path: string, markdown: string): SpecDocument {
  const section = requireSection(doc, path);
  const src = doc.source;
  const eol = lineEndingOf(src);
  const { start, end } = section.body;
  let text = withLineEndings(markdown, eol);
  if (text !== '') {
    if (start === section.heading.range.end) text = eol + text;
    const endsWithEol = text.endsWith('\n') || text.endsWith('\r');
    if (end < src.length && !endsWithEol) text += eol;
    // A paragraph line right above `---` would become a setext heading: keep a blank line.
    if (end < src.length && startsWithUnderline(src, end) && !isBlankLineBefore(text, text.length)) text += eol;
  }
  const next = splice(doc, start, end, text);
  requireSameHeadingsAfter(doc, end, next, start + text.length);
  return next;
}

/** Inserts a new empty section (heading `title` at `level`) after the section `afterPath` and its subsections ('' = before the first section). */
export function insertSection(doc: SpecDocument, afterPath: string, title: string, level: number): SpecDocument {
  if (!Number.isInteger(level) || level < 1 || level > 6) {
    throw new SpecEditError('invalid_heading_level', `heading level must be 1 to 6, got ${String(level)}`);
  }
  const clean = title.trim();
  if (clean === '') throw new SpecEditError('invalid_heading_text', 'a section title cannot be empty');
  try {
    requireOneLine(clean, 'a section title');
  } catch {
    throw new SpecEditError('invalid_heading_text', 'a section title must be a single line');
  }
  const src = doc.source;
  const eol = lineEndingOf(src);
  let at: number;
  if (afterPath === '') {
    const first = doc.sections[0];
    at = first ? first.range.start : doc.footer ? doc.footer.range.start : src.length;
  } else {
    at = requireSection(doc, afterPath).range.end;
  }
  let prefix = '';
  if (at > 0 && !isLineEnding(src.charCodeAt(at - 1))) prefix = eol + eol;
  else if (at > 0 && !isBlankLineBefore(src, at)) prefix = eol;
  const headingLine = `${'#'.repeat(level)} ${clean}`;
  const text = prefix + headingLine + (at < src.length ? eol + eol : '');
  const next = splice(doc, at, at, text);
  const headingStart = at + prefix.length;
  if (!next.allSections.some((s) => s.heading.range.start === headingStart && s.heading.level === level)) {
    throw new SpecEditError('structure_changed', 'the heading cannot be placed there (it would not be a heading, e.g. inside an unclosed code block)');
  }
  requireSameHeadingsAfter(doc, at, next, at + text.length);
  return next;
}
