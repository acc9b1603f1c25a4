// Every lifecycle action × every caller, and every action in every state it is not allowed from.
// The tables are typed Record<LifecycleAction, Record<Caller, ...>>, and checked at run time against
// LIFECYCLE_ACTIONS and LIFECYCLE_TRANSITIONS, so a missing pair fails.
import { beforeAll, describe, expect, it } from 'vitest';
import { LIFECYCLE_ACTIONS, LIFECYCLE_STATES, LIFECYCLE_TRANSITIONS, type LifecycleAction, type LifecycleState } from '../../../src/core/index.js';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient } from '../harness.js';
import type { SignedInUser } from '../harness-server.js';
import { createSpec, expectProblem } from '../specs/helpers.js';
import { act, assign, ok } from './helpers.js';

const CALLERS = ['author', 'reviewer', 'viewer', 'editor', 'admin', 'owner'] as const;
type Caller = (typeof CALLERS)[number];

// author: the editor who wrote the spec; reviewer: a viewer assigned as required reviewer;
// viewer, editor, admin, owner: members with that role and no part in the spec.
const EDITORS: Record<Caller, number> = { author: 200, reviewer: 403, viewer: 403, editor: 200, admin: 200, owner: 200 };
const REVIEWER_ONLY: Record<Caller, number> = { author: 403, reviewer: 200, viewer: 403, editor: 403, admin: 403, owner: 403 };

const EXPECTED: Record<LifecycleAction, Record<Caller, number>> = {
  request_review: EDITORS,
  approve: REVIEWER_ONLY,
  request_changes: REVIEWER_ONLY,
  reject: REVIEWER_ONLY,
  withdraw: { author: 200, reviewer: 403, viewer: 403, editor: 403, admin: 403, owner: 403 },
  revise: EDITORS,
  supersede: EDITORS,
};

/** Who may try the action (for the illegal-state rows). */
const ALLOWED_CALLER: Record<LifecycleAction, Caller> = {
  request_review: 'author',
  approve: 'reviewer',
  request_changes: 'reviewer',
  reject: 'reviewer',
  withdraw: 'author',
  revise: 'author',
  supersede: 'author',
};

describe('transition tables', () => {
  it('name every action and every caller', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...LIFECYCLE_ACTIONS].sort());
    for (const action of LIFECYCLE_ACTIONS) expect(Object.keys(EXPECTED[action]).sort(), action).toEqual([...CALLERS].sort());
    expect(Object.keys(ALLOWED_CALLER).sort()).toEqual([...LIFECYCLE_ACTIONS].sort());
  });
});

describeEachDatabase('reviews: every transition × every role', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let ws: string;
  let users: Record<Exclude<Caller, 'owner'>, SignedInUser>;
  let clients: Record<Caller, ApiClient>;
  let replacement: number;

  beforeAll(async () => {
    const s = server();
    ({ owner, ws } = await ownerSession(s));
    users = {
      author: await s.addMember(owner, ws, 'editor'),
      reviewer: await s.addMember(owner, ws, 'viewer'),
      viewer: await s.addMember(owner, ws, 'viewer'),
      editor: await s.addMember(owner, ws, 'editor'),
      admin: await s.addMember(owner, ws, 'admin'),
    };
    clients = { ...Object.fromEntries(Object.entries(users).map(([k, u]) => [k, u.client])), owner } as Record<Caller, ApiClient>;
    replacement = (await createSpec(owner, ws, { title: 'The replacement' })).number;
  });

  /** A new spec by the author, with the reviewer assigned, brought into `state`. */
  async function specIn(state: LifecycleState): Promise<number> {
    const a = users.author.client;
    const { number } = await createSpec(a, ws, { title: `In ${state}` });
    await assign(a, ws, number, users.reviewer.id, 'required');
    if (state === 'draft') return number;
    if (state === 'withdrawn') {
      await ok(a, ws, number, 'withdraw');
      return number;
    }
    await ok(a, ws, number, 'request_review');
    const r = users.reviewer.client;
    if (state === 'changes_requested') await ok(r, ws, number, 'request_changes');
    if (state === 'rejected') await ok(r, ws, number, 'reject', { summary: 'No' });
    if (state === 'approved' || state === 'superseded') await ok(r, ws, number, 'approve');
    if (state === 'superseded') await ok(a, ws, number, 'supersede', { by: String(replacement) });
    return number;
  }

  for (const legal of LIFECYCLE_TRANSITIONS) {
    const { action, from, to } = legal;
    it(`${from} --${action}--> ${to}: each caller gets what the workflow allows`, async () => {
      const actual: Record<string, number> = {};
      for (const caller of CALLERS) {
        const number = await specIn(from);
        const res = await act(clients[caller], ws, number, action, action === 'supersede' ? { by: String(replacement) } : {});
        actual[caller] = res.status;
        if (res.status === 200) expect(res.body.transition, `${action} by ${caller}`).toMatchObject({ action, from, to });
        else expect(res.body, `${action} by ${caller}`).toMatchObject({ code: 'forbidden' });
      }
      expect(actual).toEqual(EXPECTED[action]);
    });
  }

  it('every action from every state it is not allowed in: 409 with a code naming the state', async () => {
    const specs = new Map<LifecycleState, number>();
    for (const state of LIFECYCLE_STATES) specs.set(state, await specIn(state));
    let checked = 0;
    for (const state of LIFECYCLE_STATES) {
      for (const action of LIFECYCLE_ACTIONS) {
        if (LIFECYCLE_TRANSITIONS.some((t) => t.from === state && t.action === action)) continue;
        const res = await act(clients[ALLOWED_CALLER[action]], ws, specs.get(state) ?? 0, action, action === 'supersede' ? { by: String(replacement) } : {});
        const problem = expectProblem(res, 409, `invalid_transition_from_${state}`);
        expect(problem).toMatchObject({ state, action });
        checked++;
      }
    }
    expect(checked).toBe(LIFECYCLE_STATES.length * LIFECYCLE_ACTIONS.length - LIFECYCLE_TRANSITIONS.length);
  });
});
