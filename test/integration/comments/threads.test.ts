import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient } from '../harness.js';
import type { SignedInUser } from '../harness-server.js';
import { createSpec, expectProblem, getSpec, putContent, type SpecBody } from '../specs/helpers.js';
import { listThreads, openThread, threadAction, threadsPath, type ThreadBody } from './helpers.js';

const BASE = [
  '# Payments',
  '',
  '## Overview',
  'The service charges cards once per order.',
  '',
  '## Limits',
  'Refunds are allowed within 30 days.',
  '',
  '## Risks',
  'None yet.',
  '',
].join('\n');

interface AuditPage {
  items: { action: string; targetId: string; actorId: string }[];
}

describeEachDatabase('comments: threads, anchors, resolve, edit and delete', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let ws: string;
  let editor: SignedInUser;
  let viewer: SignedInUser;
  let other: SignedInUser;

  beforeAll(async () => {
    ({ owner, ws } = await ownerSession(server()));
    editor = await server().addMember(owner, ws, 'editor');
    viewer = await server().addMember(owner, ws, 'viewer');
    other = await server().addMember(owner, ws, 'viewer');
  });

  async function fresh(markdown = BASE): Promise<SpecBody> {
    return createSpec(editor.client, ws, { markdown });
  }

  async function save(spec: SpecBody, markdown: string): Promise<SpecBody> {
    const current = await getSpec(editor.client, ws, spec.number);
    const res = await putContent(editor.client, ws, spec.number, markdown, current.body.etag);
    expect(res.status, res.text).toBe(200);
    return res.body;
  }

  it('a viewer opens a thread on a quote and others reply; the anchor points at the quote', async () => {
    const spec = await fresh();
    const thread = await openThread(viewer.client, ws, spec.number, { sectionPath: 'limits', quote: '30 days', body: 'Why 30?' });
    expect(thread).toMatchObject({ kind: 'comment', outdated: false, resolved: false, blocking: false, author: { id: viewer.id }, anchoredRevision: spec.revision });
    const { current } = thread.anchor;
    expect(BASE.slice(current?.start, current?.end)).toBe('30 days');
    expect(current).toMatchObject({ sectionPath: 'limits', line: 7 });
    const reply = await editor.client.post<ThreadBody>(threadsPath(ws, spec.number, thread.id, 'comments'), { body: 'Card network rules.' });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.body.comments.map((c) => [c.author.id, c.body])).toEqual([
      [viewer.id, 'Why 30?'],
      [editor.id, 'Card network rules.'],
    ]);
    const one = await viewer.client.get<ThreadBody>(threadsPath(ws, spec.number, thread.id));
    expect(one.body.comments).toHaveLength(2);
  });

  it('anchors survive edits elsewhere: offsets follow the text, a renamed section re-anchors by its quote', async () => {
    const spec = await fresh();
    const onQuote = await openThread(viewer.client, ws, spec.number, { sectionPath: 'limits', quote: '30 days', body: 'q' });
    const onSection = await openThread(viewer.client, ws, spec.number, { sectionPath: 'risks', body: 's' });
    const edited = BASE.replace('The service charges cards once per order.', 'The service charges cards once per order.\nIt never stores card numbers.').replace('## Limits', '## Refund limits');
    await save(spec, edited);
    const [q, s] = await listThreads(viewer.client, ws, spec.number);
    expect(q?.id).toBe(onQuote.id);
    expect(q?.outdated).toBe(false);
    expect(q?.anchor.current?.sectionPath).toBe('refund-limits');
    expect(edited.slice(q?.anchor.current?.start, q?.anchor.current?.end)).toBe('30 days');
    expect(q?.anchor.current?.line).toBe(8);
    expect(s?.id).toBe(onSection.id);
    expect(s?.outdated).toBe(false);
  });

  it('an outdated comment after its text changes: flagged outdated and still listed', async () => {
    const spec = await fresh();
    const thread = await openThread(viewer.client, ws, spec.number, { sectionPath: 'limits', quote: 'within 30 days', body: 'Too short?', blocking: true });
    await save(spec, BASE.replace('within 30 days', 'within 60 days'));
    const threads = await listThreads(owner, ws, spec.number);
    expect(threads.map((t) => t.id)).toEqual([thread.id]);
    expect(threads[0]).toMatchObject({ outdated: true, anchor: { sectionPath: 'limits', quote: 'within 30 days', current: null }, blocking: true, resolved: false });
    expect(threads[0]?.comments.map((c) => c.body)).toEqual(['Too short?']);
    // Outdated threads stay in the open filter too, and can still be answered and resolved.
    expect((await listThreads(owner, ws, spec.number, '?state=open')).map((t) => t.id)).toEqual([thread.id]);
    const reply = await editor.client.post<ThreadBody>(threadsPath(ws, spec.number, thread.id, 'comments'), { body: 'Changed to 60.' });
    expect(reply.status).toBe(201);
    expect(reply.body.outdated).toBe(true);
    // A section-level thread is outdated only when its section is gone.
    const whole = await openThread(viewer.client, ws, spec.number, { sectionPath: 'risks', body: 'Add fraud.' });
    await save(spec, BASE.replace('## Risks\nNone yet.\n', ''));
    const after = await listThreads(owner, ws, spec.number);
    expect(after.find((t) => t.id === whole.id)?.outdated).toBe(true);
  });

  it('picks the quote nearest to where it was when it occurs twice', async () => {
    const spec = await fresh(BASE.replace('None yet.', 'None yet. None yet.'));
    const second = 'None yet. None yet.'.lastIndexOf('None yet.');
    const thread = await openThread(viewer.client, ws, spec.number, { sectionPath: 'risks', quote: 'None yet.', near: '## Risks\n'.length + second, body: 'dup' });
    const risks = BASE.indexOf('## Risks');
    expect(thread.anchor.current?.start).toBe(risks + '## Risks\n'.length + second);
  });

  it('refuses an anchor that is not in the current revision (422 anchor_not_found) and bad input (400)', async () => {
    const spec = await fresh();
    const noSection = expectProblem(await viewer.client.post(threadsPath(ws, spec.number), { sectionPath: 'nope', body: 'x' }), 422, 'anchor_not_found');
    expect(noSection.reason).toBe('section_not_found');
    const noQuote = expectProblem(await viewer.client.post(threadsPath(ws, spec.number), { sectionPath: 'limits', quote: 'charges cards', body: 'x' }), 422, 'anchor_not_found');
    expect(noQuote.reason).toBe('quote_not_found');
    expectProblem(await viewer.client.post(threadsPath(ws, spec.number), { sectionPath: 'limits', body: '   ' }), 400, 'validation_failed');
    expectProblem(await viewer.client.post(threadsPath(ws, spec.number), { sectionPath: 'limits', body: 'x', suggestion: 'y' }), 400, 'validation_failed');
  });

  it('resolve and reopen: the thread author, the spec author or an editor; recorded in the audit trail', async () => {
    const spec = await fresh();
    const thread = await openThread(viewer.client, ws, spec.number, { sectionPath: 'overview', body: 'Clarify.' });
    expectProblem(await threadAction(other.client, ws, spec.number, thread.id, 'resolve'), 403, 'forbidden');
    const resolved = await threadAction(viewer.client, ws, spec.number, thread.id, 'resolve');
    expect(resolved.status, resolved.text).toBe(200);
    expect(resolved.body).toMatchObject({ resolved: true, resolvedBy: { id: viewer.id } });
    expect((await listThreads(viewer.client, ws, spec.number, '?state=open')).map((t) => t.id)).not.toContain(thread.id);
    expect((await listThreads(viewer.client, ws, spec.number, '?state=resolved')).map((t) => t.id)).toContain(thread.id);
    const reopened = await threadAction(editor.client, ws, spec.number, thread.id, 'reopen');
    expect(reopened.body).toMatchObject({ resolved: false, resolvedBy: null });
    expect((await threadAction(editor.client, ws, spec.number, thread.id, 'resolve')).status).toBe(200);
    const audit = await owner.get<AuditPage>(`/api/v1/audit?workspace=${ws}&targetId=${thread.id}`);
    expect(audit.status, audit.text).toBe(200);
    expect(audit.body.items.map((e) => [e.action, e.actorId])).toEqual([
      ['comment_thread.resolved', editor.id],
      ['comment_thread.reopened', editor.id],
      ['comment_thread.resolved', viewer.id],
    ]);
  });

  it('edit and delete own comments; others may not; an admin deletes any; deleted ones stay as placeholders', async () => {
    const spec = await fresh();
    const thread = await openThread(viewer.client, ws, spec.number, { sectionPath: 'overview', body: 'First.' });
    const commentPath = threadsPath(ws, spec.number, thread.id, 'comments', thread.comments[0]?.id ?? '');
    expectProblem(await other.client.patch(commentPath, { body: 'Hijack' }), 403, 'forbidden');
    expectProblem(await editor.client.patch(commentPath, { body: 'Hijack' }), 403, 'forbidden');
    const edited = await viewer.client.patch<ThreadBody>(commentPath, { body: 'First, edited.' });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.comments[0]).toMatchObject({ body: 'First, edited.' });
    expect(edited.body.comments[0]?.editedAt).not.toBeNull();
    const reply = await other.client.post<ThreadBody>(threadsPath(ws, spec.number, thread.id, 'comments'), { body: 'Second.' });
    const replyPath = threadsPath(ws, spec.number, thread.id, 'comments', reply.body.comments[1]?.id ?? '');
    expectProblem(await viewer.client.delete(replyPath), 403, 'forbidden');
    expect((await owner.delete(replyPath)).status).toBe(204);
    expect((await viewer.client.delete(commentPath)).status).toBe(204);
    expectProblem(await viewer.client.delete(commentPath), 404, 'not_found');
    const after = await viewer.client.get<ThreadBody>(threadsPath(ws, spec.number, thread.id));
    expect(after.body.comments.map((c) => [c.body, c.deletedAt !== null])).toEqual([
      ['', true],
      ['', true],
    ]);
    const audit = await owner.get<AuditPage>(`/api/v1/audit?workspace=${ws}&action=comment.deleted`);
    const me = await owner.get<{ id: string }>('/api/v1/me');
    expect(audit.body.items.filter((e) => e.targetId === reply.body.comments[1]?.id).map((e) => e.actorId)).toEqual([me.body.id]);
    expect(audit.body.items.filter((e) => e.targetId === thread.comments[0]?.id).map((e) => e.actorId)).toEqual([viewer.id]);
  });

  it('marks threads blocking (author or editor), filters them; outsiders and wrong specs get 404', async () => {
    const spec = await fresh();
    const thread = await openThread(viewer.client, ws, spec.number, { sectionPath: 'overview', body: 'Must fix.' });
    expectProblem(await other.client.patch(threadsPath(ws, spec.number, thread.id), { blocking: true }), 403, 'forbidden');
    const blocking = await viewer.client.patch<ThreadBody>(threadsPath(ws, spec.number, thread.id), { blocking: true });
    expect(blocking.body.blocking).toBe(true);
    expect((await listThreads(viewer.client, ws, spec.number, '?blocking=true')).map((t) => t.id)).toEqual([thread.id]);
    const unblocked = await editor.client.patch<ThreadBody>(threadsPath(ws, spec.number, thread.id), { blocking: false });
    expect(unblocked.body.blocking).toBe(false);
    const another = await fresh();
    expectProblem(await viewer.client.get(threadsPath(ws, another.number, thread.id)), 404, 'not_found');
    await owner.post('/api/v1/workspaces', { name: 'Elsewhere', key: 'ELSE' });
    const outsider = await server().addMember(owner, 'ELSE', 'owner');
    expectProblem(await outsider.client.get(threadsPath(ws, spec.number)), 404, 'not_found');
    expectProblem(await outsider.client.post(threadsPath(ws, spec.number), { sectionPath: 'overview', body: 'x' }), 404, 'not_found');
  });
});
