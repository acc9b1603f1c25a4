import type { TemplateSection } from '../../templates/types.js';
import type { LintRule } from '../types.js';
import { excerpt } from './text.js';

/** A required template heading with no counterpart in the document. */
export const missingSection: LintRule = {
  id: 'missing-section',
  defaultSeverity: 'error',
  description: 'A heading the template requires (not marked optional) is absent.',
  countsTowardScore: true,
  check({ match }, report) {
    for (const { template, at } of match.missing) {
      report({ message: `Required section "${trail(template)}" is missing`, sectionPath: template.path, start: at, end: at });
    }
  },
};

function trail(section: TemplateSection): string {
  const names: string[] = [];
  for (let s: TemplateSection | null = section; s; s = s.parent) names.unshift(excerpt(s.heading, 80));
  return names.join(' > ');
}
