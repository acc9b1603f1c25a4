import type { LintRule } from '../types.js';
import { emptyField } from './empty-field.js';
import { emptySection } from './empty-section.js';
import { emptyTable } from './empty-table.js';
import { invalidStatus } from './invalid-status.js';
import { missingMetadata } from './missing-metadata.js';
import { missingSection } from './missing-section.js';
import { openQuestion } from './open-question.js';
import { placeholderComment } from './placeholder-comment.js';
import { unchangedFromTemplate } from './unchanged-from-template.js';
import { unresolved } from './unresolved.js';

/** Every lint rule, in the order they run and are documented. */
export const RULES: readonly LintRule[] = [
  missingSection,
  emptySection,
  unchangedFromTemplate,
  placeholderComment,
  emptyTable,
  emptyField,
  unresolved,
  openQuestion,
  missingMetadata,
  invalidStatus,
];
