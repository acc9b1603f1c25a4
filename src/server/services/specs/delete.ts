import { ConflictError, NotFoundError } from '../../errors/index.js';
import { specPolicy } from '../../policies/index.js';
import { recordAudit } from '../audit.js';
import { nowIso, type ActorCtx } from '../context.js';
import { checkIfMatch } from './commit.js';
import { currentRevision } from './current.js';
import { loadSpec, type SpecLocator } from './load.js';
import { searchIndexOf } from '../../search/index.js';
import type { SpecRead } from './views.js';
import { recordEvent, specEvent } from '../../events/write.js';

/** Soft delete: hidden from reads, lists and search; revisions kept; admins can restore it. */
export async function deleteSpec(ctx: ActorCtx, locator: SpecLocator, ifMatch: string | undefined): Promise<void> {
  const { spec } = await loadSpec(ctx, locator, specPolicy.delete);
  checkIfMatch(ifMatch, spec, false);
  await ctx.deps.db.transaction().execute(async (trx) => {
    const done = await trx.updateTable('specs').set({ deletedAt: nowIso(ctx.deps) }).where('id', '=', spec.id).where('deletedAt', 'is', null).executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new NotFoundError('Spec');
    await searchIndexOf(trx).removeSpec(trx, spec.id);
    await recordAudit(trx, ctx, {
      workspaceId: spec.workspaceId,
      action: 'spec.deleted',
      targetType: 'spec',
      targetId: spec.id,
      before: { number: spec.number, title: spec.title, revision: spec.revision },
    });
    await recordEvent(trx, specEvent(ctx, spec, 'spec.deleted', { key: `${spec.workspaceKey}-${spec.number}` }));
  });
}

/** Brings a soft-deleted spec back exactly as it was (same number, revisions and content). */
export async function restoreSpec(ctx: ActorCtx, locator: SpecLocator): Promise<SpecRead> {
  const loaded = await loadSpec(ctx, locator, specPolicy.restore, { deleted: true, labels: true });
  const { spec } = loaded;
  if (spec.deletedAt === null) throw new ConflictError('spec_not_deleted', `${spec.workspaceKey}-${spec.number} is not deleted`);
  const current = await currentRevision(ctx, spec);
  await ctx.deps.db.transaction().execute(async (trx) => {
    const done = await trx.updateTable('specs').set({ deletedAt: null }).where('id', '=', spec.id).where('deletedAt', 'is not', null).executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new ConflictError('spec_not_deleted', `${spec.workspaceKey}-${spec.number} is not deleted`);
    await searchIndexOf(trx).indexSpec(trx, { id: spec.id, workspaceId: spec.workspaceId }, current.doc);
    await recordAudit(trx, ctx, {
      workspaceId: spec.workspaceId,
      action: 'spec.restored',
      targetType: 'spec',
      targetId: spec.id,
      after: { number: spec.number, title: spec.title, revision: spec.revision },
    });
    await recordEvent(trx, specEvent(ctx, spec, 'spec.restored', { key: `${spec.workspaceKey}-${spec.number}`, revision: spec.revision }));
  });
  return { loaded: { ...loaded, spec: { ...spec, deletedAt: null } }, current };
}
