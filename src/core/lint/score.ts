import type { Baseline } from './template-index.js';
import type { Finding, LintContext, RuleId, SectionScore } from './types.js';

/**
 * Completeness per section and overall. A section's blanks are the findings the untouched template
 * gets there (its baseline); unfilled blanks are the findings the document gets there. With
 * B = baseline and U = unfilled: score = floor(100 × max(B − U, 0) / max(B, U)), 100 when both are 0.
 * A missing required section counts as all its (subtree's) blanks unfilled. Overall is the same
 * formula over the sums, so sections weigh by their number of blanks.
 */
export function computeScores(
  ctx: LintContext,
  findings: readonly Finding[],
  counted: ReadonlySet<RuleId>,
  baseline: Baseline,
  weightOf: (finding: Finding) => number,
): { score: number; sections: Record<string, number>; sectionScores: SectionScore[] } {
  const unfilled = new Map<string, number>();
  const missing: Finding[] = [];
  for (const f of findings) {
    if (!counted.has(f.ruleId)) continue;
    if (f.ruleId === 'missing-section') missing.push(f);
    else unfilled.set(f.sectionPath, (unfilled.get(f.sectionPath) ?? 0) + weightOf(f));
  }
  const blanks = blankCounts(baseline, counted);
  const blanksOf = (templatePath: string): number => {
    let n = blanks.sections.get(templatePath);
    if (n === undefined) {
      n = 0;
      for (const [rule, count] of baseline.get(templatePath) ?? []) if (counted.has(rule)) n += count;
      blanks.sections.set(templatePath, n);
    }
    return n;
  };

  const entries: SectionScore[] = [];
  const add = (path: string, blanks: number, open: number, isMissing: boolean): void => {
    const total = Math.max(blanks, open);
    const score = total === 0 ? 100 : Math.floor((100 * Math.max(blanks - open, 0)) / total);
    entries.push({ path, score, blanks: total, unfilled: open, missing: isMissing });
  };
  const documentBlanks = blanksOf('');
  const documentOpen = unfilled.get('') ?? 0;
  if (documentBlanks > 0 || documentOpen > 0) add('', documentBlanks, documentOpen, false);
  for (const section of ctx.doc.allSections) {
    const t = ctx.match.templateOf.get(section);
    add(section.path, t ? blanksOf(t.path) : 0, unfilled.get(section.path) ?? 0, false);
  }
  for (const f of missing) {
    let weight = blanks.subtrees.get(f.sectionPath);
    if (weight === undefined) {
      const t = ctx.index.sectionByPath.get(f.sectionPath);
      weight = 0;
      if (t) for (const s of subtree(t)) weight += blanksOf(s.path);
      weight = Math.max(weight, 1);
      blanks.subtrees.set(f.sectionPath, weight);
    }
    add(f.sectionPath, weight, weight, true);
  }

  let total = 0;
  let filled = 0;
  for (const e of entries) {
    total += e.blanks;
    filled += e.blanks - Math.min(e.unfilled, e.blanks);
  }
  const score = total === 0 ? 100 : Math.floor((100 * filled) / total);
  // No prototype: a section slugged `__proto__` is just a key.
  const sections = Object.create(null) as Record<string, number>;
  for (const e of entries) sections[e.path] = e.score;
  return { score, sections, sectionScores: entries };
}

/** Blanks per template section path, and per missing section's subtree (its path), summed once. */
interface BlankCounts {
  readonly sections: Map<string, number>;
  readonly subtrees: Map<string, number>;
}

// Per baseline (one per template object) and set of counted rules (one per resolved config): the
// same numbers for every lint of a spec of that template, so they are summed once.
const blankCache = new WeakMap<Baseline, WeakMap<ReadonlySet<RuleId>, BlankCounts>>();

function blankCounts(baseline: Baseline, counted: ReadonlySet<RuleId>): BlankCounts {
  let byRules = blankCache.get(baseline);
  if (byRules === undefined) {
    byRules = new WeakMap();
    blankCache.set(baseline, byRules);
  }
  let counts = byRules.get(counted);
  if (counts === undefined) {
    counts = { sections: new Map(), subtrees: new Map() };
    byRules.set(counted, counts);
  }
  return counts;
}

function* subtree<T extends { readonly children: readonly T[] }>(node: T): Generator<T> {
  yield node;
  for (const child of node.children) yield* subtree(child);
}
