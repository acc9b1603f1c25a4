// Checkpoints: a revision made on request (and on idle) from the live text, credited to everyone
// who edited since the previous one: its author is the first editor, all are contributors.
import { afterEach, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, useTestServer, type ApiClient } from '../harness.js';
import type { SignedInUser } from '../harness-server.js';
import { specsPath } from '../specs/helpers.js';
import { converged, eventually, newSpec, open, stored, type CollabClient } from './helpers.js';

interface RevisionBody {
  number: number;
  author: { id: string; name: string };
  summary: string;
  markdown: string;
}

describeEachDatabase('collab: checkpoints', (database) => {
  const server = useTestServer(database, { collab: { debounceMs: 1500, maxDebounceMs: 60_000 } });
  let owner: SignedInUser;
  let editor: SignedInUser;
  let ownerClient: ApiClient;
  let ws: string;
  const clients: CollabClient[] = [];
  const track = (c: CollabClient): CollabClient => (clients.push(c), c);

  beforeAll(async () => {
    const s = server();
    const o = await s.setupOwner();
    owner = o;
    ownerClient = o.client;
    ws = o.workspaceKey;
    editor = await s.addMember(ownerClient, ws, 'editor');
  });

  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });

  it('on request: a revision authored by the first editor, with every editor as contributor', async () => {
    const spec = await newSpec(ownerClient, ws, 'Checkpointed');
    const e = track(await open(server(), editor.client, spec.id));
    const o = track(await open(server(), ownerClient, spec.id));
    e.text.insert(e.text.length, '\nEditor first.\n');
    await converged([e, o]);
    o.text.insert(o.text.length, 'Owner second.\n');
    await converged([e, o]);
    e.provider.sendStateless(JSON.stringify({ op: 'checkpoint' }));
    await eventually('the checkpoint reply', () => e.stateless.length > 0);
    const reply = JSON.parse(e.stateless[0] ?? '{}') as { op: string; created: boolean; revision: number };
    expect(reply).toMatchObject({ op: 'checkpoint', created: true });
    const revision = await ownerClient.get<RevisionBody>(specsPath(ws, spec.number, 'revisions', reply.revision));
    expect(revision.status, revision.text).toBe(200);
    expect(revision.body.author.id).toBe(editor.id);
    expect(revision.body.summary).toBe(`Edited live by ${editor.name}, ${owner.name}`);
    expect(revision.body.markdown).toContain('Editor first.\nOwner second.\n');
    const contributors = await server().app.collab.store.contributorsOf(spec.id, reply.revision);
    expect(contributors.map((c) => c.id)).toEqual([editor.id, owner.id]);
    // Nothing changed since: a second request makes no revision.
    e.provider.sendStateless(JSON.stringify({ op: 'checkpoint' }));
    await eventually('the second reply', () => e.stateless.length > 1);
    expect(JSON.parse(e.stateless[1] ?? '{}')).toMatchObject({ op: 'checkpoint', created: false, revision: reply.revision });
  });

  it('on idle: the stored content follows the live text, and only new editors are credited', async () => {
    const spec = await newSpec(ownerClient, ws, 'Idle');
    const o = track(await open(server(), ownerClient, spec.id));
    o.text.insert(0, 'Idle edit. ');
    await eventually('checkpointed on idle', async () => (await stored(ownerClient, ws, spec)).markdown.startsWith('Idle edit. '));
    const current = await stored(ownerClient, ws, spec);
    expect((await server().app.collab.store.contributorsOf(spec.id, current.revision)).map((c) => c.id)).toEqual([owner.id]);
  });

  it('a viewer cannot ask for a checkpoint', async () => {
    const spec = await newSpec(ownerClient, ws, 'Viewer checkpoint');
    const viewer = await server().addMember(ownerClient, ws, 'viewer');
    const v = track(await open(server(), viewer.client, spec.id));
    v.provider.sendStateless(JSON.stringify({ op: 'checkpoint' }));
    await eventually('the reply', () => v.stateless.length > 0);
    expect(JSON.parse(v.stateless[0] ?? '{}')).toMatchObject({ op: 'error', code: 'read_only' });
  });
});
