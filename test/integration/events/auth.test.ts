// Who may open /api/v1/events: a session cookie from our own origin, or an API token. The authz
// matrix covers the plain-HTTP answers of this route; the upgrade itself is tested here.
import { beforeAll, expect, it } from 'vitest';
import { ApiClient, describeEachDatabase, ownerSession, useTestServer } from '../harness.js';
import { connect, refusedUpgrade } from './ws-client.js';

describeEachDatabase('live events: authentication of the upgrade', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  beforeAll(async () => {
    owner = (await ownerSession(server())).owner;
  });

  it('refuses anonymous upgrades (401) and unknown tokens (401 invalid_token)', async () => {
    const s = server();
    expect(await refusedUpgrade(s, {})).toEqual({ status: 401, code: 'unauthenticated' });
    expect(await refusedUpgrade(s, { client: new ApiClient(s.baseUrl, { token: 'sbt_nope' }) })).toEqual({ status: 401, code: 'invalid_token' });
  });

  it('refuses a foreign Origin with a cookie or a token, and a cookie without Origin (403 csrf_failed)', async () => {
    const s = server();
    const token = await s.createToken(owner, ['read']);
    expect(await refusedUpgrade(s, { client: owner, origin: 'https://evil.example' })).toEqual({ status: 403, code: 'csrf_failed' });
    expect(await refusedUpgrade(s, { client: owner, origin: null })).toEqual({ status: 403, code: 'csrf_failed' });
    expect(await refusedUpgrade(s, { client: token.client, origin: 'https://evil.example' })).toEqual({ status: 403, code: 'csrf_failed' });
  });

  it('accepts a session cookie with our Origin and a bearer token without Origin', async () => {
    const s = server();
    const viaCookie = await connect(s, { client: owner });
    const token = await s.createToken(owner, ['read']);
    const viaToken = await connect(s, { client: token.client, origin: null });
    expect(viaCookie.messages[0]?.op).toBe('ready');
    expect(viaToken.messages[0]?.op).toBe('ready');
    viaCookie.close();
    viaToken.close();
  });

  it('answers a plain GET without upgrade with 426 upgrade_required', async () => {
    const res = await owner.get('/api/v1/events');
    expect(res.status).toBe(426);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
