// A spec's life through GraphQL only: create, edit, review, discuss, delete and restore.
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, useTestServer, type ApiClient } from '../harness.js';
import { codesOf, gql, gqlData } from './helpers.js';

interface SpecView {
  number: number;
  revision: number;
  etag: string;
  title: string;
  labels: string[];
  markdown: string;
  status: string;
}

const SPEC_FIELDS = 'number revision etag title labels markdown status';

describeEachDatabase('graphql: mutations', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let reviewer: ApiClient;
  let reviewerId: string;
  let spec: SpecView;
  const vars = () => ({ spec: String(spec.number) });

  beforeAll(async () => {
    owner = (await server().setupOwner({ workspaceKey: 'MU' })).client;
    const member = await server().addMember(owner, 'MU', 'editor');
    reviewer = member.client;
    reviewerId = member.id;
  });

  it('creates, retitles, replaces and edits a spec, each write a new revision guarded by its etag', async () => {
    spec = (await gqlData<{ createSpec: SpecView }>(owner, `mutation { createSpec(workspace: "MU", title: "Queue", labels: ["infra"]) { ${SPEC_FIELDS} } }`)).createSpec;
    expect(spec).toMatchObject({ revision: 1, title: 'Queue', labels: ['infra'], status: 'draft' });
    const updated = await gqlData<{ updateSpec: SpecView }>(owner, `mutation U($spec: String!, $etag: String) { updateSpec(workspace: "MU", spec: $spec, title: "Job queue", ifMatch: $etag) { ${SPEC_FIELDS} } }`, { ...vars(), etag: spec.etag });
    expect(updated.updateSpec).toMatchObject({ revision: 2, title: 'Job queue' });
    const stale = await gql(owner, `mutation C($spec: String!, $etag: String) { replaceSpecContent(workspace: "MU", spec: $spec, markdown: "# Job queue\\n", ifMatch: $etag) { revision } }`, { ...vars(), etag: spec.etag });
    expect(codesOf(stale)).toEqual(['etag_mismatch']);
    const missing = await gql(owner, `mutation C($spec: String!) { replaceSpecContent(workspace: "MU", spec: $spec, markdown: "# Job queue\\n") { revision } }`, vars());
    expect(codesOf(missing)).toEqual(['precondition_required']);
    const markdown = updated.updateSpec.markdown.replace('Job queue', 'Job queue v2');
    const replaced = await gqlData<{ replaceSpecContent: SpecView }>(owner, `mutation C($spec: String!, $md: String!, $etag: String) { replaceSpecContent(workspace: "MU", spec: $spec, markdown: $md, summary: "v2", ifMatch: $etag) { ${SPEC_FIELDS} } }`, { ...vars(), md: markdown, etag: updated.updateSpec.etag });
    expect(replaced.replaceSpecContent).toMatchObject({ revision: 3, markdown });
    const edited = await gqlData<{ editSpec: SpecView & { sections: { path: string }[] } }>(
      owner,
      `mutation E($spec: String!, $edit: JSON!, $etag: String) { editSpec(workspace: "MU", spec: $spec, edit: $edit, ifMatch: $etag) { ${SPEC_FIELDS} } }`,
      { ...vars(), edit: { op: 'setSectionBody', path: 'overview/purpose', markdown: 'Run jobs later.' }, etag: replaced.replaceSpecContent.etag },
    );
    expect(edited.editSpec.revision).toBe(4);
    expect(edited.editSpec.markdown).toContain('Run jobs later.');
    const badEdit = await gql(owner, `mutation E($spec: String!, $edit: JSON!) { editSpec(workspace: "MU", spec: $spec, edit: $edit) { revision } }`, { ...vars(), edit: { op: 'explode' } });
    expect(codesOf(badEdit)).toEqual(['validation_failed']);
    const restored = await gqlData<{ restoreRevision: SpecView }>(owner, `mutation R($spec: String!) { restoreRevision(workspace: "MU", spec: $spec, number: 1) { ${SPEC_FIELDS} } }`, vars());
    expect(restored.restoreRevision).toMatchObject({ revision: 5, title: 'Queue' });
    spec = restored.restoreRevision;
    const history = await gqlData<{ spec: { revisions: { items: { number: number }[] } } }>(owner, `query H($spec: String!) { spec(workspace: "MU", ref: $spec) { revisions } }`, vars());
    expect(history.spec.revisions.items.map((r) => r.number)).toEqual([5, 4, 3, 2, 1]);
  });

  it('discusses: threads, replies, suggestions accepted and dismissed, resolve and reopen', async () => {
    const thread = await gqlData<{ createThread: { id: string; kind: string; comments: { id: string }[] } }>(
      reviewer,
      `mutation T($spec: String!) { createThread(workspace: "MU", spec: $spec, sectionPath: "overview", body: "Clearer?", blocking: true) { id kind comments { id } } }`,
      vars(),
    );
    const t = { ...vars(), thread: thread.createThread.id };
    const replied = await gqlData<{ replyToThread: { comments: { body: string }[] } }>(owner, 'mutation R($spec: String!, $thread: ID!) { replyToThread(workspace: "MU", spec: $spec, thread: $thread, body: "Yes") { comments { body } } }', t);
    expect(replied.replyToThread.comments.map((c) => c.body)).toEqual(['Clearer?', 'Yes']);
    const commentId = thread.createThread.comments[0]?.id ?? '';
    const edited = await gqlData<{ editComment: { comments: { body: string }[] } }>(reviewer, 'mutation E($spec: String!, $thread: ID!, $c: ID!) { editComment(workspace: "MU", spec: $spec, thread: $thread, comment: $c, body: "Clearer, please?") { comments { body } } }', { ...t, c: commentId });
    expect(edited.editComment.comments[0]?.body).toBe('Clearer, please?');
    await gqlData(owner, 'mutation B($spec: String!, $thread: ID!) { setThreadBlocking(workspace: "MU", spec: $spec, thread: $thread, blocking: false) { blocking } }', t);
    expect((await gqlData<{ resolveThread: { resolved: boolean } }>(owner, 'mutation R($spec: String!, $thread: ID!) { resolveThread(workspace: "MU", spec: $spec, thread: $thread) { resolved } }', t)).resolveThread.resolved).toBe(true);
    expect((await gqlData<{ reopenThread: { resolved: boolean } }>(owner, 'mutation R($spec: String!, $thread: ID!) { reopenThread(workspace: "MU", spec: $spec, thread: $thread) { resolved } }', t)).reopenThread.resolved).toBe(false);
    expect((await gqlData<{ deleteComment: boolean }>(reviewer, 'mutation D($spec: String!, $thread: ID!, $c: ID!) { deleteComment(workspace: "MU", spec: $spec, thread: $thread, comment: $c) }', { ...t, c: commentId })).deleteComment).toBe(true);

    const suggest = `mutation S($spec: String!, $s: String!) { createThread(workspace: "MU", spec: $spec, sectionPath: "overview", quote: "Overview", body: "Rename", suggestion: $s) { id kind } }`;
    const accepted = (await gqlData<{ createThread: { id: string; kind: string } }>(reviewer, suggest, { ...vars(), s: 'Summary' })).createThread;
    expect(accepted.kind).toBe('suggestion');
    const dismissed = (await gqlData<{ createThread: { id: string } }>(reviewer, suggest, { ...vars(), s: 'Abstract' })).createThread;
    const gone = await gqlData<{ dismissSuggestion: { suggestion: { state: string } } }>(owner, 'mutation D($spec: String!, $thread: ID!) { dismissSuggestion(workspace: "MU", spec: $spec, thread: $thread) { suggestion { state } } }', { ...vars(), thread: dismissed.id });
    expect(gone.dismissSuggestion.suggestion.state).toBe('dismissed');
    const applied = await gqlData<{ acceptSuggestion: { revision: number; etag: string; thread: { suggestion: { state: string } } } }>(owner, 'mutation A($spec: String!, $thread: ID!) { acceptSuggestion(workspace: "MU", spec: $spec, thread: $thread) { revision etag thread { suggestion { state } } } }', { ...vars(), thread: accepted.id });
    expect(applied.acceptSuggestion).toMatchObject({ revision: spec.revision + 1, thread: { suggestion: { state: 'accepted' } } });
    const threads = await gqlData<{ spec: { threads: { items: { id: string }[] } } }>(owner, 'query Q($spec: String!) { spec(workspace: "MU", ref: $spec) { threads(state: "open") { items { id } } } }', vars());
    expect(threads.spec.threads.items.map((i) => i.id)).toContain(thread.createThread.id);
  });

  it('runs the review workflow: reviewers, request, approve; the reviewer is notified and marks it read', async () => {
    const assigned = await gqlData<{ assignReviewer: { reviewers: { user: { id: string } }[] } }>(owner, 'mutation A($spec: String!, $u: ID!) { assignReviewer(workspace: "MU", spec: $spec, userId: $u, role: "required") }', { ...vars(), u: reviewerId });
    expect(assigned.assignReviewer.reviewers.map((r) => r.user.id)).toEqual([reviewerId]);
    const requested = await gqlData<{ requestReview: { spec: { status: string } } }>(owner, 'mutation R($spec: String!) { requestReview(workspace: "MU", spec: $spec) }', vars());
    expect(requested.requestReview.spec.status).toBe('in_review');
    const inbox = await gqlData<{ notifications: { items: { id: string; kind: string }[]; unreadCount: number } }>(reviewer, '{ notifications(unread: true) { items { id kind } unreadCount } }');
    const request = inbox.notifications.items.find((n) => n.kind === 'review_requested');
    expect(request).toBeDefined();
    expect((await gqlData<{ markNotificationRead: boolean }>(reviewer, 'mutation M($id: ID!) { markNotificationRead(id: $id) }', { id: request?.id })).markNotificationRead).toBe(true);
    const after = await gqlData<{ notifications: { unreadCount: number } }>(reviewer, '{ notifications { unreadCount } }');
    expect(after.notifications.unreadCount).toBe(inbox.notifications.unreadCount - 1);
    await gqlData(reviewer, 'mutation { markAllNotificationsRead }');
    const approved = await gqlData<{ approveSpec: { spec: { status: string } } }>(reviewer, 'mutation A($spec: String!) { approveSpec(workspace: "MU", spec: $spec, summary: "Good") }', vars());
    expect(approved.approveSpec.spec.status).toBe('approved');
    // Approved content is locked, through GraphQL as through REST.
    const current = await gqlData<{ spec: SpecView }>(owner, `query Q($spec: String!) { spec(workspace: "MU", ref: $spec) { ${SPEC_FIELDS} } }`, vars());
    const locked = await gql(owner, 'mutation C($spec: String!, $etag: String) { replaceSpecContent(workspace: "MU", spec: $spec, markdown: "# x\\n", ifMatch: $etag) { revision } }', { ...vars(), etag: current.spec.etag });
    expect(codesOf(locked)).toEqual(['spec_locked']);
    const revised = await gqlData<{ reviseSpec: { spec: { status: string } } }>(owner, 'mutation R($spec: String!) { reviseSpec(workspace: "MU", spec: $spec) }', vars());
    expect(revised.reviseSpec.spec.status).toBe('draft');
    const versions = await gqlData<{ spec: { versions: { items: unknown[] }; reviewers: unknown[] } }>(owner, 'query V($spec: String!) { spec(workspace: "MU", ref: $spec) { versions reviewers { role } } }', vars());
    expect(versions.spec.versions.items).toHaveLength(2);
  });

  it('deletes and restores a spec', async () => {
    expect((await gqlData<{ deleteSpec: boolean }>(owner, 'mutation D($spec: String!) { deleteSpec(workspace: "MU", spec: $spec) }', vars())).deleteSpec).toBe(true);
    expect(codesOf(await gql(owner, 'query Q($spec: String!) { spec(workspace: "MU", ref: $spec) { key } }', vars()))).toEqual(['not_found']);
    const deleted = await gqlData<{ specs: { items: { number: number }[] } }>(owner, '{ specs(workspace: "MU", deleted: true) { items { number } } }');
    expect(deleted.specs.items.map((s) => s.number)).toEqual([spec.number]);
    const restored = await gqlData<{ restoreSpec: { deletedAt: string | null } }>(owner, 'mutation R($spec: String!) { restoreSpec(workspace: "MU", spec: $spec) { deletedAt } }', vars());
    expect(restored.restoreSpec.deletedAt).toBeNull();
  });

  it('serves GraphiQL outside production', async () => {
    const page = await server().anonymous().get('/graphiql');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/html/);
    expect(page.headers.get('content-security-policy')).toContain('https://unpkg.com');
  });
});
