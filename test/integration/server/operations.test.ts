import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, startTestServer, useTestServer } from '../harness.js';

describeEachDatabase('health, metrics and OpenAPI', (database) => {
  const server = useTestServer(database);

  it('GET /healthz and /readyz answer when the database does', async () => {
    const health = await server().anonymous().get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    const ready = await server().anonymous().get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', database: database.dialect });
  });

  it('GET /metrics exposes request durations by route and status, query durations and connection gauges', async () => {
    await server().anonymous().get('/api/v1/setup');
    await server().anonymous().get('/api/v1/nope');
    const res = await server().anonymous().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/specboard_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/setup",status_code="200"\} \d+/);
    expect(res.text).toMatch(/specboard_http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="404"\} \d+/);
    expect(res.text).toMatch(new RegExp(`specboard_db_query_duration_seconds_count\\{dialect="${database.dialect}",outcome="ok"\\} [1-9]`));
    expect(res.text).toMatch(/specboard_http_open_connections [1-9]/);
    expect(res.text).toMatch(/specboard_db_open_connections [1-9]/);
  });

  it('serves an OpenAPI 3.1 document describing every API route, and the docs page', async () => {
    const res = await server().anonymous().get<{ openapi: string; paths: Record<string, Record<string, unknown>> }>('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const toOpenApi = (url: string) => url.replace(/:(\w+)/g, '{$1}');
    for (const route of server().app.routeTable) {
      if (route.url.endsWith('/openapi.json')) continue;
      expect(res.body.paths[toOpenApi(route.url)]?.[route.method.toLowerCase()], `${route.method} ${route.url}`).toBeDefined();
    }
    const login = res.body.paths['/api/v1/auth/sign-in']?.post as { requestBody: { content: Record<string, { schema: { additionalProperties: boolean } }> } };
    expect(login.requestBody.content['application/json']?.schema.additionalProperties).toBe(false);
    const docs = await fetch(`${server().baseUrl}/api/docs/`, { redirect: 'follow' });
    expect(docs.status).toBe(200);
    expect(await docs.text()).toMatch(/swagger/i);
  });

  it('sends security headers on API responses', async () => {
    const res = await server().anonymous().get('/api/v1/setup');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});

describeEachDatabase('metrics behind a token', (database) => {
  const server = useTestServer(database, { env: { METRICS_TOKEN: 'scrape-me' } });

  it('requires METRICS_TOKEN when set', async () => {
    expect((await server().anonymous().get('/metrics')).status).toBe(401);
    expect((await server().anonymous().get('/metrics', { headers: { authorization: 'Bearer scrape-me' } })).status).toBe(200);
  });
});

describeEachDatabase('serving the built web client', (database) => {
  let webDir: string;
  beforeAll(() => {
    webDir = mkdtempSync(join(tmpdir(), 'specboard-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Specboard</title><div id="app"></div>');
    writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log("app");');
  });
  afterAll(() => rmSync(webDir, { recursive: true, force: true }));

  it('serves files, falls back to index.html for app paths, keeps API 404s as problems, with a strict CSP', async () => {
    const server = await startTestServer(database, { config: { webDir } });
    try {
      const anon = server.anonymous();
      const index = await anon.get('/');
      expect(index.status).toBe(200);
      expect(index.text).toContain('<div id="app">');
      const csp = index.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      const asset = await anon.get('/assets/app.js');
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      const deepLink = await anon.get('/w/SPEC/specs/42');
      expect(deepLink.status).toBe(200);
      expect(deepLink.text).toContain('<div id="app">');
      const api = await anon.get('/api/v1/not-a-route');
      expect(api.status).toBe(404);
      expect(api.headers.get('content-type')).toMatch(/problem\+json/);
      // /graphql itself is the GraphQL endpoint (a GET without a query is a GraphQL error, not the app).
      const graphql = await anon.get('/graphql');
      expect(graphql.status).toBe(400);
      expect(graphql.text).not.toContain('<div id="app">');
      for (const path of ['/graphql/x', '/metrics/x', '/api', '/healthz/x']) {
        const owned = await anon.get(path);
        expect(owned.status, path).toBe(404);
        expect(owned.text, path).not.toContain('<div id="app">');
      }
      const post = await anon.post('/w/SPEC', {});
      expect(post.status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('without a build, non-API paths are plain 404 problems', async () => {
    const server = await startTestServer(database);
    try {
      const res = await server.anonymous().get('/');
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'not_found' });
    } finally {
      await server.close();
    }
  });
});
