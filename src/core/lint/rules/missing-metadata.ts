import { FOOTER_LABELS, type FooterKey } from '../../document/types.js';
import type { LintRule } from '../types.js';

/** Footer fields a writer must fill before review: who wrote it, who reviews it, and its status. */
const REQUIRED: readonly FooterKey[] = ['status', 'author', 'reviewers'];

/** No footer, or a footer without (or with a blank) Document Status, Author or Reviewers. */
export const missingMetadata: LintRule = {
  id: 'missing-metadata',
  defaultSeverity: 'error',
  description: 'The footer is missing, or its Document Status, Author or Reviewers field is absent or blank.',
  countsTowardScore: true,
  check({ doc }, report) {
    const footer = doc.footer;
    if (!footer) {
      const end = doc.source.length;
      report({
        message: `Document has no footer (${REQUIRED.map((k) => FOOTER_LABELS[k]).join(', ')})`,
        sectionPath: '',
        start: end,
        end,
        weight: REQUIRED.length,
      });
      return;
    }
    for (const key of REQUIRED) {
      const field = footer.fields[key];
      const label = FOOTER_LABELS[key];
      if (!field) {
        report({ message: `Footer has no "${label}" field`, sectionPath: '', start: footer.range.start, end: firstLineEnd(doc.source, footer.range.start) });
      } else if (field.value === '') {
        report({ message: `"${label}" is blank`, sectionPath: '', start: field.range.start, end: trimEnd(doc.source, field.range.start, field.range.end) });
      }
    }
  },
};

function firstLineEnd(source: string, start: number): number {
  let i = start;
  while (i < source.length && source.charCodeAt(i) !== 10 && source.charCodeAt(i) !== 13) i += 1;
  return i;
}

function trimEnd(source: string, start: number, end: number): number {
  let e = end;
  while (e > start && (source.charCodeAt(e - 1) === 32 || source.charCodeAt(e - 1) === 9)) e -= 1;
  return e;
}
