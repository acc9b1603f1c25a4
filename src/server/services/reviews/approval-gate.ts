/**
 * The approval gate: the conditions a version in review must meet to become approved, as a list
 * of independent checks. Each check looks at one thing and returns what is unmet (or null), so
 * the API can say exactly what is missing.
 *
 * Adding a condition: write a GateCheck in its own module and add it to GATE_CHECKS below.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.js';
import { blockingThreadsCheck } from '../comments/blocking-threads-check.js';
import type { SpecMeta } from '../specs/load.js';
import type { ReviewPolicy } from './policy.js';
import type { ReviewerRow } from './target.js';
import type { VersionRow } from './versions.js';

/** What every check gets: the version as it is inside the approving transaction. */
export interface GateInput {
  /** The transaction (or the database, when only reporting). */
  readonly db: Kysely<DB>;
  readonly spec: SpecMeta;
  readonly version: VersionRow;
  readonly policy: ReviewPolicy;
  readonly reviewers: readonly ReviewerRow[];
  /** Reviewers with a current approval: not dismissed, pinned to the current content hash (the approver's included). */
  readonly approverIds: readonly string[];
  /** Who is approving now; null when the gate is only reported. */
  readonly approverId: string | null;
}

/** One unmet condition. */
export interface UnmetCondition {
  /** Stable id of the check, e.g. `min_approvals`. */
  readonly check: string;
  readonly message: string;
  /**
   * true: the approval is refused outright and nothing is recorded (lint errors, self-approval,
   * blocking threads); false: the approval counts and the version waits for more.
   */
  readonly blocking: boolean;
  readonly details?: Readonly<Record<string, unknown>>;
}

export type GateCheck = (input: GateInput) => UnmetCondition | null | Promise<UnmetCondition | null>;

/** The author may not approve their own spec (policy authorCannotApprove). */
export const selfApprovalCheck: GateCheck = ({ policy, spec, approverId }) =>
  policy.authorCannotApprove && approverId !== null && approverId === spec.authorId
    ? { check: 'self_approval', blocking: true, message: 'The author cannot approve their own spec' }
    : null;

/** The completeness gate (policy lintClean): no error-level lint findings. */
export const lintCleanCheck: GateCheck = ({ policy, spec }) =>
  policy.lintClean && spec.lintErrors > 0
    ? { check: 'lint_errors', blocking: true, message: `Lint reports ${spec.lintErrors} error(s); fix them first (GET .../lint lists them)`, details: { errors: spec.lintErrors } }
    : null;

/** At least policy.minApprovals current approvals. */
export const minApprovalsCheck: GateCheck = ({ policy, approverIds }) =>
  approverIds.length < policy.minApprovals
    ? {
        check: 'min_approvals',
        blocking: false,
        message: `${approverIds.length} of ${policy.minApprovals} required approval(s)`,
        details: { required: policy.minApprovals, current: approverIds.length },
      }
    : null;

/** Every `required` reviewer has approved (policy requireAllRequired). */
export const requiredReviewersCheck: GateCheck = ({ policy, reviewers, approverIds }) => {
  if (!policy.requireAllRequired) return null;
  const missing = reviewers.filter((r) => r.role === 'required' && !approverIds.includes(r.userId)).map((r) => r.userId);
  return missing.length === 0
    ? null
    : { check: 'required_reviewers', blocking: false, message: `${missing.length} required reviewer(s) have not approved`, details: { missing } };
};

/** Every check, in the order unmet conditions are listed. */
export const GATE_CHECKS: GateCheck[] = [selfApprovalCheck, lintCleanCheck, blockingThreadsCheck, minApprovalsCheck, requiredReviewersCheck];

/** Runs every check; the unmet conditions in GATE_CHECKS order (empty: the gate is open). */
export async function evaluateGate(input: GateInput, checks: readonly GateCheck[] = GATE_CHECKS): Promise<UnmetCondition[]> {
  const unmet: UnmetCondition[] = [];
  for (const check of checks) {
    const result = await check(input);
    if (result !== null) unmet.push(result);
  }
  return unmet;
}
