import { expect, it } from 'vitest';
import { describeEachDatabase, startTestServer, useTestServer } from '../harness.js';
import { TEST_PASSWORD } from '../harness-server.js';

const DAY = 24 * 3_600_000;

describeEachDatabase('first-run setup and sessions', (database) => {
  const server = useTestServer(database);

  it('setup is needed once: creates the first owner and workspace, then answers 409 already_set_up', async () => {
    const anon = server().anonymous();
    expect((await anon.get('/api/v1/setup')).body).toEqual({ needed: true });
    const owner = await server().setupOwner({ email: 'first@example.com', workspaceKey: 'SPEC' });
    expect(owner.client.cookie).toMatch(/^sbs_/);
    expect((await anon.get('/api/v1/setup')).body).toEqual({ needed: false });
    const again = await anon.post('/api/v1/setup', {
      name: 'Mallory',
      email: 'mallory@example.com',
      password: TEST_PASSWORD,
      workspace: { name: 'Mine', key: 'MINE' },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'already_set_up', status: 409 });
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const me = await owner.client.get<{ email: string; memberships: { workspaceKey: string; role: string }[] }>('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.email).toBe('first@example.com');
    expect(me.body.memberships).toEqual([expect.objectContaining({ workspaceKey: 'SPEC', role: 'owner' })]);
  });

  it('signs in with a password into an HttpOnly SameSite=Lax cookie (not Secure over http)', async () => {
    const anon = server().anonymous();
    const res = await anon.post('/api/v1/auth/sign-in', { email: 'FIRST@example.com ', password: TEST_PASSWORD });
    // Email is trimmed/case-folded by the schema only after validation: a trailing space is invalid input.
    expect(res.status).toBe(400);
    const ok = await anon.post('/api/v1/auth/sign-in', { email: 'FIRST@example.com', password: TEST_PASSWORD });
    expect(ok.status).toBe(200);
    const cookie = ok.headers.getSetCookie().find((c) => c.startsWith('specboard_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect((await anon.get('/api/v1/me')).status).toBe(200);
  });

  it('refuses wrong credentials with the same invalid_credentials for unknown emails', async () => {
    const anon = server().anonymous();
    const wrong = await anon.post('/api/v1/auth/sign-in', { email: 'first@example.com', password: 'not the password' });
    const unknown = await anon.post('/api/v1/auth/sign-in', { email: 'nobody@example.com', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'invalid_credentials' });
    expect(unknown.body).toMatchObject({ code: 'invalid_credentials' });
    expect(anon.cookie).toBeNull();
  });

  it('signs out: the session is revoked server-side, not just the cookie cleared', async () => {
    const client = await server().signIn('first@example.com', TEST_PASSWORD);
    const stolen = client.clone();
    const out = await client.post('/api/v1/auth/sign-out');
    expect(out.status).toBe(204);
    expect(client.cookie).toBeNull();
    expect((await stolen.get('/api/v1/me')).status).toBe(401);
    // Signing out again is harmless.
    expect((await stolen.post('/api/v1/auth/sign-out')).status).toBe(204);
  });

  it('signs out everywhere: every session of the user ends', async () => {
    const a = await server().signIn('first@example.com', TEST_PASSWORD);
    const b = await server().signIn('first@example.com', TEST_PASSWORD);
    expect((await b.get('/api/v1/me')).status).toBe(200);
    expect((await a.post('/api/v1/auth/sign-out-everywhere')).status).toBe(204);
    expect((await a.get('/api/v1/me')).status).toBe(401);
    expect((await b.get('/api/v1/me')).status).toBe(401);
  });

  it('changes the password: needs the current one, keeps this session, ends the others', async () => {
    const current = await server().signIn('first@example.com', TEST_PASSWORD);
    const other = await server().signIn('first@example.com', TEST_PASSWORD);
    const wrong = await current.post('/api/v1/me/password', { currentPassword: 'nope', newPassword: 'a new password!' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'wrong_password' });
    const short = await current.post('/api/v1/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ field: 'newPassword', code: 'too_short' })] });
    const ok = await current.post('/api/v1/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'a new password!' });
    expect(ok.status).toBe(204);
    expect((await current.get('/api/v1/me')).status).toBe(200);
    expect((await other.get('/api/v1/me')).status).toBe(401);
    const oldPassword = await server().anonymous().post('/api/v1/auth/sign-in', { email: 'first@example.com', password: TEST_PASSWORD });
    expect(oldPassword.status).toBe(401);
    const back = await current.post('/api/v1/me/password', { currentPassword: 'a new password!', newPassword: TEST_PASSWORD });
    expect(back.status).toBe(204);
  });

  it('expires sessions after SESSION_TTL_HOURS', async () => {
    const client = await server().signIn('first@example.com', TEST_PASSWORD);
    server().clock.advance(31 * DAY);
    const res = await client.get('/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'unauthenticated' });
  });

  it('updates the display name', async () => {
    const client = await server().signIn('first@example.com', TEST_PASSWORD);
    const res = await client.patch<{ name: string }>('/api/v1/me', { name: '  Olive O.  ' });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Olive O.');
  });
});

describeEachDatabase('session cookie behind https', (database) => {
  it('marks the cookie Secure when PUBLIC_URL is https and checks Origin against it', async () => {
    const server = await startTestServer(database, { env: { PUBLIC_URL: 'https://specs.example.com' } });
    try {
      const res = await fetch(`${server.baseUrl}/api/v1/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://specs.example.com' },
        body: JSON.stringify({ name: 'O', email: 'o@example.com', password: TEST_PASSWORD, workspace: { name: 'W', key: 'WS' } }),
      });
      expect(res.status).toBe(201);
      expect(res.headers.getSetCookie().find((c) => c.startsWith('specboard_session='))).toMatch(/; Secure/);
      const cookie = /specboard_session=([^;]+)/.exec(res.headers.getSetCookie().join(';'))?.[1] ?? '';
      const write = (origin: string) =>
        fetch(`${server.baseUrl}/api/v1/me`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', cookie: `specboard_session=${cookie}`, origin, 'x-specboard-csrf': '1' },
          body: JSON.stringify({ name: 'Renamed' }),
        });
      expect((await write(server.baseUrl)).status).toBe(403);
      expect((await write('https://specs.example.com')).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
