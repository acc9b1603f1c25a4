import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient } from '../harness.js';
import { createSpec, postEdit, putContent, specsPath } from './helpers.js';

interface SearchBody {
  items: { specId: string; key: string; sectionPath: string }[];
}

// Every content change updates the search index in the same transaction (see notes/specs-contract.md).
describeEachDatabase('specs: the search index follows every content change', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let ws: string;

  beforeAll(async () => {
    ({ owner, ws } = await ownerSession(server()));
  });

  async function hits(word: string): Promise<{ specId: string; sectionPath: string }[]> {
    const res = await owner.get<SearchBody>(`/api/v1/search?q=${encodeURIComponent(word)}&workspace=${ws}`);
    expect(res.status, res.text).toBe(200);
    return res.body.items.map((i) => ({ specId: i.specId, sectionPath: i.sectionPath }));
  }

  it('create, replace, edit, failed write, delete, restore and revision restore', async () => {
    const spec = await createSpec(owner, ws, { markdown: '# Zanzibar plan\n\n## Scope\nThe zanzibar rollout.\n' });
    expect(await hits('zanzibar')).toEqual(expect.arrayContaining([{ specId: spec.id, sectionPath: 'scope' }]));

    const replaced = await putContent(owner, ws, spec.number, '# Quokka plan\n\n## Scope\nThe quokka rollout.\n\n## Risks\nNone yet.\n', spec.etag);
    expect(replaced.status).toBe(200);
    expect(await hits('zanzibar')).toEqual([]);
    expect((await hits('quokka')).map((h) => h.specId)).toContain(spec.id);

    const edited = await postEdit(owner, ws, spec.number, { op: 'setSectionBody', path: 'risks', markdown: 'A wombat in the datacenter.' }, replaced.body.etag);
    expect(edited.status).toBe(200);
    expect(await hits('wombat')).toEqual([{ specId: spec.id, sectionPath: 'risks' }]);

    // A refused write leaves the index as it was.
    expect((await putContent(owner, ws, spec.number, '# Platypus\n', spec.etag)).status).toBe(412);
    expect(await hits('platypus')).toEqual([]);

    expect((await owner.delete(specsPath(ws, spec.number))).status).toBe(204);
    expect(await hits('wombat')).toEqual([]);
    expect((await owner.post(specsPath(ws, spec.number, 'restore'))).status).toBe(200);
    expect(await hits('wombat')).toEqual([{ specId: spec.id, sectionPath: 'risks' }]);

    expect((await owner.post(specsPath(ws, spec.number, 'revisions', 1, 'restore'))).status).toBe(200);
    expect(await hits('wombat')).toEqual([]);
    expect((await hits('zanzibar')).map((h) => h.specId)).toContain(spec.id);
  });
});
