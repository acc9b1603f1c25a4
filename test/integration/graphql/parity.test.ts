// Parity: every REST operation in the OpenAPI document has a GraphQL counterpart (a field that
// declares it mirrors that operation), unless it is on the short exclusion list below.
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IntrospectionQuery } from 'graphql';
import { buildClientSchema, getIntrospectionQuery, printSchema } from '../../../src/server/api/graphql/graphql-module.js';
import { buildGraphqlSchema, graphqlCounterparts } from '../../../src/server/api/graphql/schema.js';
import { describeEachDatabase, ownerSession, useTestServer } from '../harness.js';
import { gqlData } from './helpers.js';

/** REST operations GraphQL deliberately leaves out, each with the reason. */
const EXCLUDED: Readonly<Record<string, string>> = {
  // First-run setup happens once, before anyone can authenticate.
  'GET /setup': 'first-run setup',
  'POST /setup': 'first-run setup',
  // Sessions are cookies set and cleared by HTTP responses: a browser concern.
  'POST /auth/sign-in': 'sets the session cookie',
  'POST /auth/sign-out': 'clears the session cookie',
  'POST /auth/sign-out-everywhere': 'session management (session only)',
  // Account security needs a sign-in session; kept to the REST routes the web client uses.
  'GET /tokens': 'token management (session only)',
  'POST /tokens': 'token management (session only)',
  'DELETE /tokens/:id': 'token management (session only)',
  'POST /me/password': 'password change (session only)',
  // Invite links are opened anonymously by someone who has no account yet.
  'GET /invites/:token': 'anonymous invite preview',
  'POST /invites/:token/accept': 'anonymous invite acceptance (sets a session cookie)',
  // Co-editing speaks the Hocuspocus (Yjs) protocol over a WebSocket, not request/response.
  'GET /collab': 'co-editing WebSocket (docs/events.md)',
};

const PREFIX = '/api/v1';

describeEachDatabase('graphql: parity with REST', (database) => {
  const server = useTestServer(database);

  it('every OpenAPI operation has a GraphQL counterpart or a reason to have none', async () => {
    const doc = await server().anonymous().get<{ paths: Record<string, Record<string, unknown>> }>(`${PREFIX}/openapi.json`);
    expect(doc.status).toBe(200);
    const operations = Object.entries(doc.body.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.slice(PREFIX.length).replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(operations.length).toBeGreaterThan(50);
    const covered = new Set(graphqlCounterparts().map((c) => c.rest));
    const missing = operations.filter((op) => !covered.has(op) && EXCLUDED[op] === undefined);
    expect(missing, 'REST operations without a GraphQL counterpart: add a field (or a commented exclusion)').toEqual([]);
    // The exclusion list stays honest: nothing on it has a counterpart.
    for (const op of Object.keys(EXCLUDED)) expect(covered.has(op), `${op} is excluded but has a counterpart`).toBe(false);
  });

  it('every counterpart names a field of the schema and an operation of the route table', () => {
    const schema = buildGraphqlSchema();
    const routes = new Set(server().app.routeTable.map((r) => `${r.method} ${r.url.slice(PREFIX.length)}`));
    for (const { field, rest } of graphqlCounterparts()) {
      const [type = '', name = ''] = field.split('.');
      const object = schema.getType(type);
      expect(object && 'getFields' in object ? Object.keys(object.getFields()) : [], field).toContain(name);
      expect(routes.has(rest), `${field} -> ${rest}`).toBe(true);
    }
  });

  it('serves the schema docs/schema.graphql holds (run `npm run schema:graphql` after changing it)', async () => {
    const owner = await ownerSession(server());
    const introspection = await gqlData<IntrospectionQuery>(owner.owner, getIntrospectionQuery());
    const live = printSchema(buildClientSchema(introspection)) + '\n';
    expect(live).toBe(readFileSync(join(import.meta.dirname, '../../../docs/schema.graphql'), 'utf8'));
  });
});
