// Edits through REST while people co-edit are merged into the live document, and the live text
// into the stored content: no edit is lost on either side, in either order or racing.
import { afterEach, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, useTestServer, type ApiClient } from '../harness.js';
import { converged, eventually, newSpec, open, restReplace, stored, type CollabClient } from './helpers.js';

const count = (text: string, part: string): number => text.split(part).length - 1;

describeEachDatabase('collab: REST edits while co-editing', (database) => {
  const server = useTestServer(database, { collab: { debounceMs: 300, maxDebounceMs: 2000 } });
  let owner: ApiClient;
  let editor: ApiClient;
  let ws: string;
  const clients: CollabClient[] = [];
  const track = (c: CollabClient): CollabClient => (clients.push(c), c);

  beforeAll(async () => {
    const s = server();
    const o = await s.setupOwner();
    owner = o.client;
    ws = o.workspaceKey;
    editor = (await s.addMember(owner, ws, 'editor')).client;
  });

  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });

  it('typing first, then a REST edit elsewhere: both end up live and stored', async () => {
    const spec = await newSpec(owner, ws, 'Typing first');
    const a = track(await open(server(), editor, spec.id));
    a.text.insert(a.text.length, '\nLIVE-LINE\n');
    await eventually('acknowledged', () => !a.provider.hasUnsyncedChanges);
    await restReplace(owner, ws, spec, (md) => `REST-TOP\n${md}`);
    await eventually('the REST edit reaches the client', () => a.text.toJSON().startsWith('REST-TOP\n'));
    expect(count(a.text.toJSON(), 'LIVE-LINE')).toBe(1);
    await eventually('the stored content has both', async () => {
      const md = (await stored(owner, ws, spec)).markdown;
      return md === a.text.toJSON();
    });
  });

  it('a REST edit first, then typing: the client sees the edit and its typing is stored after it', async () => {
    const spec = await newSpec(owner, ws, 'REST first');
    const a = track(await open(server(), editor, spec.id));
    await restReplace(owner, ws, spec, (md) => md.replace(/\n*$/, '\nREST-BOTTOM\n'));
    await eventually('the REST edit reaches the client', () => a.text.toJSON().includes('REST-BOTTOM'));
    a.text.insert(0, 'LIVE-TOP ');
    await eventually('stored', async () => (await stored(owner, ws, spec)).markdown === a.text.toJSON());
    const md = (await stored(owner, ws, spec)).markdown;
    expect(count(md, 'REST-BOTTOM')).toBe(1);
    expect(md.startsWith('LIVE-TOP ')).toBe(true);
  });

  it('a REST edit when nobody has the document open is there when it is opened again', async () => {
    const spec = await newSpec(owner, ws, 'Closed');
    const a = await open(server(), editor, spec.id);
    a.text.insert(0, 'FIRST ');
    await eventually('stored', async () => (await stored(owner, ws, spec)).markdown.startsWith('FIRST '));
    a.destroy();
    await eventually('unloaded', () => server().app.collab.liveDocument(spec.id) === undefined);
    await restReplace(owner, ws, spec, (md) => `${md}\nOFFLINE-REST\n`);
    const b = track(await open(server(), editor, spec.id));
    expect(b.text.toJSON()).toBe((await stored(owner, ws, spec)).markdown);
    expect(count(b.text.toJSON(), 'FIRST ')).toBe(1);
  });

  it('REST edits racing a burst of typing from two clients: every keystroke and every REST edit survive', async () => {
    const spec = await newSpec(owner, ws, 'Race');
    const a = track(await open(server(), editor, spec.id));
    const b = track(await open(server(), owner, spec.id));
    a.text.insert(0, '[A:]\n');
    b.text.insert(b.text.length, '\n[B:]');
    await converged([a, b]);
    const typeInto = async (c: CollabClient, marker: string, chars: string): Promise<void> => {
      for (const ch of chars) {
        // Just before the marker's closing bracket, wherever the marker is now.
        const text = c.text.toJSON();
        const at = text.indexOf(']', text.indexOf(marker.slice(0, -1)));
        c.text.insert(at, ch);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    };
    const restEdits = async (): Promise<void> => {
      for (let i = 0; i < 5; i++) await restReplace(owner, ws, spec, (md) => md.replace('# Race', `# Race\n\nREST-${i}`));
    };
    const aChars = 'abcdefghijklmnopqrstuvwxyz'.repeat(4);
    const bChars = '0123456789'.repeat(10);
    await Promise.all([typeInto(a, '[A:]', aChars), typeInto(b, '[B:]', bChars), restEdits()]);
    // REST edits reach live documents through the event feed, a moment after their commit.
    await eventually('every REST edit reached both clients', () => [a, b].every((c) => [0, 1, 2, 3, 4].every((i) => c.text.toJSON().includes(`REST-${i}`))));
    const text = await converged([a, b]);
    expect(text).toContain(`[A:${aChars}]`);
    expect(text).toContain(`[B:${bChars}]`);
    for (let i = 0; i < 5; i++) expect(count(text, `REST-${i}`)).toBe(1);
    await eventually('the stored content equals the live text', async () => (await stored(owner, ws, spec)).markdown === a.text.toJSON(), 20_000);
  });
});
