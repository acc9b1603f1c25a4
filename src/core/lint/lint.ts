import type { SpecDocument } from '../document/types.js';
import type { Template } from '../templates/types.js';
import { resolveLintConfig, type LintConfig } from './config.js';
import { buildDocIndex } from './doc-index.js';
import { matchSections } from './match-sections.js';
import { RULES } from './rules/index.js';
import { computeScores } from './score.js';
import { getLintIndex, type Baseline } from './template-index.js';
import type { Finding, LintContext, LintResult, LintRule, RawFinding, RuleId, RuleLevel, Severity } from './types.js';

/**
 * Checks a document against its template: findings with stable rule ids, severities and positions,
 * plus completeness scores. Pure and linear in the document; the template's side is cached.
 * Throws LintConfigError for an invalid config.
 */
export function lint(doc: SpecDocument, template: Template, config?: LintConfig): LintResult {
  const { levels, enabled, counted } = config === undefined ? defaultRules() : rulesOf(config);
  const ctx = contextFor(doc, template);
  const weights = new Map<Finding, number>();
  const findings = runRules(ctx, enabled, (rule) => levels[rule.id] as Severity, weights);
  const scores = computeScores(ctx, findings, counted, baselineOf(template), (f) => weights.get(f) ?? 1);
  return { findings, score: scores.score, sections: scores.sections, sectionScores: scores.sectionScores };
}

/** A resolved configuration: each rule's level, the rules that run, and those that count toward the score. */
interface RuleSet {
  readonly levels: Readonly<Record<RuleId, RuleLevel>>;
  readonly enabled: readonly LintRule[];
  readonly counted: ReadonlySet<RuleId>;
}

function rulesOf(config: LintConfig | undefined): RuleSet {
  const levels = resolveLintConfig(config).rules;
  const enabled = RULES.filter((r) => levels[r.id] !== 'off');
  return { levels, enabled, counted: new Set<RuleId>(enabled.filter((r) => r.countsTowardScore).map((r) => r.id)) };
}

// The server lints every save with the defaults: resolved once (computeScores also caches by `counted`).
let defaults: RuleSet | undefined;
function defaultRules(): RuleSet {
  return (defaults ??= rulesOf(undefined));
}

function contextFor(doc: SpecDocument, template: Template): LintContext {
  return { doc, template, index: getLintIndex(template), docIndex: buildDocIndex(doc), match: matchSections(doc, template) };
}

function runRules(
  ctx: LintContext,
  rules: readonly LintRule[],
  severityOf: (rule: LintRule) => Severity,
  weights?: Map<Finding, number>,
): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const severity = severityOf(rule);
    rule.check(ctx, (raw: RawFinding) => {
      const key = `${rule.id}\u0000${raw.start}\u0000${raw.end}\u0000${raw.message}`;
      if (seen.has(key)) return;
      seen.add(key);
      const start = ctx.docIndex.position(raw.start);
      const end = ctx.docIndex.position(Math.max(raw.start, raw.end));
      const finding: Finding = {
        ruleId: rule.id,
        severity,
        message: raw.message,
        sectionPath: raw.sectionPath,
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
        offset: raw.start,
        endOffset: Math.max(raw.start, raw.end),
      };
      findings.push(finding);
      if (raw.weight !== undefined) weights?.set(finding, raw.weight);
    });
  }
  return findings.sort((a, b) => a.offset - b.offset || a.endOffset - b.endOffset || compare(a.ruleId, b.ruleId));
}

/** Findings of every scoring rule on the untouched template, per template section: its blanks. */
function baselineOf(template: Template): Baseline {
  const index = getLintIndex(template);
  if (index.baseline) return index.baseline;
  const ctx = contextFor(template.document, template);
  const baseline = new Map<string, Map<RuleId, number>>();
  const weights = new Map<Finding, number>();
  for (const f of runRules(ctx, RULES, (rule) => rule.defaultSeverity, weights)) {
    const section = ctx.docIndex.sectionByPath.get(f.sectionPath);
    const key = section ? (ctx.match.templateOf.get(section)?.path ?? '') : '';
    const counts = baseline.get(key) ?? new Map<RuleId, number>();
    counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + (weights.get(f) ?? 1));
    baseline.set(key, counts);
  }
  index.baseline = baseline;
  return baseline;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
