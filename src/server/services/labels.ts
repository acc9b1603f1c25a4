// The labels of a workspace: the names specs were ever given there (labels are created on first
// use by a spec update and kept when no spec carries them any more), for pickers and filters.
import { authorize, workspacePolicy } from '../policies/index.js';
import type { ActorCtx } from './context.js';
import { workspaceAccess } from './workspace-access.js';

export interface WorkspaceLabel {
  readonly name: string;
  readonly color: string;
  /** Specs (not deleted) carrying the label now. */
  readonly specs: number;
}

/** Every label of the workspace, by name; anyone who may read the workspace may list them. */
export async function listWorkspaceLabels(ctx: ActorCtx, ref: string): Promise<WorkspaceLabel[]> {
  const access = await workspaceAccess(ctx, ref);
  authorize(ctx.actor, workspacePolicy.read, access);
  const rows = await ctx.deps.db
    .selectFrom('labels')
    .leftJoin('specLabels', 'specLabels.labelId', 'labels.id')
    // Deleted specs keep their label rows (restore brings them back) but do not count.
    .leftJoin('specs', (join) => join.onRef('specs.id', '=', 'specLabels.specId').on('specs.deletedAt', 'is', null))
    .select(['labels.name', 'labels.color', (eb) => eb.fn.count<number | string | bigint>('specs.id').as('specs')])
    .where('labels.workspaceId', '=', access.workspace.id)
    .groupBy(['labels.id', 'labels.name', 'labels.color'])
    .orderBy('labels.name')
    .execute();
  return rows.map((r) => ({ name: r.name, color: r.color, specs: Number(r.specs) }));
}
