import type { LintRule } from '../types.js';
import { excerpt } from './text.js';

/** A section with nothing but whitespace and comments, and no subsections. */
export const emptySection: LintRule = {
  id: 'empty-section',
  defaultSeverity: 'error',
  description: 'A section has no content (only whitespace or comments) and no subsections.',
  countsTowardScore: true,
  check({ doc, docIndex, match }, report) {
    const source = doc.source;
    const comments = doc.comments;
    let next = 0;
    for (const section of doc.allSections) {
      if (section.children.length > 0 || match.parentsOfMissing.has(section)) continue;
      const start = section.body.start;
      const end = Math.min(section.range.end, docIndex.footerStart);
      while (next < comments.length && (comments[next]?.range.end ?? Infinity) <= start) next += 1;
      if (hasContent(source, start, end, comments, next)) continue;
      report({
        message: `Section "${excerpt(section.heading.text, 80)}" is empty`,
        sectionPath: section.path,
        start: section.heading.range.start,
        end: section.heading.range.end,
      });
    }
  },
};

/** Whether [start, end) holds anything but whitespace and the given comments (sorted by start). */
function hasContent(
  source: string,
  start: number,
  end: number,
  comments: readonly { readonly range: { readonly start: number; readonly end: number } }[],
  firstComment: number,
): boolean {
  let c = firstComment;
  let i = start;
  while (i < end) {
    const code = source.charCodeAt(i);
    if (code === 32 || code === 9 || code === 10 || code === 13) {
      i += 1;
      continue;
    }
    while (c < comments.length && (comments[c]?.range.end ?? Infinity) <= i) c += 1;
    const comment = comments[c];
    if (comment && comment.range.start === i) {
      i = comment.range.end;
      continue;
    }
    return true;
  }
  return false;
}
