import type { Transaction } from 'kysely';
import { allowedActions, isLifecycleState, nextState, type LifecycleAction, type LifecycleState } from '../../../core/index.js';
import type { DB } from '../../db/index.js';
import { AppError, type ErrorCode } from '../../errors/index.js';
import { recordAudit } from '../audit.js';
import { nowIso, type ActorCtx } from '../context.js';
import { revisionCache } from '../specs/revision-cache.js';
import { writeStatusAndFooter, reviewTruth, type FooterRevision } from './footer.js';
import type { ReviewTarget } from './target.js';
import { lockVersion, type VersionRow } from './versions.js';
import { recordEvents, transitionEvents } from '../../events/write.js';

/** States whose content is locked against edits until someone revises. */
export const LOCKED_STATES: ReadonlySet<string> = new Set(['approved', 'superseded']);

/** The 409 for an action the current state does not allow: its code names the state. */
export function invalidTransition(state: string, action: LifecycleAction | 'assign_reviewers'): AppError {
  const known = isLifecycleState(state) ? state : 'draft';
  const allowed = allowedActions(known);
  const step = action === 'assign_reviewers' ? null : nextState(known, action);
  const message = step !== null && !step.ok ? step.message : `cannot ${action.replace(/_/g, ' ')} while the spec is ${known}`;
  return new AppError(`invalid_transition_from_${known}` as ErrorCode, message, { state: known, action, allowed });
}

/** The next state for `action`, or the 409 naming the current one. */
export function requireTransition(state: string, action: LifecycleAction): LifecycleState {
  if (!isLifecycleState(state)) throw invalidTransition(state, action);
  const step = nextState(state, action);
  if (!step.ok) throw invalidTransition(state, action);
  return step.state;
}

export interface TransitionRecord {
  readonly action: LifecycleAction;
  readonly from: LifecycleState;
  readonly to: LifecycleState;
  readonly version: number;
  /** The revision the server's footer write made, if the footer changed. */
  readonly revision: number | null;
}

/**
 * Runs a workflow step in one transaction on the locked current version: `work` checks and
 * records what the step needs (verdicts, version fields) and returns the transition to apply, or
 * null for none. The transition sets the status on version and spec, keeps the footer true (a
 * server revision) and is audited with before/after state.
 */
export async function runStep<T>(
  ctx: ActorCtx,
  target: ReviewTarget,
  work: (trx: Transaction<DB>, version: VersionRow, now: string) => Promise<{ result: T; transition: { action: LifecycleAction; patch?: Partial<VersionRow> } | null }>,
): Promise<{ result: T; transition: TransitionRecord | null }> {
  const now = nowIso(ctx.deps);
  const { spec } = target;
  let footer: FooterRevision | null = null;
  const outcome = await ctx.deps.db.transaction().execute(async (trx) => {
    const version = await lockVersion(trx, target.version.id, now);
    const { result, transition } = await work(trx, version, now);
    if (transition === null) return { result, transition: null };
    const from = version.status as LifecycleState;
    const to = requireTransition(from, transition.action);
    const { id: _id, ...patch } = { ...transition.patch, status: to, updatedAt: now };
    await trx.updateTable('specVersions').set(patch).where('id', '=', version.id).execute();
    const updated: VersionRow = { ...version, ...patch };
    footer = await writeStatusAndFooter(trx, ctx, spec.id, to, await reviewTruth(trx, to, updated), `Status: ${to.replace(/_/g, ' ')} (server footer update)`);
    const record: TransitionRecord = { action: transition.action, from, to, version: version.number, revision: footer?.revision ?? null };
    await recordAudit(trx, ctx, {
      workspaceId: spec.workspaceId,
      action: `spec.${transition.action}`,
      targetType: 'spec',
      targetId: spec.id,
      before: { status: from, version: version.number },
      after: { status: to, version: version.number, revision: record.revision, ...(patch.decisionSummary ? { decisionSummary: patch.decisionSummary } : {}) },
    });
    await recordEvents(trx, transitionEvents(ctx, spec, record));
    return { result, transition: record };
  });
  cacheFooterRevision(ctx, footer);
  return outcome;
}

/** Puts a server footer revision in the revision cache (after commit, so readers never see an uncommitted one). */
export function cacheFooterRevision(ctx: ActorCtx, footer: FooterRevision | null): void {
  if (footer !== null) revisionCache(ctx.deps.db).put(footer.specId, footer.revision, footer.analysis.doc, footer.analysis.lint);
}
