import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient } from '../harness.js';
import type { SignedInUser } from '../harness-server.js';
import { createSpec, expectProblem, getMarkdown, getSpec, postEdit, specsPath } from '../specs/helpers.js';
import { assign, ok, review, type ReviewBody } from './helpers.js';

interface AuditItem {
  action: string;
  targetId: string;
  before: { status?: string; version?: number } | null;
  after: { status?: string; version?: number } | null;
}

describeEachDatabase('reviews: lifecycle journey', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let ws: string;
  let author: SignedInUser;
  let viewer: SignedInUser;
  let admin: SignedInUser;

  beforeAll(async () => {
    const s = server();
    ({ owner, ws } = await ownerSession(s));
    author = await s.addMember(owner, ws, 'editor');
    viewer = await s.addMember(owner, ws, 'viewer');
    admin = await s.addMember(owner, ws, 'admin');
  });

  it('draft → review → changes requested → edit → review → approved → locked → revise → approved v2', async () => {
    const a = author.client;
    const spec = await createSpec(a, ws, { title: 'Journey' });
    expect(spec.status).toBe('draft');
    await assign(a, ws, spec.number, viewer.id, 'required');
    await assign(a, ws, spec.number, admin.id, 'optional');

    const requested = await ok(a, ws, spec.number, 'request_review');
    expect(requested.transition).toMatchObject({ action: 'request_review', from: 'draft', to: 'in_review', version: 1 });
    expect(requested.version.status).toBe('in_review');
    let md = await getMarkdown(a, ws, spec.number);
    expect(md).toContain('**Document Status**: In Review');
    expect(md).toContain(`**Reviewers**: ${viewer.name}, ${admin.name}`);

    const changes = await ok(viewer.client, ws, spec.number, 'request_changes', { summary: 'Fill in the purpose' });
    expect(changes.transition).toMatchObject({ from: 'in_review', to: 'changes_requested' });
    expect(changes.verdicts.map((v) => [v.reviewer.id, v.verdict])).toEqual([[viewer.id, 'changes_requested']]);

    const current = (await getSpec(a, ws, spec.number)).body;
    const edited = await postEdit(a, ws, spec.number, { op: 'setSectionBody', path: 'overview/purpose', markdown: 'Why we do it.\n' }, current.etag);
    expect(edited.status, edited.text).toBe(200);
    expect((await review(a, ws, spec.number)).version.status).toBe('changes_requested');

    await ok(a, ws, spec.number, 'request_review');
    const approved = await ok(viewer.client, ws, spec.number, 'approve', { summary: 'Ship it' });
    expect(approved.transition).toMatchObject({ action: 'approve', from: 'in_review', to: 'approved', version: 1 });
    expect(approved.version).toMatchObject({ status: 'approved', decisionSummary: 'Ship it' });
    expect(approved.version.approvedHash).toBe(approved.contentHash);
    expect(approved.version.timeToDecisionMs).toBeGreaterThanOrEqual(0);
    expect(approved.locked).toBe(true);
    expect(approved.approvers).toEqual([viewer.id]);
    md = await getMarkdown(a, ws, spec.number);
    const today = new Date().toISOString().slice(0, 10);
    expect(md).toContain('**Document Status**: Approved');
    expect(md).toContain(`**Approval Date**: ${today}`);

    // Locked: content changes answer 423 until someone revises.
    const locked = (await getSpec(a, ws, spec.number)).body;
    expect(locked.status).toBe('approved');
    expectProblem(await postEdit(a, ws, spec.number, { op: 'setSectionBody', path: 'overview/purpose', markdown: 'Late change.\n' }, locked.etag), 423, 'spec_locked');
    const v1Markdown = locked.markdown;

    const revised = await ok(a, ws, spec.number, 'revise');
    expect(revised.transition).toMatchObject({ action: 'revise', from: 'approved', to: 'draft', version: 2 });
    expect(revised.version).toMatchObject({ number: 2, status: 'draft', decidedAt: null });
    expect(revised.reviewers.map((r) => [r.user.id, r.role])).toEqual([[viewer.id, 'required'], [admin.id, 'optional']]);
    expect(revised.verdicts).toEqual([]);
    md = await getMarkdown(a, ws, spec.number);
    expect(md).toContain('**Document Status**: Draft');
    expect(md).toMatch(/\*\*Approval Date\*\*: *(\r?\n|$)/);

    // Version 1 stays readable and approved.
    const v1 = await a.get<{ number: number; status: string; markdown: string; decisionSummary: string; approvers: string[]; current: boolean }>(specsPath(ws, spec.number, 'versions', 1));
    expect(v1.status, v1.text).toBe(200);
    expect(v1.body).toMatchObject({ number: 1, status: 'approved', decisionSummary: 'Ship it', approvers: [viewer.id], current: false });
    expect(v1.body.markdown).toBe(v1Markdown);

    const draft = (await getSpec(a, ws, spec.number)).body;
    const edit2 = await postEdit(a, ws, spec.number, { op: 'setSectionBody', path: 'overview/scope', markdown: 'Everything.\n' }, draft.etag);
    expect(edit2.status, edit2.text).toBe(200);
    await ok(a, ws, spec.number, 'request_review');
    const approved2 = await ok(viewer.client, ws, spec.number, 'approve');
    expect(approved2.transition).toMatchObject({ to: 'approved', version: 2 });
    expect(approved2.version.decisionSummary).toBe(`Approved by ${viewer.name}`);

    const versions = await a.get<{ items: { number: number; status: string; current: boolean }[] }>(specsPath(ws, spec.number, 'versions'));
    expect(versions.body.items.map((v) => [v.number, v.status, v.current])).toEqual([[1, 'approved', false], [2, 'approved', true]]);

    // Every transition is audited with its before and after state.
    const audit = await owner.get<{ items: AuditItem[] }>(`/api/v1/workspaces/${ws}/audit-events?limit=200`);
    const steps = audit.body.items.filter((e) => e.targetId === spec.id && e.action.startsWith('spec.') && e.action !== 'spec.created').reverse();
    expect(steps.map((e) => [e.action, e.before?.status, e.after?.status, e.after?.version])).toEqual([
      ['spec.request_review', 'draft', 'in_review', 1],
      ['spec.request_changes', 'in_review', 'changes_requested', 1],
      ['spec.request_review', 'changes_requested', 'in_review', 1],
      ['spec.approve', 'in_review', 'approved', 1],
      ['spec.revise', 'approved', 'draft', 2],
      ['spec.request_review', 'draft', 'in_review', 2],
      ['spec.approve', 'in_review', 'approved', 2],
    ]);
  });

  it('rejection needs a reason and records it as the decision', async () => {
    const spec = await createSpec(author.client, ws, { title: 'Rejected one' });
    await assign(author.client, ws, spec.number, viewer.id);
    await ok(author.client, ws, spec.number, 'request_review');
    const noReason = await viewer.client.post(specsPath(ws, spec.number, 'review/reject'), {});
    expectProblem(noReason, 400, 'validation_failed');
    const rejected: ReviewBody = await ok(viewer.client, ws, spec.number, 'reject', { summary: 'Out of scope for this year' });
    expect(rejected.version).toMatchObject({ status: 'rejected', decisionSummary: 'Out of scope for this year' });
  });
});
