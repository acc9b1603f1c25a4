import { RULE_IDS, type RuleId, type RuleLevel } from './types.js';
import { RULES } from './rules/index.js';

/** Lint configuration as written in `.specboard.json` or built from CLI flags. */
export interface LintConfig {
  readonly rules?: Readonly<Partial<Record<RuleId, RuleLevel>>>;
}

/** Every rule's effective level after merging defaults and layers (itself a valid LintConfig). */
export interface ResolvedLintConfig extends LintConfig {
  readonly rules: Readonly<Record<RuleId, RuleLevel>>;
}

export type LintConfigErrorCode = 'invalid_config' | 'invalid_rules' | 'unknown_rule' | 'invalid_severity';

export interface LintConfigIssue {
  readonly code: LintConfigErrorCode;
  /** Where in the object, e.g. `rules.empty-field`. */
  readonly path: string;
  readonly message: string;
}

/** A configuration object that cannot be used; `issues` lists every problem, `code` the first one's. */
export class LintConfigError extends Error {
  readonly code: LintConfigErrorCode;
  readonly issues: readonly LintConfigIssue[];
  constructor(issues: readonly LintConfigIssue[], source?: string) {
    const where = source ? `${source}: ` : '';
    super(`${where}${issues.map((i) => i.message).join('; ')}`);
    this.name = 'LintConfigError';
    this.code = issues[0]?.code ?? 'invalid_config';
    this.issues = issues;
  }
}

const LEVELS: readonly RuleLevel[] = ['off', 'error', 'warning', 'info'];
const KNOWN_IDS: ReadonlySet<string> = new Set(RULE_IDS);

/** Checks an untrusted value (parsed JSON, CLI flags) and returns it as a LintConfig; throws LintConfigError. */
export function validateLintConfig(value: unknown, source?: string): LintConfig {
  const issues: LintConfigIssue[] = [];
  if (!isPlainObject(value)) {
    throw new LintConfigError([{ code: 'invalid_config', path: '', message: 'lint configuration must be a JSON object' }], source);
  }
  // Other top-level keys belong to other consumers of .specboard.json (e.g. the CLI's template choice).
  const rules = value.rules;
  if (rules === undefined) return {};
  if (!isPlainObject(rules)) {
    throw new LintConfigError([{ code: 'invalid_rules', path: 'rules', message: '"rules" must be an object of rule id to severity' }], source);
  }
  const out: Partial<Record<RuleId, RuleLevel>> = {};
  for (const [id, level] of Object.entries(rules)) {
    if (!KNOWN_IDS.has(id)) {
      issues.push({ code: 'unknown_rule', path: `rules.${id}`, message: `unknown rule "${id}" (known rules: ${RULE_IDS.join(', ')})` });
      continue;
    }
    if (typeof level !== 'string' || !(LEVELS as readonly string[]).includes(level)) {
      issues.push({
        code: 'invalid_severity',
        path: `rules.${id}`,
        message: `rule "${id}": severity must be one of ${LEVELS.map((l) => `"${l}"`).join(', ')}, got ${describe(level)}`,
      });
      continue;
    }
    out[id as RuleId] = level as RuleLevel;
  }
  if (issues.length > 0) throw new LintConfigError(issues, source);
  return { rules: out };
}

/**
 * Merges configuration layers over the rules' defaults; later layers win (e.g. `.specboard.json`
 * then CLI flags). Each layer is validated first; undefined layers are skipped.
 */
export function resolveLintConfig(...layers: readonly (unknown)[]): ResolvedLintConfig {
  const levels = Object.fromEntries(RULES.map((r) => [r.id, r.defaultSeverity])) as Record<RuleId, RuleLevel>;
  for (const layer of layers) {
    if (layer === undefined) continue;
    const config = validateLintConfig(layer);
    for (const [id, level] of Object.entries(config.rules ?? {})) levels[id as RuleId] = level;
  }
  return { rules: levels };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}
