// The GET path keeps authenticated API tokens and serialized spec bodies in memory (token-cache.ts,
// revision-cache.ts): every change must show on the very next request. Each test first warms the
// caches with repeated reads through an API token, then changes something and reads again.
import { beforeAll, expect, it } from 'vitest';
import { ApiClient, describeEachDatabase, describeWithRedis, startTestServer, useTestServer } from '../harness.js';
import { createSpec, expectProblem, getSpec, specsPath, type SpecBody } from './helpers.js';

const WS = 'CACHE';

async function warm(client: ApiClient, spec: string | number): Promise<SpecBody> {
  let last: SpecBody | null = null;
  for (let i = 0; i < 3; i++) {
    const res = await getSpec(client, WS, spec);
    expect(res.status, res.text).toBe(200);
    last = res.body;
  }
  return last as SpecBody;
}

describeEachDatabase('specs: read caches never serve stale data', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let spec: SpecBody;

  beforeAll(async () => {
    owner = (await server().setupOwner({ workspaceKey: WS })).client;
    spec = await createSpec(owner, WS, { title: 'Cached', markdown: '# Cached\n\nFirst text.\n', labels: ['one'] });
  });

  it('a revoked token answers 401 on the next request', async () => {
    const token = await server().createToken(owner, ['read']);
    await warm(token.client, spec.number);
    expect((await owner.delete(`/api/v1/tokens/${token.id}`)).status).toBe(204);
    expectProblem(await getSpec(token.client, WS, spec.number), 401, 'invalid_token');
  });

  it('a removed member gets 404 on the next request', async () => {
    const member = await server().addMember(owner, WS, 'viewer');
    const token = await server().createToken(member.client, ['read']);
    await warm(token.client, spec.number);
    expect((await owner.delete(`/api/v1/workspaces/${WS}/members/${member.id}`)).status).toBe(204);
    expectProblem(await getSpec(token.client, WS, spec.number), 404, 'not_found');
  });

  it('a member downgraded to viewer is refused the next write and still reads', async () => {
    const member = await server().addMember(owner, WS, 'editor');
    const token = await server().createToken(member.client, ['read', 'write']);
    const read = await warm(token.client, spec.number);
    const retitled = await token.client.patch<SpecBody>(specsPath(WS, spec.number), { title: 'By the editor' }, { headers: { 'if-match': read.etag } });
    expect(retitled.status, retitled.text).toBe(200);
    await warm(token.client, spec.number);
    expect((await owner.patch(`/api/v1/workspaces/${WS}/members/${member.id}`, { role: 'viewer' })).status).toBe(200);
    expectProblem(await token.client.patch(specsPath(WS, spec.number), { title: 'Not any more' }), 403, 'forbidden');
    expect((await getSpec(token.client, WS, spec.number)).body.title).toBe('By the editor');
  });

  it('a new revision is served on the next request, with its body, revision and ETag', async () => {
    const token = await server().createToken(owner, ['read', 'write']);
    const before = await warm(token.client, spec.number);
    const put = await token.client.request('PUT', specsPath(WS, spec.number, 'content'), { body: { markdown: '# Cached\n\nSecond text.\n' }, headers: { 'if-match': before.etag } });
    expect(put.status, put.text).toBe(200);
    const after = await getSpec(token.client, WS, spec.number);
    expect(after.status).toBe(200);
    expect(after.body.markdown).toBe('# Cached\n\nSecond text.\n');
    expect(after.body.revision).toBe(before.revision + 1);
    expect(after.headers.get('etag')).toBe(after.body.etag);
    expect(after.body.etag).not.toBe(before.etag);
  });

  it('metadata changed without a new revision (labels, author name) is served on the next request', async () => {
    const token = await server().createToken(owner, ['read', 'write']);
    const before = await warm(token.client, spec.number);
    const relabeled = await token.client.patch(specsPath(WS, spec.number), { labels: ['two', 'three'] });
    expect(relabeled.status, relabeled.text).toBe(200);
    const afterLabels = await getSpec(token.client, WS, spec.number);
    expect(afterLabels.body.labels).toEqual(['three', 'two']);
    expect(afterLabels.body.revision).toBe(before.revision);
    expect(afterLabels.body.markdown).toBe(before.markdown);

    expect((await token.client.patch('/api/v1/me', { name: 'Renamed Owner' })).status).toBe(200);
    const afterRename = await getSpec(token.client, WS, spec.number);
    expect(afterRename.body.author.name).toBe('Renamed Owner');
  });

  it('a deleted spec answers 404 on the next request', async () => {
    const token = await server().createToken(owner, ['read', 'write']);
    const doomed = await createSpec(owner, WS, { title: 'Doomed' });
    await warm(token.client, doomed.number);
    expect((await token.client.delete(specsPath(WS, doomed.number))).status).toBe(204);
    expectProblem(await getSpec(token.client, WS, doomed.number), 404, 'not_found');
  });
});

describeWithRedis('specs: read caches with several nodes', (redis) => {
  describeEachDatabase('two servers on one database', (database) => {
    it('a token revoked through one node answers 401 on the next request to the other', async () => {
      const env = { REDIS_URL: redis().url, REDIS_KEY_PREFIX: `${redis().keyPrefix}${database.dialect}:tokens:` };
      const a = await startTestServer(database, { env });
      const b = await startTestServer(database, { env });
      try {
        const owner = (await a.setupOwner({ workspaceKey: WS })).client;
        const created = await createSpec(owner, WS, { title: 'Two nodes' });
        const token = await a.createToken(owner, ['read']);
        const onB = new ApiClient(b.baseUrl, { token: token.secret });
        for (let i = 0; i < 3; i++) expect((await getSpec(onB, WS, created.number)).status).toBe(200);
        expect((await owner.delete(`/api/v1/tokens/${token.id}`)).status).toBe(204);
        expectProblem(await getSpec(onB, WS, created.number), 401, 'invalid_token');
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
});
