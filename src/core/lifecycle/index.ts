export {
  LIFECYCLE_STATES, STATUS_WORDS, isLifecycleState, parseStatusWord, type LifecycleState,
} from './states.js';
export {
  LIFECYCLE_ACTIONS, LIFECYCLE_TRANSITIONS, allowedActions, nextState,
  type LifecycleAction, type LifecycleTransition, type NextStateResult,
} from './transitions.js';
export { approvalHash, approvalText } from './approval-hash.js';
