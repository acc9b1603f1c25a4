import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient } from '../harness.js';
import type { SignedInUser } from '../harness-server.js';
import { createSpec, expectProblem, getSpec, specsPath } from '../specs/helpers.js';
import { openThread, threadAction } from './helpers.js';

interface Unmet {
  check: string;
  blocking: boolean;
  details?: { threads?: { id: string }[] };
}

describeEachDatabase('comments: blocking threads and the approval gate', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let ws: string;
  let editor: SignedInUser;
  let reviewer: SignedInUser;

  beforeAll(async () => {
    ({ owner, ws } = await ownerSession(server()));
    editor = await server().addMember(owner, ws, 'editor');
    reviewer = await server().addMember(owner, ws, 'viewer');
  });

  it('an unresolved blocking thread blocks approval (listed in unmet); resolving it unblocks', async () => {
    const spec = await createSpec(editor.client, ws, { markdown: '# Gate\n\n## Scope\nEverything.\n' });
    const assign = await editor.client.request('PUT', specsPath(ws, spec.number, 'reviewers', reviewer.id), { body: { role: 'required' } });
    expect(assign.status, assign.text).toBe(200);
    const requested = await editor.client.post(specsPath(ws, spec.number, 'review', 'request'), {});
    expect(requested.status, requested.text).toBe(200);
    const thread = await openThread(reviewer.client, ws, spec.number, { sectionPath: 'scope', quote: 'Everything', body: 'Too broad.', blocking: true });
    // A non-blocking thread never blocks.
    await openThread(reviewer.client, ws, spec.number, { sectionPath: 'scope', body: 'Nit.' });

    const refused = expectProblem(await reviewer.client.post(specsPath(ws, spec.number, 'review', 'approve'), {}), 422, 'approval_blocked');
    const unmet = refused.unmet as Unmet[];
    const blocking = unmet.find((u) => u.check === 'blocking_threads');
    expect(blocking).toMatchObject({ blocking: true });
    expect(blocking?.details?.threads?.map((t) => t.id)).toEqual([thread.id]);
    const review = await reviewer.client.get<{ unmet?: Unmet[] }>(specsPath(ws, spec.number, 'review'));
    expect(JSON.stringify(review.body)).toContain('blocking_threads');

    expect((await threadAction(reviewer.client, ws, spec.number, thread.id, 'resolve')).status).toBe(200);
    const approved = await reviewer.client.post<{ version?: { status?: string } }>(specsPath(ws, spec.number, 'review', 'approve'), {});
    expect(approved.status, approved.text).toBe(200);
    expect(JSON.stringify(approved.body)).not.toContain('blocking_threads');
    expect((await getSpec(owner, ws, spec.number)).body.status).toBe('approved');
    // Comments go on after approval, but a suggestion cannot change the locked version.
    const late = await openThread(reviewer.client, ws, spec.number, { sectionPath: 'scope', quote: 'Everything', body: 'For v2', suggestion: 'Most things' });
    expectProblem(await threadAction(editor.client, ws, spec.number, late.id, 'accept'), 423, 'spec_locked');
    const after = await reviewer.client.get<{ suggestion: { state: string } }>(`${specsPath(ws, spec.number, 'threads')}/${late.id}`);
    expect(after.body.suggestion.state).toBe('open');
  });
});
