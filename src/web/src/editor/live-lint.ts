// Lint while co-editing, computed in the browser with src/core (the server's own rules), so the
// diagnostics and the completeness bar follow every keystroke (debounced by the caller).
import { parse } from '../../../core/document/index';
import { lint } from '../../../core/lint/index';
import type { LintResult } from '../../../core/lint/index';
import { templateFromMarkdown } from '../../../core/templates/from-markdown';
import type { Template } from '../../../core/templates/types';

/** The template (its current source, as the API gives it) in src/core's form. */
export function templateOf(id: string, name: string, source: string, version: number): Template {
  return templateFromMarkdown(id, name, source, version);
}

/** Lint of the live text against the template. */
export function lintText(text: string, template: Template): LintResult {
  return lint(parse(text), template);
}
