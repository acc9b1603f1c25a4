import { NotFoundError } from '../../errors/index.js';
import { reviewPolicy } from '../../policies/index.js';
import type { ActorCtx } from '../context.js';
import type { SpecLocator } from '../specs/load.js';
import { loadReviewTarget } from './target.js';
import { verdictsAndReviewers, versionView, type ReviewerView, type VerdictView, type VersionView } from './view.js';

export interface VersionSummary extends VersionView {
  /** Last revision of the version (for the current version: the spec's current revision). */
  readonly endRevision: number;
  readonly current: boolean;
}

export interface VersionDetail extends VersionSummary {
  readonly markdown: string;
  readonly reviewers: readonly ReviewerView[];
  readonly verdicts: readonly VerdictView[];
  readonly approvers: readonly string[];
}

async function versionsOf(ctx: ActorCtx, locator: SpecLocator) {
  const target = await loadReviewTarget(ctx, locator, reviewPolicy.read);
  const rows = await ctx.deps.db.selectFrom('specVersions').selectAll().where('specId', '=', target.spec.id).orderBy('number').execute();
  const ends = rows.map((row, i) => {
    const next = rows[i + 1];
    return next === undefined ? target.spec.revision : Math.max(row.startRevision, next.startRevision - 1);
  });
  return { target, rows, ends };
}

/** Every version of a spec, oldest first, with its status and decision. */
export async function listVersions(ctx: ActorCtx, locator: SpecLocator): Promise<VersionSummary[]> {
  const { rows, ends } = await versionsOf(ctx, locator);
  return rows.map((row, i) => ({ ...versionView(row, null), endRevision: ends[i] ?? row.startRevision, current: i === rows.length - 1 }));
}

/** One version: metadata, decision, reviewers and verdicts, and its content (the last revision it had). */
export async function getVersion(ctx: ActorCtx, locator: SpecLocator, number: number): Promise<VersionDetail> {
  const { target, rows, ends } = await versionsOf(ctx, locator);
  const index = rows.findIndex((r) => r.number === number);
  const row = rows[index];
  if (row === undefined) throw new NotFoundError(`Version ${number}`);
  const db = ctx.deps.db;
  const endRevision = ends[index] ?? row.startRevision;
  const content = await db.selectFrom('revisions').select('content').where('specId', '=', target.spec.id).where('number', '<=', endRevision).orderBy('number', 'desc').limit(1).executeTakeFirstOrThrow();
  const reviewers = await db.selectFrom('specReviewers').selectAll().where('versionId', '=', row.id).orderBy('assignedAt').orderBy('id').execute();
  const current = index === rows.length - 1;
  const parts = await verdictsAndReviewers(db, row, reviewers, null, ctx.deps.clock.now().toISOString());
  return { ...versionView(row, null), endRevision, current, markdown: content.content, ...parts };
}
