import type { SpecDocument } from '../document/types.js';
import type { Template } from '../templates/types.js';
import type { LintIndex } from './template-index.js';
import type { DocIndex } from './doc-index.js';
import type { SectionMatch } from './match-sections.js';

export type Severity = 'error' | 'warning' | 'info';
/** A rule's configured level: a severity, or 'off' to disable it. */
export type RuleLevel = Severity | 'off';

export const RULE_IDS = [
  'empty-section',
  'unchanged-from-template',
  'placeholder-comment',
  'empty-table',
  'empty-field',
  'missing-section',
  'unresolved',
  'open-question',
  'missing-metadata',
  'invalid-status',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** One problem lint found. Lines and columns are 1-based; the end is exclusive (as in SARIF). */
export interface Finding {
  readonly ruleId: RuleId;
  readonly severity: Severity;
  readonly message: string;
  /** Path of the section the finding is in; '' for the document as a whole (footer, preamble). */
  readonly sectionPath: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** UTF-16 offsets of the same span in `doc.source` (end exclusive). */
  readonly offset: number;
  readonly endOffset: number;
}

/** Completeness of one section (or of the document-level footer, path ''). */
export interface SectionScore {
  readonly path: string;
  /** 0–100. */
  readonly score: number;
  /** Blanks counted for this section: max(template blanks, findings). */
  readonly blanks: number;
  /** Findings that count towards the score in this section. */
  readonly unfilled: number;
  /** True for a required template section the document lacks. */
  readonly missing: boolean;
}

export interface LintResult {
  /** Sorted by position, then rule id. */
  readonly findings: readonly Finding[];
  /** Overall completeness, 0–100. */
  readonly score: number;
  /** Completeness per section path, 0–100 (sections with no blanks score 100). */
  readonly sections: Readonly<Record<string, number>>;
  /** The same with the counts behind each figure, in document order. */
  readonly sectionScores: readonly SectionScore[];
}

/** What a rule reports; the engine adds severity and line/column. */
export interface RawFinding {
  readonly message: string;
  readonly sectionPath: string;
  readonly start: number;
  readonly end: number;
  /** How many blanks this one finding stands for in the score (default 1), e.g. a missing footer. */
  readonly weight?: number;
}

/** Everything a rule may look at, computed once per lint call (or once per template). */
export interface LintContext {
  readonly doc: SpecDocument;
  readonly template: Template;
  /** The template's precomputed structure, cached per template object. */
  readonly index: LintIndex;
  /** Per-document lookups (section of an offset, footer span, field-like list items...). */
  readonly docIndex: DocIndex;
  /** Which document section matches which template section, and what is missing. */
  readonly match: SectionMatch;
}

export interface LintRule {
  readonly id: RuleId;
  readonly defaultSeverity: Severity;
  /** One sentence for `specboard rules` and the docs. */
  readonly description: string;
  /** Whether its findings are unfilled blanks for the completeness score. */
  readonly countsTowardScore: boolean;
  check(ctx: LintContext, report: (finding: RawFinding) => void): void;
}
