export { lint } from './lint.js';
export { RULES } from './rules/index.js';
export {
  resolveLintConfig,
  validateLintConfig,
  LintConfigError,
  type LintConfig,
  type ResolvedLintConfig,
  type LintConfigErrorCode,
  type LintConfigIssue,
} from './config.js';
export { RULE_IDS } from './types.js';
export type { Finding, LintResult, LintRule, RuleId, RuleLevel, SectionScore, Severity } from './types.js';
