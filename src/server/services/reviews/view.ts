import type { Kysely, Selectable } from 'kysely';
import { allowedActions, approvalHash, isLifecycleState, type LifecycleAction } from '../../../core/index.js';
import type { DB, SpecReviewsTable } from '../../db/index.js';
import type { ActorCtx } from '../context.js';
import { currentRevision } from '../specs/current.js';
import type { SpecMeta } from '../specs/load.js';
import { specEtag, specKey } from '../specs/refs.js';
import { evaluateGate, type UnmetCondition } from './approval-gate.js';
import { effectivePolicy, type ReviewPolicy } from './policy.js';
import type { ReviewerRow } from './target.js';
import type { TransitionRecord } from './transition.js';
import type { VersionRow } from './versions.js';

export type VerdictRow = Selectable<SpecReviewsTable>;

export interface VerdictView {
  readonly id: string;
  readonly reviewer: { readonly id: string; readonly name: string };
  readonly verdict: string;
  readonly revision: number;
  readonly contentHash: string;
  readonly summary: string | null;
  readonly createdAt: string;
  readonly dismissedAt: string | null;
  /** Live and pinned to the current content: it counts. */
  readonly current: boolean;
  readonly signature: { readonly signedAt: string; readonly meaning: string } | null;
}

export interface ReviewerView {
  readonly user: { readonly id: string; readonly name: string };
  readonly role: string;
  readonly dueAt: string | null;
  /** In review, past due and no current verdict from this reviewer. */
  readonly overdue: boolean;
  readonly verdict: string | null;
}

export interface VersionView {
  readonly number: number;
  readonly status: string;
  readonly startRevision: number;
  readonly firstRequestedAt: string | null;
  readonly requestedAt: string | null;
  readonly decidedAt: string | null;
  readonly decidedBy: string | null;
  readonly decisionSummary: string | null;
  readonly decidedRevision: number | null;
  readonly approvedHash: string | null;
  /** From the first review request to the decision (null until decided). */
  readonly timeToDecisionMs: number | null;
  readonly supersededBy: string | null;
}

export interface ReviewView {
  readonly spec: { readonly id: string; readonly key: string; readonly title: string; readonly status: string; readonly revision: number; readonly etag: string; readonly authorId: string };
  readonly version: VersionView;
  readonly contentHash: string;
  readonly locked: boolean;
  readonly reviewers: readonly ReviewerView[];
  readonly verdicts: readonly VerdictView[];
  /** Reviewers whose approval counts now. */
  readonly approvers: readonly string[];
  readonly policy: ReviewPolicy;
  /** What still stands between this version and approval (empty: nothing). */
  readonly unmet: readonly UnmetCondition[];
  readonly allowedActions: readonly LifecycleAction[];
  /** Specs this one replaces (their key). */
  readonly supersedes: readonly string[];
  /** Set by workflow operations: the transition they made, or null. */
  readonly transition?: TransitionRecord | null;
}

/** Reviewers' live approvals for the content hash: the ones that count (assigned reviewers only). */
export function currentApprovers(verdicts: readonly VerdictRow[], reviewers: readonly ReviewerRow[], hash: string): string[] {
  const assigned = new Set(reviewers.map((r) => r.userId));
  return [...new Set(verdicts.filter((v) => v.verdict === 'approved' && v.dismissedAt === null && v.contentHash === hash && assigned.has(v.reviewerId)).map((v) => v.reviewerId))];
}

/** ISO instant difference in ms (null when either is missing). */
function between(from: string | null, to: string | null): number | null {
  return from === null || to === null ? null : Date.parse(to) - Date.parse(from);
}

export function versionView(version: VersionRow, supersededByKey: string | null): VersionView {
  return {
    number: version.number,
    status: version.status,
    startRevision: version.startRevision,
    firstRequestedAt: version.firstRequestedAt,
    requestedAt: version.requestedAt,
    decidedAt: version.decidedAt,
    decidedBy: version.decidedBy,
    decisionSummary: version.decisionSummary,
    decidedRevision: version.decidedRevision,
    approvedHash: version.approvedHash,
    timeToDecisionMs: between(version.firstRequestedAt, version.decidedAt),
    supersededBy: supersededByKey,
  };
}

async function names(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Verdicts and reviewers of a version as the API shows them. */
export async function verdictsAndReviewers(db: Kysely<DB>, version: VersionRow, reviewers: readonly ReviewerRow[], hash: string | null, now: string): Promise<{ verdicts: VerdictView[]; reviewers: ReviewerView[]; approvers: string[] }> {
  const rows = await db.selectFrom('specReviews').selectAll().where('versionId', '=', version.id).orderBy('id').execute();
  const who = await names(db, [...rows.map((r) => r.reviewerId), ...reviewers.map((r) => r.userId)]);
  // A closed version's verdicts are judged against the content it closed with.
  const pinned = hash ?? version.approvedHash ?? '';
  const approvers = currentApprovers(rows, reviewers, pinned);
  const verdicts = rows.map((r): VerdictView => ({
    id: r.id,
    reviewer: { id: r.reviewerId, name: who.get(r.reviewerId) ?? '' },
    verdict: r.verdict,
    revision: r.revision,
    contentHash: r.contentHash,
    summary: r.summary,
    createdAt: r.createdAt,
    dismissedAt: r.dismissedAt,
    current: r.dismissedAt === null && (r.verdict !== 'approved' || r.contentHash === pinned),
    signature: r.signedAt === null ? null : { signedAt: r.signedAt, meaning: r.signatureMeaning ?? '' },
  }));
  const reviewerViews = reviewers.map((r): ReviewerView => {
    const live = [...verdicts].reverse().find((v) => v.reviewer.id === r.userId && v.current);
    return {
      user: { id: r.userId, name: who.get(r.userId) ?? '' },
      role: r.role,
      dueAt: r.dueAt,
      overdue: version.status === 'in_review' && r.dueAt !== null && r.dueAt < now && live === undefined,
      verdict: live?.verdict ?? null,
    };
  });
  return { verdicts, reviewers: reviewerViews, approvers };
}

/** The review state of a spec's current version, with what the gate still needs. */
export async function reviewView(ctx: ActorCtx, spec: SpecMeta, version: VersionRow, reviewers: readonly ReviewerRow[], transition?: TransitionRecord | null): Promise<ReviewView> {
  const db = ctx.deps.db;
  const now = ctx.deps.clock.now().toISOString();
  const current = await currentRevision(ctx, spec);
  const hash = approvalHash(current.doc);
  const parts = await verdictsAndReviewers(db, version, reviewers, hash, now);
  const { effective } = await effectivePolicy(db, spec.workspaceId, spec.id);
  const unmet = version.status === 'in_review'
    ? await evaluateGate({ db, spec, version, policy: effective, reviewers, approverIds: parts.approvers, approverId: null })
    : [];
  const specKeys = (q: 'supersedes' | 'supersededBy') =>
    db
      .selectFrom('specs')
      .innerJoin('workspaces', 'workspaces.id', 'specs.workspaceId')
      .select(['specs.number', 'workspaces.key'])
      .$if(q === 'supersedes', (b) => b.where('specs.id', 'in', db.selectFrom('specVersions').select('specId').where('supersededBy', '=', spec.id)))
      .$if(q === 'supersededBy', (b) => b.where('specs.id', '=', version.supersededBy ?? ''))
      .orderBy('specs.number')
      .execute()
      .then((rows) => rows.map((r) => specKey(r.key, r.number)));
  const supersedes = await specKeys('supersedes');
  const supersededBy = version.supersededBy === null ? null : ((await specKeys('supersededBy'))[0] ?? null);
  return {
    spec: { id: spec.id, key: specKey(spec.workspaceKey, spec.number), title: spec.title, status: spec.status, revision: spec.revision, etag: specEtag(spec.id, spec.revision), authorId: spec.authorId },
    version: versionView(version, supersededBy),
    contentHash: hash,
    locked: version.status === 'approved' || version.status === 'superseded',
    ...parts,
    policy: effective,
    unmet,
    allowedActions: isLifecycleState(version.status) ? allowedActions(version.status) : [],
    supersedes,
    ...(transition === undefined ? {} : { transition }),
  };
}
