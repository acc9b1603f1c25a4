/**
 * Allowed lifecycle transitions as data (for the server's review workflow, the CLI and docs), and
 * a pure `nextState` that applies one.
 */
import { STATUS_WORDS, type LifecycleState } from './states.js';

export const LIFECYCLE_ACTIONS = [
  'request_review', 'approve', 'request_changes', 'reject', 'withdraw', 'revise', 'supersede',
] as const;

export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

export interface LifecycleTransition {
  readonly from: LifecycleState;
  readonly action: LifecycleAction;
  readonly to: LifecycleState;
  /** True when the transition starts a new version (revise: the approved version stays approved). */
  readonly newVersion: boolean;
}

const t = (from: LifecycleState, action: LifecycleAction, to: LifecycleState, newVersion = false): LifecycleTransition =>
  ({ from, action, to, newVersion });

/** Every allowed (from, action, to); anything else is refused. */
export const LIFECYCLE_TRANSITIONS: readonly LifecycleTransition[] = [
  t('draft', 'request_review', 'in_review'),
  t('changes_requested', 'request_review', 'in_review'),
  t('in_review', 'approve', 'approved'),
  t('in_review', 'request_changes', 'changes_requested'),
  t('in_review', 'reject', 'rejected'),
  t('draft', 'withdraw', 'withdrawn'),
  t('in_review', 'withdraw', 'withdrawn'),
  t('changes_requested', 'withdraw', 'withdrawn'),
  t('approved', 'revise', 'draft', true),
  t('approved', 'supersede', 'superseded'),
];

export type NextStateResult =
  | { readonly ok: true; readonly state: LifecycleState; readonly newVersion: boolean }
  | { readonly ok: false; readonly code: 'invalid_transition'; readonly from: LifecycleState; readonly action: LifecycleAction; readonly message: string };

/** Applies `action` to `state`: the new state, or an error naming the current state. */
export function nextState(state: LifecycleState, action: LifecycleAction): NextStateResult {
  const found = LIFECYCLE_TRANSITIONS.find((tr) => tr.from === state && tr.action === action);
  if (found) return { ok: true, state: found.to, newVersion: found.newVersion };
  const allowed = LIFECYCLE_TRANSITIONS.filter((tr) => tr.from === state).map((tr) => tr.action);
  return {
    ok: false,
    code: 'invalid_transition',
    from: state,
    action,
    message: `cannot ${action.replace(/_/g, ' ')} a document that is ${STATUS_WORDS[state]} (${state}); ` +
      (allowed.length > 0 ? `allowed: ${allowed.join(', ')}` : 'no action is allowed from this state'),
  };
}

/** Actions allowed from a state. */
export function allowedActions(state: LifecycleState): LifecycleAction[] {
  return LIFECYCLE_TRANSITIONS.filter((tr) => tr.from === state).map((tr) => tr.action);
}
