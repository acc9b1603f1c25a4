import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient } from '../harness.js';
import type { SignedInUser } from '../harness-server.js';
import { createSpec, expectProblem, getMarkdown, getSpec, postEdit, putContent, specsPath, type SpecBody } from '../specs/helpers.js';
import { act, assign, ok, review, type UnmetBody } from './helpers.js';

interface AuditItem {
  action: string;
  targetId: string;
  after: Record<string, unknown> | null;
}

describeEachDatabase('reviews: approvals, gate and footer', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let ws: string;
  let author: SignedInUser;
  let r1: SignedInUser;
  let r2: SignedInUser;
  let r3: SignedInUser;

  beforeAll(async () => {
    const s = server();
    ({ owner, ws } = await ownerSession(s));
    author = await s.addMember(owner, ws, 'editor');
    r1 = await s.addMember(owner, ws, 'viewer');
    r2 = await s.addMember(owner, ws, 'editor');
    r3 = await s.addMember(owner, ws, 'viewer');
  });

  async function inReview(reviewers: [SignedInUser, 'required' | 'optional'][], policy: Record<string, unknown> = {}): Promise<SpecBody> {
    const spec = await createSpec(author.client, ws, { title: 'Gate' });
    for (const [user, role] of reviewers) await assign(author.client, ws, spec.number, user.id, role);
    if (Object.keys(policy).length > 0) {
      const res = await owner.patch(specsPath(ws, spec.number, 'review-policy'), policy);
      expect(res.status, res.text).toBe(200);
    }
    await ok(author.client, ws, spec.number, 'request_review');
    return spec;
  }

  const edit = async (spec: number, markdown: string) => {
    const current = (await getSpec(author.client, ws, spec)).body;
    const res = await postEdit(author.client, ws, spec, { op: 'setSectionBody', path: 'overview/purpose', markdown }, current.etag);
    expect(res.status, res.text).toBe(200);
  };

  it('an approval goes stale when the content changes after it; the spec stays in review until approved again', async () => {
    const spec = await inReview([[r1, 'required'], [r2, 'required']]);
    const first = await ok(r1.client, ws, spec.number, 'approve');
    expect(first.transition).toBeNull();
    expect(first.approvers).toEqual([r1.id]);
    expect(first.unmet.map((u) => u.check)).toEqual(['required_reviewers']);

    await edit(spec.number, 'A new purpose.\n');
    const after = await review(author.client, ws, spec.number);
    expect(after.version.status).toBe('in_review');
    expect(after.approvers).toEqual([]);
    expect(after.verdicts).toHaveLength(1);
    expect(after.verdicts[0]).toMatchObject({ verdict: 'approved', current: false });
    expect(after.verdicts[0]?.dismissedAt).not.toBeNull();
    expect(after.verdicts[0]?.contentHash).not.toBe(after.contentHash);

    expect((await ok(r2.client, ws, spec.number, 'approve')).version.status).toBe('in_review');
    const done = await ok(r1.client, ws, spec.number, 'approve');
    expect(done.version.status).toBe('approved');
    expect([...done.approvers].sort()).toEqual([r1.id, r2.id].sort());
  });

  it('a footer sync does not dismiss approvals, and hand edits of managed fields are replaced (the response says so)', async () => {
    const spec = await inReview([[r1, 'required'], [r2, 'required']]);
    await ok(r1.client, ws, spec.number, 'approve');
    const before = (await getSpec(author.client, ws, spec.number)).body;

    // Assigning a reviewer rewrites the Reviewers footer field as a server revision.
    await assign(author.client, ws, spec.number, r3.id, 'optional');
    const synced = (await getSpec(author.client, ws, spec.number)).body;
    expect(synced.revision).toBe(before.revision + 1);
    expect(synced.markdown).toContain(`**Reviewers**: ${r1.name}, ${r2.name}, ${r3.name}`);

    // A hand edit of the status (and of the reviewers) is put back; the approval pins the rest, so it stays.
    const forged = synced.markdown.replace('**Document Status**: In Review', '**Document Status**: Approved').replace(`**Reviewers**: ${r1.name}`, '**Reviewers**: Nobody');
    const res = await putContent(author.client, ws, spec.number, forged, synced.etag);
    expect(res.status, res.text).toBe(200);
    const replaced = (res.body as SpecBody & { footerReplaced?: { field: string; submitted: string; value: string }[] }).footerReplaced;
    expect(replaced).toEqual([
      { field: 'status', submitted: 'Approved', value: 'In Review' },
      { field: 'reviewers', submitted: `Nobody, ${r2.name}, ${r3.name}`, value: `${r1.name}, ${r2.name}, ${r3.name}` },
    ]);
    const md = await getMarkdown(author.client, ws, spec.number);
    expect(md).toContain('**Document Status**: In Review');
    expect(md).toContain(`**Reviewers**: ${r1.name}, ${r2.name}, ${r3.name}`);

    const state = await review(author.client, ws, spec.number);
    expect(state.approvers).toEqual([r1.id]);
    expect(state.verdicts[0]).toMatchObject({ current: true, dismissedAt: null });
    expect((await ok(r2.client, ws, spec.number, 'approve')).version.status).toBe('approved');
  });

  it('self-approval is refused with the list of what is missing; a spec override can allow it', async () => {
    const spec = await inReview([[author, 'required']]);
    const refused = expectProblem(await act(author.client, ws, spec.number, 'approve'), 422, 'approval_blocked');
    const unmet = refused.unmet as UnmetBody[];
    expect(unmet.map((u) => [u.check, u.blocking])).toEqual([['self_approval', true]]);
    expect((await review(author.client, ws, spec.number)).verdicts).toEqual([]);

    const res = await owner.patch(specsPath(ws, spec.number, 'review-policy'), { authorCannotApprove: false });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ override: { authorCannotApprove: false }, effective: { authorCannotApprove: false, minApprovals: 1 } });
    expect((await ok(author.client, ws, spec.number, 'approve')).version.status).toBe('approved');
  });

  it('the lint gate blocks approval with a clear list of what is missing', async () => {
    const spec = await inReview([[r1, 'required'], [r2, 'required']], { lintClean: true, minApprovals: 2 });
    const errors = (await getSpec(r1.client, ws, spec.number)).body.lint.errors;
    expect(errors).toBeGreaterThan(0);
    const state = await review(r1.client, ws, spec.number);
    expect(state.unmet.map((u) => u.check)).toEqual(['lint_errors', 'min_approvals', 'required_reviewers']);
    expect(state.unmet[0]).toMatchObject({ blocking: true, details: { errors } });
    expect(state.unmet[1]).toMatchObject({ blocking: false, details: { required: 2, current: 0 } });
    expect(state.unmet[2]?.details).toEqual({ missing: [r1.id, r2.id] });

    const refused = expectProblem(await act(r1.client, ws, spec.number, 'approve'), 422, 'approval_blocked');
    expect((refused.unmet as UnmetBody[]).map((u) => u.check)).toEqual(['lint_errors', 'min_approvals', 'required_reviewers']);
    expect(refused.detail).toMatch(/Lint reports \d+ error/);
    expect((await review(r1.client, ws, spec.number)).verdicts).toEqual([]);
  });

  it('two reviewers approving at once: both recorded, one transition', async () => {
    for (const [role, policy] of [['optional', { minApprovals: 1 }], ['required', { minApprovals: 2 }]] as const) {
      const spec = await inReview([[r1, role], [r2, role]], policy);
      const [a, b] = await Promise.all([act(r1.client, ws, spec.number, 'approve'), act(r2.client, ws, spec.number, 'approve')]);
      expect([a.status, b.status], `${a.text} ${b.text}`).toEqual([200, 200]);
      expect([a.body.transition, b.body.transition].filter((t) => t !== null && t !== undefined)).toHaveLength(1);
      const state = await review(author.client, ws, spec.number);
      expect(state.version.status).toBe('approved');
      expect(state.verdicts.map((v) => [v.verdict, v.current])).toEqual([['approved', true], ['approved', true]]);
      expect([...state.approvers].sort()).toEqual([r1.id, r2.id].sort());
      const audit = await owner.get<{ items: AuditItem[] }>(`/api/v1/workspaces/${ws}/audit-events?limit=200`);
      expect(audit.body.items.filter((e) => e.targetId === spec.id && e.action === 'spec.approve')).toHaveLength(1);
      expect(audit.body.items.filter((e) => e.targetId === spec.id && e.action === 'review.approved')).toHaveLength(2);
    }
  });

  it('supersede links both specs', async () => {
    const spec = await inReview([[r1, 'required']]);
    await ok(r1.client, ws, spec.number, 'approve');
    const next = await createSpec(author.client, ws, { title: 'Successor' });
    const superseded = await ok(author.client, ws, spec.number, 'supersede', { by: next.key });
    expect(superseded.version).toMatchObject({ status: 'superseded', supersededBy: next.key });
    expect(superseded.locked).toBe(true);
    expect((await review(author.client, ws, next.number)).supersedes).toEqual([spec.key]);
    expectProblem(await act(author.client, ws, next.number, 'supersede', { by: spec.key }), 409, 'invalid_transition_from_draft');
    expectProblem(await act(author.client, ws, spec.number, 'supersede', { by: spec.key }), 422, 'invalid_supersede');
  });

  it('signed approval: the password again, and the audit records who, when, which content and what it means', async () => {
    const settings = await owner.patch<{ signedApproval: boolean; signatureMeaning: string }>(`/api/v1/workspaces/${ws}/review-policy`, { signedApproval: true });
    expect(settings.status, settings.text).toBe(200);
    try {
      const spec = await inReview([[r1, 'required']]);
      expectProblem(await act(r1.client, ws, spec.number, 'approve'), 400, 'signature_required');
      expectProblem(await act(r1.client, ws, spec.number, 'approve', { password: 'not my password' }), 400, 'wrong_password');
      const signed = await ok(r1.client, ws, spec.number, 'approve', { password: r1.password });
      expect(signed.version.status).toBe('approved');
      expect(signed.verdicts[0]?.signature).toEqual({ signedAt: expect.any(String) as unknown, meaning: settings.body.signatureMeaning });
      const audit = await owner.get<{ items: AuditItem[] }>(`/api/v1/workspaces/${ws}/audit-events?limit=50`);
      const event = audit.body.items.find((e) => e.targetId === spec.id && e.action === 'review.approved');
      expect(event?.after).toMatchObject({ signature: { signedBy: r1.id, contentHash: signed.contentHash, meaning: settings.body.signatureMeaning } });
    } finally {
      await owner.patch(`/api/v1/workspaces/${ws}/review-policy`, { signedApproval: false });
    }
  });
});
