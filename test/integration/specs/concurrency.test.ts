import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, useTestServer, type ApiClient } from '../harness.js';
import { createSpec, getMarkdown, getSpec, postEdit, putContent, revisionContents, specsPath, type SpecBody } from './helpers.js';

const ROUNDS = 15;

describeEachDatabase('specs: concurrent writers', (database) => {
  const server = useTestServer(database);
  let ws: string;
  let alice: ApiClient;
  let bob: ApiClient;

  beforeAll(async () => {
    const s = server();
    const o = await s.setupOwner();
    ws = o.workspaceKey;
    alice = o.client;
    bob = (await s.addMember(alice, ws, 'editor')).client;
  });

  it('two writers with the same ETag at the same time: exactly one wins, the other gets 412, no revision lost', async () => {
    const spec = await createSpec(alice, ws, { title: 'Contended' });
    const winners: string[] = [spec.markdown];
    let etag = spec.etag;
    for (let round = 0; round < ROUNDS; round++) {
      const texts = [`# Alice ${round}\n`, `# Bob ${round}\r\n`];
      const [a, b] = await Promise.all([putContent(alice, ws, spec.number, texts[0] ?? '', etag), putContent(bob, ws, spec.number, texts[1] ?? '', etag)]);
      expect([a.status, b.status].sort()).toEqual([200, 412]);
      const winner = a.status === 200 ? a : b;
      const loser = a.status === 200 ? b : a;
      expect((loser.body as unknown as { code: string; currentEtag: string }).code).toBe('etag_mismatch');
      expect((loser.body as unknown as { currentEtag: string }).currentEtag).toBe(winner.body.etag);
      // A content PUT answers without the text: the winner's text is the one it sent.
      winners.push((a.status === 200 ? texts[0] : texts[1]) ?? '');
      etag = winner.body.etag;
      expect(winner.body.revision).toBe(round + 2);
    }
    expect(await revisionContents(alice, ws, spec.number)).toEqual(winners);
    expect(await getMarkdown(bob, ws, spec.number)).toBe(winners[winners.length - 1]);
  });

  it('a burst of writers with one ETag (replace and edit mixed): one success, the rest 412', async () => {
    const spec = await createSpec(alice, ws, { title: 'Burst' });
    const writers = Array.from({ length: 8 }, (_, i) => {
      const client = i % 2 === 0 ? alice : bob;
      return i % 3 === 0
        ? postEdit(client, ws, spec.number, { op: 'setSectionBody', path: 'overview/purpose', markdown: `Edit ${i}` }, spec.etag)
        : putContent(client, ws, spec.number, `# Writer ${i}\n`, spec.etag);
    });
    const results = await Promise.all(writers);
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(results.length - 1);
    const w = results.findIndex((r) => r.status === 200);
    // Edits answer the whole view; a content PUT answers without the text it sent.
    const winnerMarkdown = w % 3 === 0 ? (results[w]?.body as SpecBody).markdown : `# Writer ${w}\n`;
    const current = await getSpec(alice, ws, spec.number);
    expect(current.body).toMatchObject({ revision: 2, markdown: winnerMarkdown });
    expect(await revisionContents(alice, ws, spec.number)).toEqual([spec.markdown, winnerMarkdown]);
  });

  it('concurrent creates get distinct, consecutive numbers in each workspace', async () => {
    await alice.post('/api/v1/workspaces', { name: 'Parallel', key: 'PAR' });
    const before = await alice.get<{ items: SpecBody[] }>(`${specsPath(ws)}?sort=-number&limit=1`);
    const start = (before.body.items[0]?.number ?? 0) + 1;
    // Bob is not in PAR: he writes to the main workspace only.
    const created = await Promise.all(
      Array.from({ length: 24 }, (_, i) => (i % 3 === 0 ? alice.post<SpecBody>(specsPath('PAR'), { title: `Parallel ${i}` }) : (i % 2 === 0 ? alice : bob).post<SpecBody>(specsPath(ws), { title: `Parallel ${i}` }))),
    );
    const bodies = created.map((res) => {
      expect(res.status, res.text).toBe(201);
      return res.body;
    });
    const numbers = (key: string): number[] => bodies.filter((b) => b.key.startsWith(`${key}-`)).map((b) => b.number).sort((x, y) => x - y);
    const inPar = numbers('PAR');
    expect(inPar).toEqual(Array.from({ length: inPar.length }, (_, i) => i + 1));
    const inWs = numbers(ws);
    expect(inWs).toEqual(Array.from({ length: inWs.length }, (_, i) => start + i));
    for (const b of bodies) expect((await alice.get<SpecBody>(`/api/v1/specs/${b.key}`)).body.id).toBe(b.id);
  });
});
