import { LintConfigError, validateLintConfig, type LintConfig } from '../core.js';
import { CliError } from '../errors.js';

/** commander's collector for the repeatable `--rule id=severity`. */
export function collectRule(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}

/** Turns `--rule` values into a lint configuration layer; bad ids and severities are usage errors. */
export function ruleFlagsToConfig(values: readonly string[]): LintConfig | undefined {
  if (values.length === 0) return undefined;
  const rules: Record<string, string> = {};
  for (const value of values) {
    const match = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(value);
    if (!match?.[1] || !match[2]) {
      throw new CliError('invalid_rule_flag', `expected id=severity (e.g. empty-field=off), got ${JSON.stringify(value)}`, {
        file: '--rule',
      });
    }
    rules[match[1]] = match[2];
  }
  try {
    return validateLintConfig({ rules });
  } catch (error) {
    if (error instanceof LintConfigError) throw new CliError(error.code, error.message, { file: '--rule' });
    throw error;
  }
}
