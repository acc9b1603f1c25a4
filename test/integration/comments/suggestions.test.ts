import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient } from '../harness.js';
import type { SignedInUser } from '../harness-server.js';
import { createSpec, expectProblem, getMarkdown, getSpec, putContent, revisionContents, type SpecBody } from '../specs/helpers.js';
import { openThread, threadAction, type ThreadBody } from './helpers.js';

// CRLF and a trailing-space line: accepting a suggestion must keep every byte outside the quote.
const BASE = ['# Payments', '', '## Overview', 'The service charges cards once per order.  ', '', '## Limits', 'Refunds are allowed within 30 days.', ''].join('\r\n');

interface Accepted {
  thread: ThreadBody;
  revision: number;
  etag: string;
}

describeEachDatabase('comments: suggestions', (database) => {
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

  async function fresh(): Promise<SpecBody> {
    return createSpec(editor.client, ws, { markdown: BASE });
  }

  it('an accepted suggestion is a new revision by the accepter, credited to the suggester; every other byte is kept', async () => {
    const spec = await fresh();
    const suggestion = await openThread(viewer.client, ws, spec.number, { sectionPath: 'limits', quote: '30 days', body: 'Match the card rules.', suggestion: '60 days\nafter delivery' });
    expect(suggestion).toMatchObject({ kind: 'suggestion', suggestion: { text: '60 days\nafter delivery', state: 'open', appliedRevision: null } });
    expectProblem(await threadAction(viewer.client, ws, spec.number, suggestion.id, 'accept'), 403, 'forbidden');
    const res = await editor.client.post<Accepted>(`/api/v1/workspaces/${ws}/specs/${spec.number}/threads/${suggestion.id}/accept`, undefined, { headers: { 'if-match': spec.etag } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.revision).toBe(spec.revision + 1);
    expect(res.headers.get('etag')).toBe(res.body.etag);
    expect(res.body.thread).toMatchObject({ resolved: true, suggestion: { state: 'accepted', decidedBy: { id: editor.id }, appliedRevision: spec.revision + 1 } });
    expect(await getMarkdown(owner, ws, spec.number)).toBe(BASE.replace('30 days', '60 days\r\nafter delivery'));
    // The applied suggestion is anchored to the text it put there, not flagged outdated.
    const applied = BASE.replace('30 days', '60 days\r\nafter delivery');
    expect(res.body.thread.outdated).toBe(false);
    expect(applied.slice(res.body.thread.anchor.current?.start, res.body.thread.anchor.current?.end)).toBe('60 days\r\nafter delivery');
    const history = await owner.get<{ items: { number: number; summary: string; author: { id: string } }[] }>(`/api/v1/workspaces/${ws}/specs/${spec.number}/revisions`);
    expect(history.body.items[0]).toMatchObject({ number: spec.revision + 1, summary: `Applied a suggestion by ${viewer.name} in limits` });
    expect((await revisionContents(owner, ws, spec.number))[0]).toBe(BASE);
    const audit = await owner.get<{ items: { action: string; actorId: string; after: { suggesterId: string; revision: number } }[] }>(`/api/v1/audit?workspace=${ws}&targetId=${suggestion.id}`);
    expect(audit.body.items[0]).toMatchObject({ action: 'suggestion.accepted', actorId: editor.id, after: { suggesterId: viewer.id, revision: spec.revision + 1 } });
    expectProblem(await threadAction(editor.client, ws, spec.number, suggestion.id, 'accept'), 409, 'suggestion_decided');
    expectProblem(await threadAction(editor.client, ws, spec.number, suggestion.id, 'dismiss'), 409, 'suggestion_decided');
  });

  it('a suggestion whose range no longer matches the text is refused with 409 suggestion_outdated and changes nothing', async () => {
    const spec = await fresh();
    const suggestion = await openThread(viewer.client, ws, spec.number, { sectionPath: 'limits', quote: '30 days', body: 'Longer.', suggestion: '45 days' });
    const edited = BASE.replace('30 days', '90 days');
    const saved = await putContent(editor.client, ws, spec.number, edited, spec.etag);
    expect(saved.status, saved.text).toBe(200);
    const problem = expectProblem(await threadAction(editor.client, ws, spec.number, suggestion.id, 'accept'), 409, 'suggestion_outdated');
    expect(problem.revision).toBe(spec.revision + 1);
    expect(await getMarkdown(owner, ws, spec.number)).toBe(edited);
    const thread = await viewer.client.get<ThreadBody>(`/api/v1/workspaces/${ws}/specs/${spec.number}/threads/${suggestion.id}`);
    expect(thread.body).toMatchObject({ outdated: true, suggestion: { state: 'open' } });
  });

  it('a stale If-Match is etag_mismatch; the suggestion stays open', async () => {
    const spec = await fresh();
    const suggestion = await openThread(viewer.client, ws, spec.number, { sectionPath: 'overview', quote: 'once per order', body: 'b', suggestion: 'once per shipment' });
    const saved = await putContent(editor.client, ws, spec.number, BASE.replace('Refunds', 'Returns'), spec.etag);
    expect(saved.status).toBe(200);
    const res = await editor.client.post(`/api/v1/workspaces/${ws}/specs/${spec.number}/threads/${suggestion.id}/accept`, undefined, { headers: { 'if-match': spec.etag } });
    expectProblem(res, 412, 'etag_mismatch');
    const ok = await threadAction(editor.client, ws, spec.number, suggestion.id, 'accept');
    expect(ok.status, ok.text).toBe(200);
    expect(await getMarkdown(owner, ws, spec.number)).toBe(BASE.replace('Refunds', 'Returns').replace('once per order', 'once per shipment'));
  });

  it('dismiss: the suggester withdraws, the spec author or an editor declines; others may not; a comment is not a suggestion', async () => {
    const spec = await fresh();
    const mine = await openThread(viewer.client, ws, spec.number, { sectionPath: 'limits', quote: 'Refunds', body: 'b', suggestion: 'Returns' });
    expectProblem(await threadAction(other.client, ws, spec.number, mine.id, 'dismiss'), 403, 'forbidden');
    const dismissed = await threadAction(viewer.client, ws, spec.number, mine.id, 'dismiss');
    expect(dismissed.status, dismissed.text).toBe(200);
    expect(dismissed.body).toMatchObject({ resolved: true, suggestion: { state: 'dismissed', decidedBy: { id: viewer.id }, appliedRevision: null } });
    expectProblem(await threadAction(editor.client, ws, spec.number, mine.id, 'accept'), 409, 'suggestion_decided');
    const plain = await openThread(viewer.client, ws, spec.number, { sectionPath: 'limits', body: 'Just a comment' });
    expectProblem(await threadAction(editor.client, ws, spec.number, plain.id, 'accept'), 409, 'not_a_suggestion');
    expect((await getSpec(owner, ws, spec.number)).body.revision).toBe(spec.revision);
    const audit = await owner.get<{ items: { action: string; actorId: string }[] }>(`/api/v1/audit?workspace=${ws}&targetId=${mine.id}`);
    expect(audit.body.items.map((e) => [e.action, e.actorId])).toEqual([['suggestion.dismissed', viewer.id]]);
  });
});
