import { footerStatus } from '../../document/query.js';
import { LIFECYCLE_STATES, STATUS_WORDS } from '../../lifecycle/states.js';
import type { LintRule } from '../types.js';
import { excerpt } from './text.js';

/** A Document Status value that is not a lifecycle word. */
export const invalidStatus: LintRule = {
  id: 'invalid-status',
  defaultSeverity: 'error',
  description: "The footer's Document Status is not one of the lifecycle's words (Draft, In Review, Approved...).",
  countsTowardScore: false,
  check({ doc }, report) {
    const field = doc.footer?.fields.status;
    if (!field || footerStatus(doc) !== 'invalid') return;
    // "TBD" and friends are reported once, by the unresolved rule.
    if (/\b(TODO|TBD|FIXME)\b|<<\[UNRESOLVED/.test(field.value)) return;
    report({
      message: `Document Status "${excerpt(field.value)}" is not a lifecycle status (one of: ${LIFECYCLE_STATES.map((s) => STATUS_WORDS[s]).join(', ')})`,
      sectionPath: '',
      start: field.valueRange.start,
      end: field.valueRange.end,
    });
  },
};
