import type { LintRule } from '../types.js';

/** `Label:` with no value, or a list item with nothing in it. */
export const emptyField: LintRule = {
  id: 'empty-field',
  defaultSeverity: 'error',
  description: 'A "Label:" list item or **Label**: line has no value, or a list item (or task item) is empty.',
  countsTowardScore: true,
  check({ docIndex }, report) {
    for (const field of docIndex.blankFields) {
      report({ message: `"${field.label}" has no value`, sectionPath: field.sectionPath, start: field.start, end: field.end });
    }
    for (const item of docIndex.emptyItems) {
      report({
        message: item.task ? 'Task item is empty' : 'List item is empty',
        sectionPath: item.sectionPath,
        start: item.range.start,
        end: item.range.end,
      });
    }
  },
};
