// The SearchIndex port on each database (SQLite FTS5, PostgreSQL tsvector), below HTTP.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { MAX_INDEXED_CHARS, MAX_QUERY_TERMS, searchTerms, type SearchHit, type SearchQuery } from '../../../src/server/search/index.js';
import { describeEachDatabase } from '../harness.js';
import { HOSTILE_QUERIES, PROBE_MARKDOWN } from './hostile-queries.js';
import { usePortFixture } from './port-fixture.js';

const text = (hit: SearchHit): string => hit.snippet.map((p) => p.text).join('');
const where = (hits: readonly SearchHit[]): string[] => hits.map((h) => `${h.specId}#${h.sectionPath}`);

describeEachDatabase('search index', (database) => {
  const fixture = usePortFixture(database);

  it('indexes each section: a hit names the spec, the section path and the section title', async () => {
    const fx = fixture();
    const id = await fx.addSpec('# Ledger\n\n## Overview\n\nNothing special.\n\n## Storage\n\n### Retention windows\n\nWe keep xylophone records for a year.\n');
    const { hits } = await fx.find('xylophone');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ specId: id, sectionPath: 'storage/retention-windows', sectionTitle: 'Retention windows', title: 'Spec 1', status: 'draft' });
    expect(hits[0]?.key).toMatch(/^PORT-\d+$/);
  });

  it('finds the spec title at the top of the spec (section path "")', async () => {
    const fx = fixture();
    const id = await fx.addSpec('# Marimba rollout\n\nPreamble words.\n\n## Goals\n\nShip it.\n');
    const { hits } = await fx.find('marimba');
    expect(where(hits)).toEqual([`${id}#`]);
    expect(hits[0]?.sectionTitle).toBe('Marimba rollout');
  });

  it('ranks a heading match above body matches, even repeated ones', async () => {
    const fx = fixture();
    const body = await fx.addSpec(`# Notes\n\n## Details\n\n${'The ocarina service retries the ocarina queue. '.repeat(12)}\n`);
    const heading = await fx.addSpec('# Other\n\n## Ocarina limits\n\nA long section about quotas, budgets and many other unrelated things in detail.\n');
    const older = await fx.addSpec('# Third\n\n## Misc\n\nOne ocarina mention.\n');
    const { hits } = await fx.find('ocarina');
    expect(where(hits)).toEqual([`${heading}#ocarina-limits`, `${body}#details`, `${older}#misc`]);
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('matches word forms (English stemming) and needs every word', async () => {
    const fx = fixture();
    const id = await fx.addSpec('# Stems\n\n## Plan\n\nThe bassoonist was tuning several bassoons.\n');
    expect(where((await fx.find('bassoon')).hits)).toEqual([`${id}#plan`]);
    expect(where((await fx.find('bassoon tuned')).hits)).toEqual([`${id}#plan`]);
    expect((await fx.find('bassoon zzzabsent')).hits).toEqual([]);
  });

  it('snippets are plain-text parts with the matched words flagged; the spec markup stays text', async () => {
    const fx = fixture();
    await fx.addSpec('# Snip\n\n## Markup\n\nA <b>bold</b> claim & a \uE000fake\uE001 marker: the harpsichord "plays" <script>x()</script> well.\n');
    const { hits } = await fx.find('harpsichord');
    const hit = hits[0];
    expect(hit).toBeDefined();
    if (hit === undefined) return;
    expect(hit.snippet.filter((p) => p.match).map((p) => p.text.toLowerCase())).toEqual(['harpsichord']);
    for (const part of hit.snippet) expect(part.text).not.toMatch(/[\uE000\uE001]/);
    expect(text(hit)).toContain('harpsichord');
    expect(text(hit)).toContain('claim &');
    // Adjacent parts always alternate, so a client can render them without merging.
    hit.snippet.forEach((part, i) => {
      expect(part.text).not.toBe('');
      if (i > 0) expect(part.match).not.toBe(hit.snippet[i - 1]?.match);
    });
  });

  it('highlights a match far down a long section', async () => {
    const fx = fixture();
    const filler = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(400);
    await fx.addSpec(`# Long\n\n## Body\n\n${filler}The accordion appears here once. ${filler}\n`);
    const [hit] = (await fx.find('accordion')).hits;
    expect(hit?.snippet.filter((p) => p.match).map((p) => p.text.toLowerCase())).toEqual(['accordion']);
    expect(text(hit as SearchHit).length).toBeLessThan(1000);
  });

  it('does not index template guidance comments', async () => {
    const fx = fixture();
    await fx.addSpec('# Guide\n\n## Scope\n\n<!-- Describe the glockenspiel here -->\nReal text.\n');
    expect((await fx.find('glockenspiel')).hits).toEqual([]);
  });

  it('reindexing replaces old words; removeSpec drops the spec; indexing again brings it back', async () => {
    const fx = fixture();
    const v1 = '# Edit\n\n## Body\n\nThe theremin hums.\n';
    const v2 = '# Edit\n\n## Body\n\nThe celesta chimes.\n';
    const id = await fx.addSpec(v1);
    expect(where((await fx.find('theremin')).hits)).toEqual([`${id}#body`]);
    await fx.reindex(id, v2);
    expect((await fx.find('theremin')).hits).toEqual([]);
    expect(where((await fx.find('celesta')).hits)).toEqual([`${id}#body`]);
    await fx.remove(id);
    expect((await fx.find('celesta')).hits).toEqual([]);
    await fx.reindex(id, v2);
    expect(where((await fx.find('celesta')).hits)).toEqual([`${id}#body`]);
  });

  it('reindexing writes only the sections that changed, and the index stays consistent', async () => {
    const fx = fixture();
    const rowsOf = async (specId: string): Promise<Record<string, string>> => {
      const { rows } = await sql<{ id: number | string; path: string }>`select id, section_path as path from search_sections where spec_id = ${specId}`.execute(fx.db);
      return Object.fromEntries(rows.map((r) => [r.path, String(r.id)]));
    };
    const id = await fx.addSpec('# Inc\n\n## One\n\nThe lute one.\n\n## Two\n\nThe lute two.\n\n## Three\n\nThe lute three.\n');
    const before = await rowsOf(id);
    await fx.reindex(id, '# Inc\n\n## One\n\nThe lute one.\n\n## Two\n\nThe lyre two.\n\n## New\n\nThe lute new.\n\n## Three\n\nThe lute three.\n');
    const after = await rowsOf(id);
    expect(Object.keys(after).sort()).toEqual(['', 'new', 'one', 'three', 'two']);
    expect([after.one, after.three, after['']]).toEqual([before.one, before.three, before['']]);
    expect(after.two).not.toBe(before.two);
    expect(where((await fx.find('lyre')).hits)).toEqual([`${id}#two`]);
    expect(where((await fx.find('lute')).hits).sort()).toEqual([`${id}#new`, `${id}#one`, `${id}#three`]);
    if (database.dialect === 'sqlite') await sql`insert into search_fts (search_fts, rank) values ('integrity-check', 1)`.execute(fx.db);
  });

  it('cascading deletes (spec, workspace) take the sections with them; the index stays consistent', async () => {
    const fx = fixture();
    const now = new Date().toISOString();
    await sql`insert into workspaces (id, key, name, created_at, updated_at) values ('w-doomed', 'DOOM', 'Doomed', ${now}, ${now})`.execute(fx.db);
    const doomed = await fx.addSpec('# D\n\n## S\n\nThe castanets chapter.\n\n## T\n\nMore castanets.\n', { workspaceId: 'w-doomed' });
    const kept = await fx.addSpec('# K\n\n## S\n\nThe castanets kept.\n');
    const all = ['w-port', 'w-doomed'];
    expect((await fx.find('castanets', { workspaceIds: all })).hits).toHaveLength(3);
    await sql`delete from workspaces where id = 'w-doomed'`.execute(fx.db);
    const rows = await sql<{ n: number | string }>`select count(*) as n from search_sections where spec_id = ${doomed}`.execute(fx.db);
    expect(Number(rows.rows[0]?.n)).toBe(0);
    expect((await fx.find('castanets', { workspaceIds: all })).hits.map((h) => h.specId)).toEqual([kept]);
    if (database.dialect === 'sqlite') {
      // FTS5 compares its index with the content table; a missed trigger would fail here.
      await sql`insert into search_fts (search_fts, rank) values ('integrity-check', 1)`.execute(fx.db);
    }
  });

  it('searches only the given workspaces', async () => {
    const fx = fixture();
    const mine = await fx.addSpec('# A\n\n## S\n\nDidgeridoo here.\n');
    await fx.addSpec('# B\n\n## S\n\nDidgeridoo there.\n', { workspaceId: 'w-other' });
    expect(where((await fx.find('didgeridoo')).hits)).toEqual([`${mine}#s`]);
    expect((await fx.find('didgeridoo', { workspaceIds: [] })).hits).toEqual([]);
    expect((await fx.find('didgeridoo', { workspaceIds: ['w-port', 'w-other'] })).hits).toHaveLength(2);
  });

  it('filters by status, author, label, template and updated range, also past the narrow-filter list', async () => {
    const fx = fixture();
    // Inserted first, so the small specs below are more recent; more matching sections than a
    // narrow filter's list holds, so status=draft takes the wide path.
    const filler = 'with padding words around it so the body is long';
    const big = await fx.addSpec(`# Big\n\n${Array.from({ length: 2100 }, (_, i) => `## Part ${i}\n\nzither ${filler}\n`).join('\n')}`, { updatedAt: '2024-09-01T00:00:00.000Z' });
    const a = await fx.addSpec('# A\n\n## S\n\nzither a\n', { status: 'approved', authorId: 'u-other', labels: ['ops'], templateId: 'tpl-x', updatedAt: '2024-03-01T00:00:00.000Z' });
    const b = await fx.addSpec('# B\n\n## S\n\nzither b\n', { labels: ['ops', 'ui'], updatedAt: '2024-06-01T00:00:00.000Z' });
    const c = await fx.addSpec('# C\n\n## S\n\nzither c\n', { updatedAt: '2025-01-01T00:00:00.000Z' });
    const specs = async (options: Partial<SearchQuery>): Promise<string[]> => {
      const { hits } = await fx.find('zither', { limit: 50, ...options });
      return [...new Set(hits.map((h) => h.specId))].sort();
    };
    expect(await specs({ status: 'approved' })).toEqual([a]);
    expect(await specs({ status: 'draft' })).toEqual([big, b, c].sort());
    expect(await specs({ status: 'rejected' })).toEqual([]);
    expect(await specs({ authorId: 'u-other' })).toEqual([a]);
    expect(await specs({ label: 'ops' })).toEqual([a, b].sort());
    expect(await specs({ label: 'ui' })).toEqual([b]);
    expect(await specs({ label: 'nonexistent' })).toEqual([]);
    expect(await specs({ templateId: 'tpl-x' })).toEqual([a]);
    expect(await specs({ updatedBefore: '2024-05-01T00:00:00.000Z' })).toEqual([a]);
    expect(await specs({ updatedAfter: '2024-06-01T00:00:00.000Z', updatedBefore: '2024-08-31T23:59:59.999Z' })).toEqual([b]);
    // Both bounds are inclusive.
    expect(await specs({ updatedAfter: '2024-06-01T00:00:00.000Z', updatedBefore: '2024-09-01T00:00:00.000Z' })).toEqual([big, b].sort());
    expect(await specs({ updatedAfter: '2024-12-01T00:00:00.000Z' })).toEqual([c]);
    expect(await specs({ status: 'draft', label: 'ops' })).toEqual([b]);
    expect(await specs({ status: 'draft', updatedBefore: '2024-12-01T00:00:00.000Z' })).toEqual([big, b].sort());
    await fx.remove(big);
  });

  it('pages through every hit exactly once, best first, by position', async () => {
    const fx = fixture();
    for (let i = 0; i < 7; i += 1) {
      await fx.addSpec(`# Page ${i}\n\n## One\n\n${'kazoo '.repeat(i + 1)}end.\n\n## Two\n\nkazoo once.\n`);
    }
    const all = (await fx.find('kazoo', { limit: 100 })).hits;
    expect(all).toHaveLength(14);
    const seen: SearchHit[] = [];
    let after = null;
    for (let pages = 0; pages < 20; pages += 1) {
      const page = await fx.find('kazoo', { limit: 3, after });
      seen.push(...page.hits);
      if (page.next === null) break;
      expect(page.hits).toHaveLength(3);
      after = page.next;
    }
    expect(where(seen)).toEqual(where(all));
  });

  it('indexes a huge section without failing the save (text capped)', async () => {
    const fx = fixture();
    const words = Array.from({ length: 60_000 }, (_, i) => `w${i.toString(36)}q`).join(' ');
    const id = await fx.addSpec(`# Huge\n\n## All\n\nsousaphone ${words}\n`);
    expect(words.length).toBeGreaterThan(MAX_INDEXED_CHARS);
    expect(where((await fx.find('sousaphone')).hits)).toEqual([`${id}#all`]);
  });

  describe('hostile queries', () => {
    it('each one is reduced to plain words, which the engine answers without error', async () => {
      const fx = fixture();
      const probe = await fx.addSpec(PROBE_MARKDOWN);
      for (const { name, q, outcome } of HOSTILE_QUERIES) {
        const terms = searchTerms(q);
        if (outcome.status === 400 && outcome.code === 'search_query_empty') {
          expect(terms, name).toEqual([]);
          continue;
        }
        for (const term of terms) expect(term, name).toMatch(/^[\p{L}\p{N}][\p{L}\p{N}\p{M}]*$/u);
        const page = await fx.find(q, { terms: terms.slice(0, MAX_QUERY_TERMS) });
        if (outcome.status === 200) expect(page.hits.some((h) => h.specId === probe), name).toBe(outcome.finds);
      }
    });
  });
});
