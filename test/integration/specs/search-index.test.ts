import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { parse } from '../../../src/core/index.js';
import { indexedSections } from '../../../src/server/search/index.js';
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

  // Saves re-index only the sections that changed from the replaced revision: after every kind of
  // change the stored rows must equal a full re-index of the new text.
  it('after each save the rows equal a full re-index (changed, added, removed, renamed, duplicate sections)', async () => {
    const texts = [
      '# Index plan\n\nIntro text.\n\n## Scope\nAlpha.\n\n## Risks\nBeta.\n\n### Detail\nGamma.\n',
      '# Index plan\n\nIntro text.\n\n## Scope\nAlpha changed.\n\n## Risks\nBeta.\n\n### Detail\nGamma.\n',
      '# Index plan\n\nIntro text.\n\n## Scope\nAlpha changed.\n\n## Risks\nBeta.\n\n### Detail\nGamma.\n\n## Added\nDelta.\n',
      '# Renamed plan\n\n## Scope\nAlpha changed.\n\n## Hazards\nBeta.\n\n### Detail\nGamma.\n\n## Added\nDelta.\n',
      '# Renamed plan\n\n## Scope\nAlpha changed.\n\n## Scope\nTwin.\n\n## Scope\nTriplet.\n',
      '# Renamed plan\n\n## Scope\nAlpha changed.\n\n## Scope\nTwin <!-- hidden --> now.\n',
      '## \n\nEmpty heading.\n\n## Scope\nAlpha.\n',
      'Only a preamble.\n',
      '# Index plan\n\nIntro text.\n\n## Scope\nAlpha.\n\n## Risks\nBeta.\n\n### Detail\nGamma.\n',
    ];
    const spec = await createSpec(owner, ws, { markdown: texts[0] ?? '' });
    let etag = spec.etag;
    const db = server().app.database.db;
    for (const text of texts.slice(1)) {
      const res = await putContent(owner, ws, spec.number, text, etag);
      expect(res.status, res.text).toBe(200);
      etag = res.headers.get('etag') ?? '';
      const { rows } = await sql<{ path: string; title: string; body: string }>`
        select section_path as "path", section_title as "title", body as "body" from search_sections where spec_id = ${spec.id}`.execute(db);
      const sort = (a: { path: string; body: string }, b: { path: string; body: string }): number => a.path.localeCompare(b.path) || a.body.localeCompare(b.body);
      expect([...rows].sort(sort), text).toEqual([...indexedSections(parse(text))].sort(sort));
    }
  });
});
