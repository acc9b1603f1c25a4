// Co-editing access while connected: the review lock, removed members, revoked tokens, signed-out sessions.
import { afterEach, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, useTestServer, type ApiClient } from '../harness.js';
import type { SignedInUser } from '../harness-server.js';
import { assign, ok } from '../reviews/helpers.js';
import { converged, eventually, newSpec, open, stored, type CollabClient } from './helpers.js';

describeEachDatabase('collab: access', (database) => {
  // A long debounce: checkpoints here come from status changes and requests, not idleness.
  const server = useTestServer(database, { collab: { debounceMs: 60_000, maxDebounceMs: 120_000 } });
  let owner: ApiClient;
  let ws: string;
  let author: SignedInUser;
  let reviewer: SignedInUser;
  const clients: CollabClient[] = [];
  const track = (c: CollabClient): CollabClient => (clients.push(c), c);

  beforeAll(async () => {
    const s = server();
    const o = await s.setupOwner();
    owner = o.client;
    ws = o.workspaceKey;
    author = await s.addMember(owner, ws, 'editor');
    reviewer = await s.addMember(owner, ws, 'viewer');
  });

  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });

  it('a status change checkpoints the live text; once approved (locked) updates are rejected', async () => {
    const spec = await newSpec(author.client, ws, 'Locking');
    const a = track(await open(server(), author.client, spec.id));
    const o = track(await open(server(), owner, spec.id));
    a.text.insert(a.text.length, '\nTyped before review.\n');
    await converged([a, o]);
    await assign(author.client, ws, spec.number, reviewer.id);
    await ok(author.client, ws, spec.number, 'request_review');
    // The status change made a checkpoint: the typed line is in the stored content.
    await eventually('the typed text is stored', async () => (await stored(owner, ws, spec)).markdown.includes('Typed before review.'));
    const approved = await ok(reviewer.client, ws, spec.number, 'approve');
    expect(approved.version.status).toBe('approved');
    // Connections become read-only: an edit now reaches neither the other client nor the database.
    await eventually('the connections are read-only', () => server().app.collab.liveDocument(spec.id) !== undefined && isReadOnly(server().app.collab, spec.id));
    a.text.insert(0, 'LOCKED EDIT ');
    o.text.insert(o.text.length, 'X');
    await eventually('the owner has its own edit', () => o.text.toJSON().endsWith('X'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(o.text.toJSON()).not.toContain('LOCKED EDIT');
    expect(server().app.collab.liveDocument(spec.id)?.text).not.toContain('LOCKED EDIT');
    // A newcomer gets read-only sync too.
    const late = track(await open(server(), owner, spec.id));
    expect(late.provider.authorizedScope).toBe('readonly');
    expect((await stored(owner, ws, spec)).markdown).not.toContain('LOCKED EDIT');
  });

  it('a member removed from the workspace is disconnected from the document', async () => {
    const s = server();
    const member = await s.addMember(owner, ws, 'editor');
    const spec = await newSpec(owner, ws, 'Removal');
    const m = track(await open(s, member.client, spec.id));
    const o = track(await open(s, owner, spec.id));
    m.text.insert(0, 'Member was here. ');
    await converged([m, o]);
    expect((await owner.delete(`/api/v1/workspaces/${ws}/members/${member.id}`)).status).toBe(204);
    await eventually('the member is told access_revoked', () => m.closeReasons.includes('access_revoked'));
    m.text.insert(0, 'AFTER REMOVAL ');
    o.text.insert(o.text.length, 'Y');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(o.text.toJSON()).not.toContain('AFTER REMOVAL');
    expect(o.text.toJSON()).toContain('Member was here. ');
  });

  it('a revoked token closes its socket with 4401 credentials_revoked', async () => {
    const s = server();
    const spec = await newSpec(owner, ws, 'Token');
    const token = await s.createToken(owner, ['read', 'write']);
    const t = track(await open(s, token.client, spec.id));
    expect(t.provider.authorizedScope).toBe('read-write');
    expect((await owner.delete(`/api/v1/tokens/${token.id}`)).status).toBe(204);
    await eventually('the socket closes', () => t.socketClosed !== null);
    expect(t.socketClosed).toMatchObject({ code: 4401, reason: 'credentials_revoked' });
  });

  it('signing out closes the co-editing socket of that session with 4401 credentials_revoked', async () => {
    const s = server();
    const member = await s.addMember(owner, ws, 'editor');
    const spec = await newSpec(owner, ws, 'Sign-out');
    const m = track(await open(s, member.client, spec.id));
    expect(m.provider.authorizedScope).toBe('read-write');
    expect((await member.client.post('/api/v1/auth/sign-out')).status).toBe(204);
    await eventually('the socket closes', () => m.socketClosed !== null);
    expect(m.socketClosed).toMatchObject({ code: 4401, reason: 'credentials_revoked' });
  });
});

function isReadOnly(collab: import('../../../src/server/collab/index.js').Collab, specId: string): boolean {
  const document = collab.hocuspocus.documents.get(specId);
  return document !== undefined && document.getConnections().every((c) => c.readOnly);
}
