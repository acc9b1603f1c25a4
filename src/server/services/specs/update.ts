import { specPolicy } from '../../policies/index.js';
import { nowIso, type ActorCtx } from '../context.js';
import { analyzeDocument, titleOf } from './analysis.js';
import { checkIfMatch, commitContent } from './commit.js';
import { currentRevision } from './current.js';
import { normalizeLabels, setSpecLabels } from './labels.js';
import { loadSpec, type SpecLocator } from './load.js';
import { retitle } from './retitle.js';
import { templateAt } from './template-versions.js';
import type { SpecRead } from './views.js';
import { labelsEvent, recordEvent } from '../../events/write.js';

export interface UpdateSpecInput {
  /** The spec's title is its H1: a new title is a new revision with the heading rewritten. */
  readonly title?: string | undefined;
  /** The complete new set of label names (labels are not part of the text: no revision). */
  readonly labels?: readonly string[] | undefined;
}

/** Retitles and/or relabels a spec; `If-Match` is optional here but checked when sent. */
export async function updateSpec(ctx: ActorCtx, locator: SpecLocator, input: UpdateSpecInput, ifMatch: string | undefined): Promise<SpecRead> {
  const db = ctx.deps.db;
  const loaded = await loadSpec(ctx, locator, specPolicy.write, { labels: true });
  const { spec } = loaded;
  checkIfMatch(ifMatch, spec, false);
  const now = nowIso(ctx.deps);
  const labels = input.labels === undefined ? null : normalizeLabels(input.labels);
  const current = await currentRevision(ctx, spec);
  const title = input.title?.replace(/\s+/g, ' ').trim();

  if (title !== undefined && title !== (titleOf(current.doc) ?? '')) {
    const template = await templateAt(db, spec.workspaceId, spec.templateId, spec.templateVersion);
    const result = await commitContent(ctx, {
      loaded,
      analysis: analyzeDocument(retitle(current.doc, title), template),
      summary: `Renamed to ${title}`,
      alsoInTransaction: labels === null ? undefined : (trx) => setSpecLabels(trx, spec.workspaceId, spec.id, labels, now).then(() => recordEvent(trx, labelsEvent(ctx, spec, labels))),
    });
    return labels === null ? result : { ...result, loaded: { ...result.loaded, labels } };
  }
  if (labels === null) return { loaded, current };

  await db.transaction().execute(async (trx) => {
    await setSpecLabels(trx, spec.workspaceId, spec.id, labels, now);
    await trx.updateTable('specs').set({ updatedAt: now }).where('id', '=', spec.id).execute();
    await recordEvent(trx, labelsEvent(ctx, spec, labels));
  });
  return { loaded: { ...loaded, labels, spec: { ...spec, updatedAt: now } }, current };
}
