import { specPolicy } from '../../policies/index.js';
import type { ActorCtx } from '../context.js';
import { analyze } from './analysis.js';
import { checkIfMatch, commitContent } from './commit.js';
import { currentRevision } from './current.js';
import { loadSpec, type SpecLocator } from './load.js';
import { templateAt } from './template-versions.js';
import type { SpecRead } from './views.js';

export interface ReplaceContentInput {
  readonly markdown: string;
  readonly summary?: string | undefined;
}

/**
 * Replaces the whole text (stored byte for byte) as a new revision. `If-Match` is required; the
 * same text again is no change and makes no revision.
 */
export async function replaceContent(ctx: ActorCtx, locator: SpecLocator, input: ReplaceContentInput, ifMatch: string | undefined): Promise<SpecRead> {
  const loaded = await loadSpec(ctx, locator, specPolicy.write, { labels: true });
  const { spec } = loaded;
  checkIfMatch(ifMatch, spec, true);
  const current = await currentRevision(ctx, spec);
  if (current.revision === spec.revision && current.content === input.markdown) return { loaded, current };
  const template = await templateAt(ctx.deps.db, spec.workspaceId, spec.templateId, spec.templateVersion);
  const analysis = analyze(input.markdown, template);
  return commitContent(ctx, { loaded, analysis, summary: input.summary ?? 'Replaced the content' });
}
