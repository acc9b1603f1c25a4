// The review workflow: lifecycle transitions, versions, reviewers, approval policy and gate,
// footer truth, overdue reminders and review metrics. See docs/reviews.md.
export { approveSpec, rejectSpec, requestChanges, type VerdictInput } from './verdicts.js';
export { requestReview, reviseSpec, supersedeSpec, withdrawSpec } from './lifecycle.js';
export { assignReviewer, getReview, removeReviewer, type AssignReviewerInput } from './reviewers.js';
export { getSpecReviewPolicy, getWorkspaceReviewSettings, setSpecReviewPolicy, setWorkspaceReviewSettings, type EffectivePolicy, type PolicyOverride, type ReviewPolicy, type WorkspaceReviewSettings } from './policy.js';
export { GATE_CHECKS, evaluateGate, type GateCheck, type GateInput, type UnmetCondition } from './approval-gate.js';
export { getVersion, listVersions, type VersionDetail, type VersionSummary } from './version-reads.js';
export { reviewMetrics, type ReviewMetrics } from './metrics.js';
export { listOverdueReviews, type OverdueReview } from './overdue-list.js';
export { sendOverdueReminders, startReminderTimer } from './reminders.js';
export type { ReviewView } from './view.js';
export { reviewersOfSpecs, type ReviewerListEntry } from './reviewer-lists.js';
