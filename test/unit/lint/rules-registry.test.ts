import { describe, expect, it } from 'vitest';
import { RULES, RULE_IDS } from '../../../src/core/lint/index.js';

describe('RULES registry', () => {
  it('lists exactly the required rule ids, each once', () => {
    expect([...RULES.map((r) => r.id)].sort()).toEqual(
      [
        'empty-field',
        'empty-section',
        'empty-table',
        'invalid-status',
        'missing-metadata',
        'missing-section',
        'open-question',
        'placeholder-comment',
        'unchanged-from-template',
        'unresolved',
      ].sort(),
    );
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    expect([...RULE_IDS].sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  it('gives every rule a default severity and a one-sentence description', () => {
    for (const rule of RULES) {
      expect(['error', 'warning', 'info']).toContain(rule.defaultSeverity);
      expect(rule.description).toMatch(/^[A-Z].{10,200}\.$/);
    }
  });

  it('uses the documented default severities (blanks that block approval are errors)', () => {
    expect(Object.fromEntries(RULES.map((r) => [r.id, r.defaultSeverity]))).toEqual({
      'missing-section': 'error',
      'empty-section': 'error',
      'unchanged-from-template': 'error',
      'placeholder-comment': 'warning',
      'empty-table': 'error',
      'empty-field': 'error',
      unresolved: 'warning',
      'open-question': 'warning',
      'missing-metadata': 'error',
      'invalid-status': 'error',
    });
  });
});
