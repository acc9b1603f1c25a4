import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../../src/server/db/index.js';
import { evaluateGate, GATE_CHECKS, type GateCheck, type GateInput } from '../../../src/server/services/reviews/approval-gate.js';
import { DEFAULT_SETTINGS } from '../../../src/server/services/reviews/policy.js';
import type { ReviewerRow } from '../../../src/server/services/reviews/target.js';
import type { VersionRow } from '../../../src/server/services/reviews/versions.js';
import type { SpecMeta } from '../../../src/server/services/specs/load.js';

const reviewer = (userId: string, role: 'required' | 'optional'): ReviewerRow => ({
  id: `r-${userId}`, versionId: 'v1', specId: 's1', userId, role, dueAt: null, assignedBy: 'author', assignedAt: '2025-01-01T00:00:00.000Z', remindedAt: null,
});

function input(overrides: Partial<GateInput> = {}): GateInput {
  return {
    // Checks that query (blocking threads) are off below; the service passes its transaction.
    db: {} as Kysely<DB>,
    spec: { id: 's1', authorId: 'author', lintErrors: 0 } as SpecMeta,
    version: { id: 'v1', status: 'in_review' } as VersionRow,
    policy: { ...DEFAULT_SETTINGS, noBlockingThreads: false },
    reviewers: [reviewer('ann', 'required'), reviewer('bob', 'optional')],
    approverIds: [],
    approverId: null,
    ...overrides,
  };
}

describe('approval gate', () => {
  it('is open when every condition holds', async () => {
    expect(await evaluateGate(input({ approverIds: ['ann'], approverId: 'ann' }))).toEqual([]);
  });

  it('lists every unmet condition in check order, blocking ones marked', async () => {
    const unmet = await evaluateGate(
      input({ spec: { id: 's1', authorId: 'bob', lintErrors: 3 } as SpecMeta, policy: { ...DEFAULT_SETTINGS, noBlockingThreads: false, lintClean: true, minApprovals: 2 }, approverIds: ['bob'], approverId: 'bob' }),
    );
    expect(unmet.map((u) => [u.check, u.blocking])).toEqual([
      ['self_approval', true],
      ['lint_errors', true],
      ['min_approvals', false],
      ['required_reviewers', false],
    ]);
    expect(unmet[2]?.details).toEqual({ required: 2, current: 1 });
    expect(unmet[3]?.details).toEqual({ missing: ['ann'] });
  });

  it('honours the policy switches', async () => {
    const relaxed = { ...DEFAULT_SETTINGS, noBlockingThreads: false, authorCannotApprove: false, requireAllRequired: false, minApprovals: 1 };
    expect(await evaluateGate(input({ spec: { id: 's1', authorId: 'bob', lintErrors: 3 } as SpecMeta, policy: relaxed, approverIds: ['bob'], approverId: 'bob' }))).toEqual([]);
  });

  it('takes more checks as a list (the comments module adds blocking threads this way)', async () => {
    const extra: GateCheck = () => ({ check: 'custom', blocking: true, message: 'custom condition' });
    const unmet = await evaluateGate(input({ approverIds: ['ann'] }), [...GATE_CHECKS, extra]);
    expect(unmet.map((u) => u.check)).toContain('custom');
  });
});
