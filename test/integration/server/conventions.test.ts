// Conventions the issue fixes for every part of the API and storage, checked across the whole
// surface so a new route or table that breaks them fails here.
import { expect, it } from 'vitest';
import { describeEachDatabase, ownerSession, useTestServer } from '../harness.js';
import { createSpec } from '../specs/helpers.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;
const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** Every property name declared anywhere in a JSON schema (nested objects, arrays, unions). */
function propertyNames(schema: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(schema)) {
    for (const item of schema) propertyNames(item, into);
  } else if (typeof schema === 'object' && schema !== null) {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && typeof value === 'object' && value !== null) for (const name of Object.keys(value as object)) into.add(name);
      if (key !== 'example' && key !== 'examples') propertyNames(value, into);
    }
  }
  return into;
}

describeEachDatabase('API and storage conventions', (database) => {
  const server = useTestServer(database);

  it('every JSON property in every request and response schema of the OpenAPI document is camelCase', async () => {
    const doc = await server().anonymous().get<{ paths: Record<string, unknown>; components?: unknown }>('/api/v1/openapi.json');
    const names = [...propertyNames(doc.body.paths), ...propertyNames(doc.body.components ?? {})];
    expect(names.length).toBeGreaterThan(50);
    expect(names.filter((name) => !CAMEL_CASE.test(name))).toEqual([]);
  });

  it('every error code is snake_case', async () => {
    const { ERROR_CODES } = await import('../../../src/server/errors/codes.js');
    expect(Object.keys(ERROR_CODES).filter((code) => !SNAKE_CASE.test(code))).toEqual([]);
  });

  it('ids are UUIDv7 (time-ordered) and passwords are stored as argon2id hashes', async () => {
    const { owner, ws } = await ownerSession(server());
    const spec = await createSpec(owner, ws, { title: 'Ids' });
    const db = server().app.database.db;
    const ids = [
      ...(await db.selectFrom('users').select('id').execute()),
      ...(await db.selectFrom('workspaces').select('id').execute()),
      ...(await db.selectFrom('specs').select('id').execute()),
      ...(await db.selectFrom('revisions').select('id').execute()),
      ...(await db.selectFrom('sessions').select('id').execute()),
      ...(await db.selectFrom('auditEvents').select('id').execute()),
    ].map((r) => r.id);
    expect(ids).toContain(spec.id);
    expect(ids.filter((id) => !UUID_V7.test(id))).toEqual([]);
    const hashes = await db.selectFrom('users').select('passwordHash').execute();
    expect(hashes.length).toBeGreaterThan(0);
    expect(hashes.every((h) => h.passwordHash.startsWith('$argon2id$'))).toBe(true);
  });
});
