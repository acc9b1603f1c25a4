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
      const parent = section.path.includes('/') ? section.path.slice(0, section.path.lastIndexOf('/')) : null;
      const heading = stripOptionalSuffix(section.heading.text).trim().replace(/\s+/g, ' ').toLowerCase();
      if (HEADINGS.has(heading) || (parent !== null && paths.has(parent))) paths.add(section.path);
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
