import { describe, expect, it } from 'vitest';
import {
  LIFECYCLE_ACTIONS, LIFECYCLE_STATES, LIFECYCLE_TRANSITIONS, STATUS_WORDS, allowedActions, nextState, parseStatusWord,
} from '../../../src/core/lifecycle/index.js';

describe('lifecycle', () => {
  it('has the seven states with their footer words, and every word reads back as its state', () => {
    expect(LIFECYCLE_STATES).toEqual(['draft', 'in_review', 'changes_requested', 'approved', 'rejected', 'withdrawn', 'superseded']);
    expect(Object.values(STATUS_WORDS)).toEqual(['Draft', 'In Review', 'Changes Requested', 'Approved', 'Rejected', 'Withdrawn', 'Superseded']);
    for (const state of LIFECYCLE_STATES) {
      expect(parseStatusWord(STATUS_WORDS[state])).toBe(state);
      expect(parseStatusWord(state)).toBe(state);
      expect(parseStatusWord(` *${STATUS_WORDS[state].toUpperCase()}* `)).toBe(state);
    }
  });

  it('reads the template choice list "Draft | In Review | Approved" as draft, unknown words as null', () => {
    expect(parseStatusWord('Draft | In Review | Approved')).toBe('draft');
    expect(parseStatusWord('Shipped')).toBeNull();
    expect(parseStatusWord('Draft | Shipped')).toBeNull();
    expect(parseStatusWord('')).toBeNull();
  });

  it('exports exactly the allowed transitions as data', () => {
    expect(LIFECYCLE_TRANSITIONS.map((t) => `${t.from} -${t.action}-> ${t.to}${t.newVersion ? ' (new version)' : ''}`)).toEqual([
      'draft -request_review-> in_review',
      'changes_requested -request_review-> in_review',
      'in_review -approve-> approved',
      'in_review -request_changes-> changes_requested',
      'in_review -reject-> rejected',
      'draft -withdraw-> withdrawn',
      'in_review -withdraw-> withdrawn',
      'changes_requested -withdraw-> withdrawn',
      'approved -revise-> draft (new version)',
      'approved -supersede-> superseded',
    ]);
  });

  it('nextState applies every allowed transition and refuses every other (state, action) naming the current state', () => {
    for (const state of LIFECYCLE_STATES) {
      for (const action of LIFECYCLE_ACTIONS) {
        const allowed = LIFECYCLE_TRANSITIONS.find((t) => t.from === state && t.action === action);
        const result = nextState(state, action);
        if (allowed) {
          expect(result).toEqual({ ok: true, state: allowed.to, newVersion: allowed.newVersion });
        } else {
          expect(result).toMatchObject({ ok: false, code: 'invalid_transition', from: state, action });
          if (!result.ok) expect(result.message).toContain(STATUS_WORDS[state]);
        }
      }
    }
    expect(allowedActions('in_review')).toEqual(['approve', 'request_changes', 'reject', 'withdraw']);
    expect(allowedActions('rejected')).toEqual([]);
  });
});
