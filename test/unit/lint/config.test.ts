import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/core/document/index.js';
import { LintConfigError, RULES, lint, resolveLintConfig, validateLintConfig } from '../../../src/core/lint/index.js';
import { getBuiltinTemplate } from '../../../src/core/templates/index.js';

const issueCodes = (value: unknown): string[] => {
  try {
    validateLintConfig(value);
  } catch (error) {
    if (error instanceof LintConfigError) return error.issues.map((i) => i.code);
    throw error;
  }
  return [];
};

describe('LintConfig validation', () => {
  it('accepts an empty object, no rules, and every rule with every level', () => {
    expect(validateLintConfig({})).toEqual({});
    const all = Object.fromEntries(RULES.map((r, i) => [r.id, (['off', 'error', 'warning', 'info'] as const)[i % 4]]));
    expect(validateLintConfig({ rules: all })).toEqual({ rules: all });
  });

  it('ignores other top-level keys of .specboard.json (they belong to other tools)', () => {
    expect(validateLintConfig({ template: 'rfc', rules: { unresolved: 'off' } })).toEqual({ rules: { unresolved: 'off' } });
  });

  it('reports an unknown rule id with code unknown_rule and names the known ones', () => {
    expect(issueCodes({ rules: { 'no-such-rule': 'error' } })).toEqual(['unknown_rule']);
    expect(() => validateLintConfig({ rules: { 'no-such-rule': 'error' } }, '.specboard.json')).toThrowError(
      /^\.specboard\.json: unknown rule "no-such-rule" \(known rules: empty-section, /,
    );
  });

  it('reports a bad severity with code invalid_severity', () => {
    expect(issueCodes({ rules: { 'empty-field': 'warn' } })).toEqual(['invalid_severity']);
    expect(issueCodes({ rules: { 'empty-field': 2 } })).toEqual(['invalid_severity']);
    expect(() => validateLintConfig({ rules: { 'empty-field': 'warn' } })).toThrowError(
      'rule "empty-field": severity must be one of "off", "error", "warning", "info", got "warn"',
    );
  });

  it('collects every issue and exposes the first code', () => {
    try {
      validateLintConfig({ rules: { nope: 'off', 'empty-field': true } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LintConfigError);
      expect((error as LintConfigError).code).toBe('unknown_rule');
      expect((error as LintConfigError).issues.map((i) => [i.code, i.path])).toEqual([
        ['unknown_rule', 'rules.nope'],
        ['invalid_severity', 'rules.empty-field'],
      ]);
    }
  });

  it('rejects a non-object config or rules with invalid_config / invalid_rules', () => {
    expect(issueCodes(null)).toEqual(['invalid_config']);
    expect(issueCodes([])).toEqual(['invalid_config']);
    expect(issueCodes('error')).toEqual(['invalid_config']);
    expect(issueCodes({ rules: ['empty-field'] })).toEqual(['invalid_rules']);
  });
});

describe('resolveLintConfig', () => {
  it('starts from every rule at its default severity', () => {
    expect(resolveLintConfig().rules).toEqual(Object.fromEntries(RULES.map((r) => [r.id, r.defaultSeverity])));
  });

  it('merges layers in order: the file, then CLI flags win', () => {
    const file = { rules: { unresolved: 'error', 'open-question': 'off' } };
    const flags = { rules: { unresolved: 'info' } };
    const { rules } = resolveLintConfig(file, undefined, flags);
    expect(rules.unresolved).toBe('info');
    expect(rules['open-question']).toBe('off');
    expect(rules['empty-field']).toBe('error');
  });

  it('validates every layer', () => {
    expect(() => resolveLintConfig({ rules: { unresolved: 'loud' } })).toThrowError(LintConfigError);
  });
});

describe('lint with a config', () => {
  const template = getBuiltinTemplate();
  const doc = parse(template.source);

  it('turns a rule off', () => {
    const result = lint(doc, template, { rules: { 'empty-field': 'off' } });
    expect(result.findings.some((f) => f.ruleId === 'empty-field')).toBe(false);
    expect(result.findings.length).toBeGreaterThan(0);
  });

  it('overrides a severity', () => {
    const result = lint(doc, template, { rules: { 'placeholder-comment': 'info' } });
    const comments = result.findings.filter((f) => f.ruleId === 'placeholder-comment');
    expect(comments.length).toBeGreaterThan(0);
    expect(comments.every((f) => f.severity === 'info')).toBe(true);
  });

  it('accepts the resolved config as is', () => {
    const resolved = resolveLintConfig({ rules: { unresolved: 'off' } });
    expect(lint(doc, template, resolved).findings).toEqual(lint(doc, template, { rules: { unresolved: 'off' } }).findings);
  });

  it('throws LintConfigError for a bad config', () => {
    expect(() => lint(doc, template, { rules: { bogus: 'off' } } as never)).toThrowError(LintConfigError);
  });
});
