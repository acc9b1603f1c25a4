import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/core/document/index.js';
import { RULES, lint, type LintResult } from '../../../src/core/lint/index.js';
import { getBuiltinTemplate, templateFromMarkdown, type Template } from '../../../src/core/templates/index.js';

/**
 * Each rule has test/fixtures/lint/<rule-id>/ with one or more `<case>.input.md` documents, their
 * `<case>.expected.json` (every finding and the score) and, optionally, a `template.md` (else the
 * built-in template). Set UPDATE_LINT_FIXTURES=1 to rewrite the expected files after a deliberate change.
 */
const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/lint');
const update = process.env.UPDATE_LINT_FIXTURES === '1';

const snapshot = (result: LintResult) => ({
  score: result.score,
  findings: result.findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    sectionPath: f.sectionPath,
    message: f.message,
  })),
});

const templateFor = (dir: string, id: string): Template => {
  const file = join(dir, 'template.md');
  return existsSync(file) ? templateFromMarkdown(`fixture-${id}`, `Fixture ${id}`, readFileSync(file, 'utf8')) : getBuiltinTemplate();
};

describe('lint rule fixtures', () => {
  it('every rule in RULES has a fixture directory with at least one case, and no fixture is orphaned', () => {
    const dirs = readdirSync(fixtures).sort();
    expect(dirs).toEqual(RULES.map((r) => r.id).sort());
    for (const rule of RULES) {
      const cases = readdirSync(join(fixtures, rule.id)).filter((f) => f.endsWith('.input.md'));
      expect(cases.length, rule.id).toBeGreaterThan(0);
    }
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      const dir = join(fixtures, rule.id);
      const cases = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.input.md')).sort() : [];
      const template = existsSync(dir) ? templateFor(dir, rule.id) : getBuiltinTemplate();

      it(`has a case that triggers ${rule.id}`, () => {
        const triggered = cases.some((c) =>
          lint(parse(readFileSync(join(dir, c), 'utf8')), template).findings.some((f) => f.ruleId === rule.id),
        );
        expect(triggered).toBe(true);
      });

      for (const c of cases) {
        it(`${c} gives the expected findings`, () => {
          const actual = snapshot(lint(parse(readFileSync(join(dir, c), 'utf8')), template));
          const expectedFile = join(dir, c.replace(/\.input\.md$/, '.expected.json'));
          if (update) writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
          expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
        });
      }
    });
  }
});
