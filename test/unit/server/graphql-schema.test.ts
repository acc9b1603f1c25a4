// docs/schema.graphql is the live GraphQL schema, printed. Regenerate it with `npm run schema:graphql`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printGraphqlSchema } from '../../../src/server/api/graphql/schema.js';

const FILE = join(import.meta.dirname, '../../../docs/schema.graphql');

describe('docs/schema.graphql', () => {
  it('is the schema the server serves (run `npm run schema:graphql` after changing it)', () => {
    const live = printGraphqlSchema();
    if (process.env.UPDATE_GRAPHQL_SCHEMA === '1') writeFileSync(FILE, live);
    let stored = '';
    try {
      stored = readFileSync(FILE, 'utf8');
    } catch {
      // compared below: a missing file differs
    }
    expect(stored === live, 'docs/schema.graphql differs from the live schema: run `npm run schema:graphql`').toBe(true);
  });
});
