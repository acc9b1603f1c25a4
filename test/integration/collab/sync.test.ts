// Co-editing: connecting, converging, read-only access and refusals (docs/events.md "Co-editing").
import { WebSocketStatus } from '@hocuspocus/provider';
import { afterEach, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { describeEachDatabase, useTestServer, type ApiClient } from '../harness.js';
import { type SpecBody } from '../specs/helpers.js';
import { collabClient, converged, eventually, newSpec, open, type CollabClient } from './helpers.js';

describeEachDatabase('collab: sync', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let editor: ApiClient;
  let viewer: ApiClient;
  let ws: string;
  let spec: SpecBody;
  const clients: CollabClient[] = [];
  const track = (c: CollabClient): CollabClient => (clients.push(c), c);

  beforeAll(async () => {
    const s = server();
    const o = await s.setupOwner();
    owner = o.client;
    ws = o.workspaceKey;
    editor = (await s.addMember(owner, ws, 'editor')).client;
    viewer = (await s.addMember(owner, ws, 'viewer')).client;
    spec = await newSpec(owner, ws, 'Live spec');
  });

  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });

  it('two clients get the stored text and converge on each other’s edits', async () => {
    const a = track(await open(server(), owner, spec.id));
    const b = track(await open(server(), editor, spec.id));
    expect(a.text.toJSON()).toBe(spec.markdown);
    expect(b.text.toJSON()).toBe(spec.markdown);
    expect(a.provider.authorizedScope).toBe('read-write');
    a.text.insert(0, 'A says hi. ');
    b.text.insert(b.text.length, '\nB was here.\n');
    const text = await converged([a, b]);
    expect(text.startsWith('A says hi. ')).toBe(true);
    expect(text.endsWith('\nB was here.\n')).toBe(true);
  });

  it('edits made while disconnected are kept and sync on reconnect, merged with what others typed meanwhile', async () => {
    const a = track(await open(server(), owner, spec.id));
    const b = track(await open(server(), editor, spec.id));
    await converged([a, b]);
    b.socket.disconnect();
    await eventually('b is offline', () => b.socket.status === WebSocketStatus.Disconnected);
    b.text.insert(0, 'Typed offline by B. ');
    a.text.insert(a.text.length, '\nTyped online by A meanwhile.\n');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(a.text.toJSON()).not.toContain('Typed offline by B.');
    await b.socket.connect();
    const text = await converged([a, b]);
    expect(text).toContain('Typed offline by B. ');
    expect(text).toContain('\nTyped online by A meanwhile.\n');
    // And a newcomer gets both from the server.
    const c = track(await open(server(), owner, spec.id));
    await eventually('the server holds both edits', () => c.text.toJSON() === text);
  });

  it('a viewer syncs read-only: sees edits, its own never reach anyone', async () => {
    const a = track(await open(server(), owner, spec.id));
    const v = track(await open(server(), viewer, spec.id));
    expect(v.provider.authorizedScope).toBe('readonly');
    a.text.insert(0, 'Owner edit. ');
    await converged([a, v]);
    v.text.insert(0, 'VIEWER ');
    // A later edit by the owner arrives; the viewer's never does, and a newcomer does not see it.
    a.text.insert(0, 'Second. ');
    await eventually('the viewer sees the second edit', () => v.text.toJSON().includes('Second. '));
    const late = track(await open(server(), editor, spec.id));
    expect(late.text.toJSON()).not.toContain('VIEWER');
    expect(a.text.toJSON()).not.toContain('VIEWER');
  });

  it('a version by number is read-only for everyone', async () => {
    const c = track(await open(server(), owner, `${spec.id}:v1`));
    expect(c.provider.authorizedScope).toBe('readonly');
    expect(c.text.length).toBeGreaterThan(0);
  });

  it('refuses unknown documents, unknown versions and malformed names with a reason', async () => {
    const s = server();
    const unknown = track(collabClient(s.baseUrl, owner, '00000000-0000-4000-8000-000000000000'));
    await expect(unknown.synced).rejects.toThrow('refused: not_found');
    const bad = track(collabClient(s.baseUrl, owner, 'SPEC-1'));
    await expect(bad.synced).rejects.toThrow('refused: not_found');
    const upper = track(collabClient(s.baseUrl, owner, spec.id.toUpperCase()));
    await expect(upper.synced).rejects.toThrow('refused: not_found');
    const noVersion = track(collabClient(s.baseUrl, owner, `${spec.id}:v99`));
    await expect(noVersion.synced).rejects.toThrow('refused: not_found');
  });

  it('the upgrade needs a credential, and a cookie needs this server’s Origin', async () => {
    const url = `${server().baseUrl.replace(/^http/, 'ws')}/api/v1/collab`;
    const status = (headers: Record<string, string>): Promise<number> =>
      new Promise((resolve) => {
        const socket = new WebSocket(url, { headers });
        socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        socket.on('open', () => {
          socket.close();
          resolve(101);
        });
        socket.on('error', () => undefined);
      });
    expect(await status({})).toBe(401);
    expect(await status({ cookie: `specboard_session=${owner.cookie ?? ''}`, origin: 'https://evil.example' })).toBe(403);
    expect(await status({ cookie: `specboard_session=${owner.cookie ?? ''}` })).toBe(403);
    expect(await status({ cookie: `specboard_session=${owner.cookie ?? ''}`, origin: new URL(server().baseUrl).origin })).toBe(101);
    const token = await server().createToken(owner, ['read']);
    expect(await status({ authorization: `Bearer ${token.secret}` })).toBe(101);
  });

  it('a read token gets read-only sync', async () => {
    const token = await server().createToken(owner, ['read']);
    const c = track(await open(server(), token.client, spec.id));
    expect(c.provider.authorizedScope).toBe('readonly');
  });
});
