import { lint, parse, type LintResult, type Section, type SpecDocument, type Template } from '../../../core/index.js';

/** Counts shown with a spec: completeness and findings by severity. */
export interface LintSummary {
  readonly score: number;
  readonly errors: number;
  readonly warnings: number;
}

/** One node of a spec's outline. */
export interface SectionNode {
  /** Slugs joined by `/`: what edits and diffs address the section by. */
  readonly path: string;
  readonly title: string;
  readonly level: number;
  /** 1-based line of the heading. */
  readonly line: number;
  readonly children: readonly SectionNode[];
}

/** A content revision parsed once and linted against its template. */
export interface Analysis {
  readonly doc: SpecDocument;
  readonly lint: LintResult;
  readonly summary: LintSummary;
}

export function summarize(result: LintResult): LintSummary {
  let errors = 0;
  let warnings = 0;
  for (const f of result.findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
  }
  return { score: result.score, errors, warnings };
}

export function analyzeDocument(doc: SpecDocument, template: Template): Analysis {
  const result = lint(doc, template);
  return { doc, lint: result, summary: summarize(result) };
}

export function analyze(content: string, template: Template): Analysis {
  return analyzeDocument(parse(content), template);
}

export function outline(sections: readonly Section[]): SectionNode[] {
  return sections.map((s) => ({
    path: s.path,
    title: s.heading.text,
    level: s.heading.level,
    line: s.heading.range.startLine,
    children: outline(s.children),
  }));
}

/** The title a spec's text gives itself: its first H1, if any. */
export function titleOf(doc: SpecDocument): string | null {
  const text = doc.title?.text.replace(/\s+/g, ' ').trim() ?? '';
  return text === '' ? null : text;
}
