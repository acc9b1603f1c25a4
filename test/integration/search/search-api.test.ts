// GET /api/v1/search at the HTTP edge: query validation, hostile input and who may search where.
// (Finding specs as they change: search-specs.test.ts.)
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, useTestServer, type ApiClient } from '../harness.js';
import { createSpec } from '../specs/helpers.js';
import { HOSTILE_QUERIES, PROBE_MARKDOWN } from './hostile-queries.js';

interface Problem {
  code: string;
  status: number;
}

type Answer = Problem & { items: { specId: string }[]; nextCursor: string | null };

const search = (client: ApiClient, params: Record<string, string>) => client.get<Answer>(`/api/v1/search?${new URLSearchParams(params).toString()}`);

describeEachDatabase('search API', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let outsider: ApiClient;
  let probeId: string;

  beforeAll(async () => {
    const s = server();
    const setup = await s.setupOwner({ workspaceKey: 'SRCH' });
    owner = setup.client;
    await owner.post('/api/v1/workspaces', { name: 'Elsewhere', key: 'ELSE' });
    outsider = (await s.addMember(owner, 'ELSE', 'owner')).client;
    probeId = (await createSpec(owner, 'SRCH', { markdown: PROBE_MARKDOWN })).id;
  });

  it('hostile queries: every one answers 200 or a 400 problem with its stable code, never 500', async () => {
    const answers: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const { name, q, raw, outcome } of HOSTILE_QUERIES) {
      const res = raw === true ? await owner.get<Answer>(`/api/v1/search?q=${q}`) : await search(owner, { q });
      const found = res.status === 200 && res.body.items.some((h) => h.specId === probeId);
      answers[name] = res.status === 200 ? `200 ${found ? 'finds' : 'misses'} the probe` : `${res.status} ${res.body.code}`;
      expected[name] = outcome.status === 200 ? `200 ${outcome.finds ? 'finds' : 'misses'} the probe` : `400 ${outcome.code}`;
      if (res.status !== 200) expect(res.headers.get('content-type'), name).toMatch(/problem\+json/);
    }
    expect(answers).toEqual(expected);
  });

  it('a missing q is a validation problem naming the field', async () => {
    const res = await owner.get<{ code: string; errors: { field: string; in: string; code: string }[] }>('/api/v1/search');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ field: 'q', in: 'query', code: 'required' }));
  });

  it('refuses bad filters and page sizes with validation problems', async () => {
    const invalid: Record<string, string>[] = [
      { q: 'x', status: 'bogus' },
      { q: 'x', limit: '0' },
      { q: 'x', limit: '51' },
      { q: 'x', updatedAfter: 'yesterday' },
      { q: 'x', updatedBefore: '2024-13-45T99:99' },
      { q: 'x', label: '' },
    ];
    for (const params of invalid) {
      const res = await search(owner, params);
      expect(res.status, JSON.stringify(params)).toBe(400);
      expect(res.body.code, JSON.stringify(params)).toBe('validation_failed');
    }
  });

  it('refuses a cursor it did not hand out, or one from another query', async () => {
    for (const cursor of ['nonsense', Buffer.from('{"s":1,"r":2,"f":"x"}').toString('base64url'), Buffer.from('[]').toString('base64url')]) {
      const res = await search(owner, { q: 'anything', cursor });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('invalid_cursor');
    }
  });

  it('searching a workspace you are not a member of is 404, as if it did not exist', async () => {
    for (const workspace of ['SRCH', 'NOPE']) {
      const res = await search(outsider, { q: 'anything', workspace });
      expect(res.status, workspace).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
    expect((await search(owner, { q: 'anything', workspace: 'SRCH' })).status).toBe(200);
  });

  it('needs a signed-in user or a token with the read scope', async () => {
    const s = server();
    expect((await search(s.anonymous(), { q: 'x' })).status).toBe(401);
    const token = await s.createToken(owner, ['read']);
    const res = await search(token.client, { q: 'x' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], nextCursor: null });
    // (The probe spec has no such word; the token's user sees the workspace.)
    expect((await search(token.client, { q: 'quux' })).body.items.map((h) => h.specId)).toEqual([probeId]);
  });

  it('documents the search route and its snippet format in the OpenAPI schema', async () => {
    const res = await server().anonymous().get<{ paths: Record<string, { get?: { responses: Record<string, unknown> } }> }>('/api/v1/openapi.json');
    const operation = res.body.paths['/api/v1/search']?.get;
    expect(operation).toBeDefined();
    const schema = JSON.stringify(operation?.responses['200']);
    expect(schema).toContain('"snippet"');
    expect(schema).toContain('"match"');
    expect(schema).toContain('Never HTML');
  });
});
