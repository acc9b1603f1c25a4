/**
 * The CLI's one door into src/core: every command imports core functions from here, so a change
 * in the core's module layout touches one file.
 */
export {
  BUILTIN_TEMPLATES,
  DEFAULT_TEMPLATE_ID,
  TemplateError,
  checkStorableText,
  decodeUtf8Strict,
  getBuiltinTemplate,
  newSpec,
  parse,
  templateFromMarkdown,
} from '../core/index.js';
export type { Template } from '../core/index.js';
export { LintConfigError, RULES, lint, resolveLintConfig, validateLintConfig } from '../core/lint/index.js';
export type { LintConfig, LintResult, ResolvedLintConfig } from '../core/lint/index.js';
