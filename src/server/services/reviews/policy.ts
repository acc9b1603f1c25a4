import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.js';
import { ValidationError } from '../../errors/index.js';
import { authorize, reviewPolicy, workspacePolicy } from '../../policies/index.js';
import { recordAudit } from '../audit.js';
import { nowIso, type ActorCtx } from '../context.js';
import type { SpecLocator } from '../specs/index.js';
import { workspaceAccess } from '../workspace-access.js';
import { loadReviewTarget } from './target.js';

/** What it takes for a version in review to become approved (see approval-gate.ts). */
export interface ReviewPolicy {
  /** Current (not stale) approvals needed, at least. */
  readonly minApprovals: number;
  /** Every reviewer assigned as `required` must have approved. */
  readonly requireAllRequired: boolean;
  /** The spec's author cannot approve it. */
  readonly authorCannotApprove: boolean;
  /** The completeness gate: no error-level lint findings. */
  readonly lintClean: boolean;
  /** No unresolved blocking comment thread. */
  readonly noBlockingThreads: boolean;
}

/** The workspace default policy plus the workspace-only signature setting. */
export interface WorkspaceReviewSettings extends ReviewPolicy {
  /** Approving asks for the password again and the audit records the signature. */
  readonly signedApproval: boolean;
  /** What a signature means, recorded with it. */
  readonly signatureMeaning: string;
}

export type PolicyOverride = { readonly [K in keyof ReviewPolicy]?: ReviewPolicy[K] | null };

export const DEFAULT_SETTINGS: WorkspaceReviewSettings = {
  minApprovals: 1,
  requireAllRequired: true,
  authorCannotApprove: true,
  // Opt-in: a fresh template has error-level findings until it is filled in.
  lintClean: false,
  noBlockingThreads: true,
  signedApproval: false,
  signatureMeaning: 'I have reviewed this version of the specification and approve it.',
};

const POLICY_KEYS = ['minApprovals', 'requireAllRequired', 'authorCannotApprove', 'lintClean', 'noBlockingThreads'] as const;

function parseSettings(json: string | undefined): Record<string, unknown> {
  return json === undefined ? {} : (JSON.parse(json) as Record<string, unknown>);
}

function pickOverride(raw: Record<string, unknown>): Partial<ReviewPolicy> {
  const out: Record<string, unknown> = {};
  for (const key of POLICY_KEYS) if (raw[key] !== undefined && raw[key] !== null) out[key] = raw[key];
  // Stored settings were validated by the API schema when written.
  return out;
}

/** The workspace's settings (defaults where unset). */
export async function workspaceSettings(db: Kysely<DB>, workspaceId: string): Promise<WorkspaceReviewSettings> {
  const row = await db.selectFrom('reviewPolicies').select('settingsJson').where('scopeId', '=', workspaceId).executeTakeFirst();
  return { ...DEFAULT_SETTINGS, ...(parseSettings(row?.settingsJson) as Partial<WorkspaceReviewSettings>) };
}

export interface EffectivePolicy {
  readonly workspace: WorkspaceReviewSettings;
  /** The spec's own settings (only those it sets). */
  readonly override: Partial<ReviewPolicy>;
  /** Workspace default with the spec's override applied. */
  readonly effective: ReviewPolicy;
}

/** The policy that applies to a spec: the workspace default, then the spec's own override. */
export async function effectivePolicy(db: Kysely<DB>, workspaceId: string, specId: string): Promise<EffectivePolicy> {
  const rows = await db.selectFrom('reviewPolicies').select(['scopeId', 'settingsJson']).where('scopeId', 'in', [workspaceId, specId]).execute();
  const workspace = { ...DEFAULT_SETTINGS, ...(parseSettings(rows.find((r) => r.scopeId === workspaceId)?.settingsJson) as Partial<WorkspaceReviewSettings>) };
  const override = pickOverride(parseSettings(rows.find((r) => r.scopeId === specId)?.settingsJson));
  const base: ReviewPolicy = {
    minApprovals: workspace.minApprovals,
    requireAllRequired: workspace.requireAllRequired,
    authorCannotApprove: workspace.authorCannotApprove,
    lintClean: workspace.lintClean,
    noBlockingThreads: workspace.noBlockingThreads,
  };
  return { workspace, override, effective: { ...base, ...override } };
}

async function upsert(db: Kysely<DB>, scopeId: string, workspaceId: string, settings: object, userId: string, now: string): Promise<void> {
  const settingsJson = JSON.stringify(settings);
  await db
    .insertInto('reviewPolicies')
    .values({ scopeId, workspaceId, settingsJson, updatedBy: userId, updatedAt: now })
    .onConflict((oc) => oc.column('scopeId').doUpdateSet({ settingsJson, updatedBy: userId, updatedAt: now }))
    .execute();
}

/** The workspace's review settings. */
export async function getWorkspaceReviewSettings(ctx: ActorCtx, workspaceRef: string): Promise<WorkspaceReviewSettings> {
  const access = await workspaceAccess(ctx, workspaceRef);
  authorize(ctx.actor, workspacePolicy.read, access);
  return workspaceSettings(ctx.deps.db, access.workspace.id);
}

/** Changes some of the workspace's review settings (admins); audited with before and after. */
export async function setWorkspaceReviewSettings(ctx: ActorCtx, workspaceRef: string, input: Partial<WorkspaceReviewSettings>): Promise<WorkspaceReviewSettings> {
  const access = await workspaceAccess(ctx, workspaceRef);
  authorize(ctx.actor, workspacePolicy.update, access);
  const workspaceId = access.workspace.id;
  return ctx.deps.db.transaction().execute(async (trx) => {
    const before = await workspaceSettings(trx, workspaceId);
    const after: WorkspaceReviewSettings = { ...before, ...stripUndefined(input) };
    await upsert(trx, workspaceId, workspaceId, after, ctx.actor.userId, nowIso(ctx.deps));
    await recordAudit(trx, ctx, { workspaceId, action: 'review_policy.updated', targetType: 'workspace', targetId: workspaceId, before, after });
    return after;
  });
}

/** A spec's policy: the workspace default, the spec's override and the result. */
export async function getSpecReviewPolicy(ctx: ActorCtx, locator: SpecLocator): Promise<EffectivePolicy> {
  const target = await loadReviewTarget(ctx, locator, reviewPolicy.read);
  return effectivePolicy(ctx.deps.db, target.spec.workspaceId, target.spec.id);
}

/** Sets (or, with null, clears) fields of a spec's override (admins); audited. */
export async function setSpecReviewPolicy(ctx: ActorCtx, locator: SpecLocator, input: PolicyOverride): Promise<EffectivePolicy> {
  const target = await loadReviewTarget(ctx, locator, reviewPolicy.setSpecPolicy);
  const { spec } = target;
  if (input.minApprovals !== undefined && input.minApprovals !== null && input.minApprovals < 0) {
    throw ValidationError.field('minApprovals', 'too_small', 'must be 0 or more');
  }
  return ctx.deps.db.transaction().execute(async (trx) => {
    const before = await effectivePolicy(trx, spec.workspaceId, spec.id);
    const merged: Record<string, unknown> = { ...before.override };
    for (const key of POLICY_KEYS) {
      const value = input[key];
      if (value === null) delete merged[key];
      else if (value !== undefined) merged[key] = value;
    }
    await upsert(trx, spec.id, spec.workspaceId, merged, ctx.actor.userId, nowIso(ctx.deps));
    const after = await effectivePolicy(trx, spec.workspaceId, spec.id);
    await recordAudit(trx, ctx, { workspaceId: spec.workspaceId, action: 'review_policy.updated', targetType: 'spec', targetId: spec.id, before: before.override, after: after.override });
    return after;
  });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
