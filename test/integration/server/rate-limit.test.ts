import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { rateClassOf } from '../../../src/server/api/route-table.js';
import { describeEachDatabase, describeWithRedis, ownerSession, startTestServer, useTestServer, type ApiResponse } from '../harness.js';

function expect429(res: ApiResponse): void {
  expect(res.status).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ code: 'rate_limited', status: 429 });
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
}

describeEachDatabase('rate limits', (database) => {
  const server = useTestServer(database, { env: { RATE_LIMIT_STRICT: '3' } });

  it('is strict on sign-in: 429 rate_limited with Retry-After', async () => {
    const anon = server().anonymous();
    const attempt = () => anon.post('/api/v1/auth/sign-in', { email: 'who@example.com', password: 'guess' });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    expect429(await attempt());
  });

  it('is strict on setup and on invites', async () => {
    const anon = server().anonymous();
    for (let i = 0; i < 3; i++) expect((await anon.get('/api/v1/invites/sbi_nope')).status).toBe(404);
    expect429(await anon.get('/api/v1/invites/sbi_nope'));
    const body = { name: 'x', email: 'x@example.com', password: 'long enough pw', workspace: { name: 'w', key: 'WW' } };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await server().anonymous().post('/api/v1/setup', body)).status);
    expect(statuses).toEqual([201, 409, 409, 429]);
  });
});

describeEachDatabase('rate limits on invites', (database) => {
  const server = useTestServer(database, { env: { RATE_LIMIT_STRICT: '3' } });

  it('declares the strict class on sign-in, setup, password change and every invite route', () => {
    const strict = server().app.routeTable.filter((r) => rateClassOf(r.method, r.access) === 'strict').map((r) => `${r.method} ${r.url}`);
    expect(strict.sort()).toEqual([
      'GET /api/v1/invites/:token',
      'POST /api/v1/auth/sign-in',
      'POST /api/v1/invites/:token/accept',
      'POST /api/v1/me/password',
      'POST /api/v1/setup',
      'POST /api/v1/workspaces/:ws/invites',
    ]);
  });

  it('limits creating and accepting invites: 429 with Retry-After after the strict budget', async () => {
    const { owner, ws } = await ownerSession(server());
    const created: number[] = [];
    for (let i = 0; i < 4; i++) created.push((await owner.post(`/api/v1/workspaces/${ws}/invites`, { role: 'viewer' })).status);
    expect(created.slice(0, 3)).toEqual([201, 201, 201]);
    expect429(await owner.post(`/api/v1/workspaces/${ws}/invites`, { role: 'viewer' }));
    const anon = server().anonymous();
    const accept = () => anon.post('/api/v1/invites/sbi_nope/accept', { name: 'X', email: 'x@example.com', password: 'long enough pw' });
    for (let i = 0; i < 3; i++) expect((await accept()).status).toBe(404);
    expect429(await accept());
  });
});

describeEachDatabase('rate limits on reads', (database) => {
  const server = useTestServer(database, { env: { RATE_LIMIT_READ: '5' } });

  it('counts a signed-in user separately from anonymous callers on the same IP', async () => {
    const owner = await server().setupOwner();
    for (let i = 0; i < 5; i++) expect((await owner.client.get('/api/v1/me')).status).toBe(200);
    expect429(await owner.client.get('/api/v1/me'));
    expect((await server().anonymous().get('/api/v1/setup')).status).toBe(200);
  });
});

describeWithRedis('rate limits shared through Redis', (redis) => {
  describeEachDatabase('two servers, one limit', (database) => {
    it('counts requests to either server against the same limit', async () => {
      const keyPrefix = `${redis().keyPrefix}${database.dialect}:`;
      const env = { REDIS_URL: redis().url, REDIS_KEY_PREFIX: keyPrefix, RATE_LIMIT_STRICT: '3' };
      const a = await startTestServer(database, { env });
      const b = await startTestServer(database, { env });
      try {
        const attempt = (url: string) =>
          fetch(`${url}/api/v1/auth/sign-in`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: 'z@example.com', password: 'nope' }),
          });
        expect((await attempt(a.baseUrl)).status).toBe(401);
        expect((await attempt(b.baseUrl)).status).toBe(401);
        expect((await attempt(a.baseUrl)).status).toBe(401);
        const limited = await attempt(b.baseUrl);
        expect(limited.status).toBe(429);
        expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
        const client = new Redis(redis().url);
        try {
          expect((await client.keys(`${keyPrefix}*`)).length).toBeGreaterThan(0);
        } finally {
          client.disconnect();
        }
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
});
