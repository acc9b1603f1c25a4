// Co-editing durability: every update is in the database as it arrives, the log is compacted into
// a snapshot, and a live document survives a server restart.
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CollabStore } from '../../../src/server/collab/store.js';
import { TEXT_NAME } from '../../../src/server/collab/index.js';
import { describeEachDatabase, startTestServer, type ApiClient, type TestServer } from '../harness.js';
import { converged, eventually, newSpec, open, stored } from './helpers.js';

/** The text the database alone holds for a document: snapshot plus log, read by a fresh store. */
async function textInDatabase(server: TestServer, document: string): Promise<string> {
  const store = new CollabStore(server.app.database.db, server.app.database.dialect);
  const found = await store.load(document);
  if (found === null) return '';
  const doc = new Y.Doc();
  Y.applyUpdate(doc, found.snapshot);
  for (const update of found.updates) Y.applyUpdate(doc, update);
  return doc.getText(TEXT_NAME).toJSON();
}

async function logRows(server: TestServer, document: string): Promise<number> {
  const rows = await server.app.database.db.selectFrom('collabUpdates').select('id').where('document', '=', document).execute();
  return rows.length;
}

describeEachDatabase('collab: durability', (database) => {
  // No idle checkpoints during these tests: what is durable must be so through the log alone.
  const timings = { debounceMs: 600_000, maxDebounceMs: 600_000, compactEvery: 25 };
  let server: TestServer;
  let owner: ApiClient;
  let ws: string;

  beforeAll(async () => {
    server = await startTestServer(database, { collab: timings });
    const o = await server.setupOwner();
    owner = o.client;
    ws = o.workspaceKey;
  });

  afterAll(async () => {
    await server.close();
  });

  it('each update is appended to the log as it arrives, before any checkpoint', async () => {
    const spec = await newSpec(owner, ws, 'Durable');
    const a = await open(server, owner, spec.id);
    for (const ch of 'durable') {
      a.text.insert(a.text.length, ch);
      // The client counts an update as saved once the server acknowledged it.
      await eventually('the update is acknowledged', () => !a.provider.hasUnsyncedChanges);
      expect(await textInDatabase(server, spec.id)).toBe(a.text.toJSON());
    }
    expect(await logRows(server, spec.id)).toBeGreaterThanOrEqual(7);
    // No checkpoint happened: the stored Markdown is still the original.
    expect((await stored(owner, ws, spec)).revision).toBe(spec.revision);
    a.destroy();
  });

  it('the log is compacted into the snapshot, and the text is unchanged by it', async () => {
    const spec = await newSpec(owner, ws, 'Compacted');
    const a = await open(server, owner, spec.id);
    for (let i = 0; i < 60; i++) {
      a.text.insert(a.text.length, `${i % 10}`);
      if (i % 5 === 0) a.text.delete(0, 1);
      await eventually('acknowledged', () => !a.provider.hasUnsyncedChanges);
    }
    await eventually('the log was compacted', async () => (await logRows(server, spec.id)) < 60);
    expect(await textInDatabase(server, spec.id)).toBe(a.text.toJSON());
    a.destroy();
  });

  it('survives a restart: the live text (checkpointed at shutdown) is served again from the database', async () => {
    const spec = await newSpec(owner, ws, 'Restart');
    const a = await open(server, owner, spec.id);
    const b = await open(server, owner, spec.id);
    a.text.insert(a.text.length, '\nBefore the restart.\n');
    b.text.insert(0, 'B: ');
    const text = await converged([a, b]);
    await eventually('acknowledged', () => !a.provider.hasUnsyncedChanges && !b.provider.hasUnsyncedChanges);
    a.destroy();
    b.destroy();
    await server.app.close();
    // Same database (the same SQLite file, the same PostgreSQL database), a new process.
    server = await startTestServer(database, { collab: timings });
    owner = await server.signIn((await ownerEmail(server)) ?? '', 'correct horse battery staple');
    const c = await open(server, owner, spec.id);
    expect(c.text.toJSON()).toBe(text);
    expect((await stored(owner, ws, spec)).markdown).toBe(text);
    c.destroy();
  });
});

async function ownerEmail(server: TestServer): Promise<string | undefined> {
  const row = await server.app.database.db.selectFrom('users').select('email').orderBy('createdAt').limit(1).executeTakeFirst();
  return row?.email;
}
