import { beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient } from '../harness.js';

const DAY = 24 * 3_600_000;

interface TokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

describeEachDatabase('personal API tokens', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let ws: string;
  beforeAll(async () => {
    ({ owner, ws } = await ownerSession(server()));
  });

  it('shows the secret once and stores only its SHA-256', async () => {
    const res = await owner.post<{ token: TokenView; secret: string }>('/api/v1/tokens', { name: 'CI', scopes: ['read'] });
    expect(res.status).toBe(201);
    expect(res.body.secret).toMatch(/^sb_[A-Za-z0-9_-]{43}$/);
    expect(res.body.secret.startsWith(res.body.token.prefix)).toBe(true);
    const list = await owner.get<{ items: TokenView[]; nextCursor: string | null }>('/api/v1/tokens');
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(res.body.secret);
    expect(list.body.items.map((t) => t.id)).toContain(res.body.token.id);
    const rows = await sql<{ token_hash: string }>`select token_hash from api_tokens`.execute(server().app.database.db.withoutPlugins());
    expect(rows.rows.some((r) => r.token_hash === res.body.secret)).toBe(false);
    expect(rows.rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it('a read token reads but cannot write, and cannot manage tokens', async () => {
    const { client } = await server().createToken(owner, ['read']);
    expect((await client.get('/api/v1/me')).status).toBe(200);
    expect((await client.get(`/api/v1/workspaces/${ws}`)).status).toBe(200);
    const write = await client.patch(`/api/v1/workspaces/${ws}`, { name: 'Nope' });
    expect(write.status).toBe(403);
    expect(write.body).toMatchObject({ code: 'insufficient_scope' });
    const rename = await client.patch('/api/v1/me', { name: 'Nope' });
    expect(rename.body).toMatchObject({ code: 'insufficient_scope' });
    const mint = await client.post('/api/v1/tokens', { name: 'more', scopes: ['admin'] });
    expect(mint.status).toBe(403);
    expect(mint.body).toMatchObject({ code: 'session_required' });
  });

  it('an admin-scope token never does more than its user role allows', async () => {
    const viewer = await server().addMember(owner, ws, 'viewer');
    const { client } = await server().createToken(viewer.client, ['admin']);
    expect((await client.get(`/api/v1/workspaces/${ws}/members`)).status).toBe(200);
    const add = await client.post(`/api/v1/workspaces/${ws}/members`, { name: 'X', email: server().uniqueEmail(), password: 'long enough', role: 'viewer' });
    expect(add.status).toBe(403);
    expect(add.body).toMatchObject({ code: 'forbidden' });
    const rename = await client.patch(`/api/v1/workspaces/${ws}`, { name: 'Mine now' });
    expect(rename.status).toBe(403);
  });

  it('records lastUsedAt when a token is used', async () => {
    const token = await server().createToken(owner, ['read']);
    await token.client.get('/api/v1/me');
    const list = await owner.get<{ items: TokenView[] }>('/api/v1/tokens');
    expect(list.body.items.find((t) => t.id === token.id)?.lastUsedAt).not.toBeNull();
  });

  it('stops working after its expiry', async () => {
    const expiresAt = new Date(server().clock.now().getTime() + DAY).toISOString();
    const token = await server().createToken(owner, ['read'], expiresAt);
    expect((await token.client.get('/api/v1/me')).status).toBe(200);
    server().clock.advance(2 * DAY);
    const res = await token.client.get('/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'invalid_token' });
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('refuses an expiry in the past', async () => {
    const res = await owner.post('/api/v1/tokens', { name: 'old', scopes: ['read'], expiresAt: '2000-01-01T00:00:00Z' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ field: 'expiresAt' })] });
  });

  it('stops working once revoked; revoking is audited and idempotent', async () => {
    const token = await server().createToken(owner, ['write']);
    expect((await token.client.get('/api/v1/me')).status).toBe(200);
    expect((await owner.delete(`/api/v1/tokens/${token.id}`)).status).toBe(204);
    expect((await owner.delete(`/api/v1/tokens/${token.id}`)).status).toBe(204);
    expect((await token.client.get('/api/v1/me')).status).toBe(401);
    const listed = await owner.get<{ items: TokenView[] }>('/api/v1/tokens');
    expect(listed.body.items.find((t) => t.id === token.id)?.revokedAt).not.toBeNull();
    const audit = await server()
      .app.database.db.selectFrom('auditEvents')
      .select('action')
      .where('targetId', '=', token.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['token.created', 'token.revoked']);
  });

  it("answers 404 for someone else's token", async () => {
    const token = await server().createToken(owner, ['read']);
    const other = await server().addMember(owner, ws, 'admin');
    const res = await other.client.delete(`/api/v1/tokens/${token.id}`);
    expect(res.status).toBe(404);
    expect((await token.client.get('/api/v1/me')).status).toBe(200);
  });

  it('rejects unknown and malformed bearer tokens with invalid_token', async () => {
    for (const header of ['Bearer sb_unknown', 'Bearer', 'Basic Zm9vOmJhcg==', 'Bearer a b']) {
      const res = await fetch(`${server().baseUrl}/api/v1/me`, { headers: { authorization: header } });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'invalid_token' });
    }
  });

  it('paginates the token list with an opaque cursor', async () => {
    for (let i = 0; i < 3; i++) await server().createToken(owner, ['read']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/api/v1/tokens?limit=2${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const page = await owner.get<{ items: TokenView[]; nextCursor: string | null }>(path);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((t) => t.id));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    const all = await owner.get<{ items: TokenView[] }>('/api/v1/tokens?limit=200');
    expect(seen).toEqual(all.body.items.map((t) => t.id));
    expect(new Set(seen).size).toBe(seen.length);
  });
});
