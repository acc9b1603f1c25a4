import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient, type ApiResponse } from '../harness.js';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  requestId: string;
  errors?: { field: string; code: string; in: string }[];
}

function expectProblem(res: ApiResponse, status: number, code: string): ProblemBody {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = res.body as ProblemBody;
  expect(body).toMatchObject({ status, code, type: `urn:specboard:problem:${code}` });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(typeof body.requestId).toBe('string');
  return body;
}

describeEachDatabase('bad input never causes a 500', (database) => {
  const server = useTestServer(database, { env: { BODY_LIMIT: '64kb' } });
  let owner: ApiClient;
  let ws: string;
  beforeAll(async () => {
    ({ owner, ws } = await ownerSession(server()));
  });

  it('malformed JSON is 400 invalid_json', async () => {
    for (const raw of ['{', '{"name": }', "{'single': 1}", 'nul', '[1,]', '']) {
      expectProblem(await owner.request('POST', `/api/v1/workspaces/${ws}/invites`, { rawBody: raw }), 400, 'invalid_json');
    }
  });

  it('prototype pollution attempts are refused', async () => {
    const res = await owner.request('POST', '/api/v1/workspaces', { rawBody: '{"name":"x","key":"PROTO","__proto__":{"admin":true}}' });
    expect(res.status).toBe(400);
    expect(res.status).not.toBe(500);
  });

  it('wrong types are 400 validation_failed naming each field', async () => {
    const res = await owner.post('/api/v1/workspaces', { name: 42, key: ['SPEC'] });
    const body = expectProblem(res, 400, 'validation_failed');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'name', code: 'invalid_type', in: 'body' }),
        expect.objectContaining({ field: 'key', code: 'invalid_type', in: 'body' }),
      ]),
    );
    expect(body.detail).toMatch(/name|key/);
  });

  it('missing fields are named', async () => {
    const body = expectProblem(await owner.post('/api/v1/workspaces', {}), 400, 'validation_failed');
    expect(body.errors?.map((e) => `${e.field}:${e.code}`).sort()).toEqual(['key:required', 'name:required']);
  });

  it('unknown fields are rejected, at any depth', async () => {
    const top = expectProblem(await owner.post('/api/v1/workspaces', { name: 'x', key: 'UNK', admin: true }), 400, 'validation_failed');
    expect(top.errors).toEqual([expect.objectContaining({ field: 'admin', code: 'unknown_field' })]);
    const nested = await server().anonymous().post('/api/v1/setup', { name: 'x', email: 'x@example.com', password: 'long enough', workspace: { name: 'w', key: 'WW', extra: 1 } });
    // Setup is done, but validation comes first.
    const problem = expectProblem(nested, 400, 'validation_failed');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'workspace.extra', code: 'unknown_field' })]);
  });

  it('a body that is not an object is a validation error', async () => {
    for (const body of [[], 'string', 42, null, true]) {
      const problem = expectProblem(await owner.post('/api/v1/workspaces', body), 400, 'validation_failed');
      expect(problem.errors?.[0]?.field).toBe('body');
    }
  });

  it('bodies over BODY_LIMIT are 413 payload_too_large', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(100 * 1024), key: 'HUGE' });
    expectProblem(await owner.request('POST', '/api/v1/workspaces', { rawBody: huge }), 413, 'payload_too_large');
  });

  it('NUL characters and unpaired surrogates are 400 with the field named', async () => {
    const nul = expectProblem(await owner.request('POST', '/api/v1/workspaces', { rawBody: '{"name":"a\\u0000b","key":"NUL"}' }), 400, 'nul_character');
    expect(nul).toMatchObject({ field: 'name', in: 'body' });
    const surrogate = expectProblem(await owner.request('POST', '/api/v1/workspaces', { rawBody: '{"name":"a\\ud800b","key":"SUR"}' }), 400, 'unpaired_surrogate');
    expect(surrogate).toMatchObject({ field: 'name' });
    const inKey = await owner.request('POST', '/api/v1/workspaces', { rawBody: '{"na\\u0000me":"a","key":"KEY"}' });
    expectProblem(inKey, 400, 'nul_character');
    expectProblem(await owner.get(`/api/v1/workspaces/a%00b`), 400, 'nul_character');
    expectProblem(await owner.get(`/api/v1/workspaces/${ws}/members?cursor=%00`), 400, 'nul_character');
  });

  it('a JSON body that is not valid UTF-8 is 400 invalid_utf8, never stored altered', async () => {
    const before = (await owner.get<{ items: unknown[] }>('/api/v1/workspaces')).body.items.length;
    const bytes = Buffer.concat([Buffer.from('{"name":"caf'), Buffer.from([0xc3, 0x28]), Buffer.from('","key":"BADUTF"}')]);
    expectProblem(await owner.request('POST', '/api/v1/workspaces', { rawBody: new Uint8Array(bytes) }), 400, 'invalid_utf8');
    expect((await owner.get<{ items: unknown[] }>('/api/v1/workspaces')).body.items).toHaveLength(before);
    const fine = await owner.request('POST', '/api/v1/workspaces', { rawBody: new Uint8Array(Buffer.from('{"name":"café ☕","key":"GOODUTF"}')) });
    expect(fine.status).toBe(201);
    expect(fine.body).toMatchObject({ name: 'café ☕' });
  });

  it('deeply nested JSON is refused cleanly', async () => {
    const depth = 20_000;
    const raw = `{"name":${'['.repeat(depth)}${']'.repeat(depth)},"key":"DEEP"}`;
    const res = await owner.request('POST', '/api/v1/workspaces', { rawBody: raw });
    expect(res.status).toBe(400);
  });

  it('bodies that are not JSON are 415 unsupported_media_type', async () => {
    const res = await owner.request('POST', '/api/v1/workspaces', { rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expectProblem(res, 415, 'unsupported_media_type');
    const text = await owner.request('POST', '/api/v1/workspaces', { rawBody: 'hello', headers: { 'content-type': 'text/plain' } });
    expectProblem(text, 415, 'unsupported_media_type');
  });

  it('bad query parameters are named', async () => {
    const problem = expectProblem(await owner.get(`/api/v1/workspaces/${ws}/members?limit=abc`), 400, 'validation_failed');
    expect(problem.errors?.[0]).toMatchObject({ field: 'limit', in: 'query' });
    expectProblem(await owner.get(`/api/v1/workspaces/${ws}/members?limit=0`), 400, 'validation_failed');
    expectProblem(await owner.get(`/api/v1/workspaces/${ws}/members?limit=100000000000000000000000`), 400, 'validation_failed');
  });

  it('bad path parameters and URLs are 4xx problems', async () => {
    expectProblem(await owner.get(`/api/v1/workspaces/${ws}/templates/x/versions/notanumber`), 400, 'validation_failed');
    expectProblem(await owner.get(`/api/v1/workspaces/${'x'.repeat(600)}`), 414, 'uri_too_long');
    expectProblem(await owner.get('/api/v1/workspaces/%E0%A4%A'), 400, 'bad_request');
    expectProblem(await owner.get('/api/v1/workspaces/%zz'), 400, 'bad_request');
    expectProblem(await owner.get(`/api/v1/workspaces/${ws}/members/${'01900000-0000-7000-8000-000000000000'}`), 404, 'not_found');
  });

  it('unknown routes and methods are 404 not_found problems', async () => {
    expectProblem(await owner.get('/api/v1/nothing-here'), 404, 'not_found');
    expectProblem(await owner.request('PUT', '/api/v1/me', { body: {} }), 404, 'not_found');
    expectProblem(await server().anonymous().get('/definitely/not/here'), 404, 'not_found');
  });

  it('an empty body where an object is expected is a validation error', async () => {
    const res = await owner.request('POST', '/api/v1/workspaces');
    expectProblem(res, 400, 'validation_failed');
  });

  it('strings over their limits are named', async () => {
    const problem = expectProblem(await owner.post('/api/v1/workspaces', { name: 'x'.repeat(201), key: 'LONG' }), 400, 'validation_failed');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'name', code: 'too_long' })]);
  });

  it('keeps the caller X-Request-Id when safe and echoes it', async () => {
    const res = await owner.get('/api/v1/nothing', { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    expect((res.body as ProblemBody).requestId).toBe('abc-123');
    const unsafe = await owner.get('/api/v1/nothing', { headers: { 'x-request-id': 'a b<script>' } });
    expect(unsafe.headers.get('x-request-id')).not.toBe('a b<script>');
  });
});
