import type { LintRule } from '../types.js';
import { excerpt } from './text.js';
import { stripOptionalSuffix } from '../../templates/optional-marker.js';

const HEADINGS = new Set(['open questions', 'open question', 'open issues', 'unresolved questions']);

/** An unchecked task item under an "Open Questions" heading (or its subsections). */
export const openQuestion: LintRule = {
  id: 'open-question',
  defaultSeverity: 'warning',
  description: 'An unchecked task item under an "Open Questions" heading: the question is not resolved yet.',
  countsTowardScore: true,
  check({ doc, docIndex }, report) {
    const paths = new Set<string>();
    for (const section of doc.allSections) {
      const slash = section.path.lastIndexOf('/');
      const parent = slash === -1 ? null : section.path.slice(0, slash);
      if ((parent !== null && paths.has(parent)) || isOpenQuestionsHeading(section.heading.text)) paths.add(section.path);
    }
    if (paths.size === 0) return;
    for (const item of doc.listItems) {
      if (!item.task || item.task.checked || !paths.has(item.sectionPath)) continue;
      // A blank item ("- [ ] Question 1: ") is the template's slot, reported by empty-field.
      if (docIndex.blankItemStarts.has(item.range.start) || docIndex.inFooter(item.range)) continue;
      report({
        message: `Open question not resolved: "${excerpt(item.text)}"`,
        sectionPath: item.sectionPath,
        start: item.range.start,
        end: item.range.end,
      });
    }
  },
};

function isOpenQuestionsHeading(text: string): boolean {
  if (text.length > 60) return false;
  const first = text.charCodeAt(text.search(/\S/)) | 32;
  if (first !== 111 && first !== 117) return false; // o, u
  return HEADINGS.has(stripOptionalSuffix(text).trim().replace(/\s+/g, ' ').toLowerCase());
}
