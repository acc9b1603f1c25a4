import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, useTestServer, type ApiClient } from '../harness.js';
import { TEST_PASSWORD } from '../harness-server.js';

describeEachDatabase('CSRF protection', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let cookie: string;
  beforeAll(async () => {
    owner = (await server().setupOwner()).client;
    cookie = owner.cookie ?? '';
  });

  const write = (headers: Record<string, string>) =>
    fetch(`${server().baseUrl}/api/v1/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: `specboard_session=${cookie}`, ...headers },
      body: JSON.stringify({ name: 'Changed' }),
    });

  it('refuses a cookie-authenticated write without the X-Specboard-Csrf header', async () => {
    const res = await write({ origin: server().baseUrl });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'csrf_failed' });
  });

  it('refuses a cookie-authenticated write from a foreign or missing Origin', async () => {
    const foreign = await write({ origin: 'https://evil.example', 'x-specboard-csrf': '1' });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ code: 'csrf_failed' });
    const missing = await write({ 'x-specboard-csrf': '1' });
    expect(missing.status).toBe(403);
  });

  it('accepts a same-origin write with the header', async () => {
    const res = await write({ origin: server().baseUrl, 'x-specboard-csrf': '1' });
    expect(res.status).toBe(200);
  });

  it('does not need CSRF headers for reads or for token-authenticated writes', async () => {
    const read = await fetch(`${server().baseUrl}/api/v1/me`, { headers: { cookie: `specboard_session=${cookie}` } });
    expect(read.status).toBe(200);
    const token = await server().createToken(owner, ['write']);
    const res = await fetch(`${server().baseUrl}/api/v1/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.secret}` },
      body: JSON.stringify({ name: 'Via token' }),
    });
    expect(res.status).toBe(200);
  });

  it('refuses a cross-site sign-in (login CSRF) but allows a plain API client without Origin', async () => {
    const email = (await owner.get<{ email: string }>('/api/v1/me')).body.email;
    const body = JSON.stringify({ email, password: TEST_PASSWORD });
    const crossSite = await fetch(`${server().baseUrl}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body,
    });
    expect(crossSite.status).toBe(403);
    const cli = await fetch(`${server().baseUrl}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(cli.status).toBe(200);
  });
});
