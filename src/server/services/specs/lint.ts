import { lint, type Finding, type SectionScore } from '../../../core/index.js';
import type { ActorCtx } from '../context.js';
import { summarize, type LintSummary } from './analysis.js';
import { readSpec } from './get.js';
import type { SpecLocator } from './load.js';
import { templateAt } from './template-versions.js';

export interface SpecLint extends LintSummary {
  readonly specId: string;
  readonly revision: number;
  /** The template version the spec follows: lint never changes when the template is edited later. */
  readonly templateId: string;
  readonly templateVersion: number;
  readonly findings: Finding[];
  readonly sections: SectionScore[];
}

/** Lint of the current revision against the spec's own template version. */
export async function lintSpec(ctx: ActorCtx, locator: SpecLocator): Promise<SpecLint> {
  const { loaded, current } = await readSpec(ctx, locator);
  const { spec } = loaded;
  if (current.lint === null) {
    const template = await templateAt(ctx.deps.db, spec.workspaceId, spec.templateId, spec.templateVersion);
    current.lint = lint(current.doc, template);
  }
  const result = current.lint;
  return {
    specId: spec.id,
    revision: spec.revision,
    templateId: spec.templateId,
    templateVersion: spec.templateVersion,
    ...summarize(result),
    findings: [...result.findings],
    sections: [...result.sectionScores],
  };
}
