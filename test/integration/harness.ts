// Integration test harness: run a suite against every database (and Redis) the machine offers.
//
//   describeEachDatabase('tokens', (database) => {
//     const server = useTestServer(database);
//     it('...', async () => { const owner = await server().setupOwner(); ... });
//   });
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { DatabaseConfig } from '../../src/server/config.js';
import type { DialectName } from '../../src/server/db/index.js';
import { isCI, testDatabaseUrl, testRedisUrl, uniqueSuffix } from './harness-env.js';

export { ownerSession, startTestServer, useTestServer, type TestServer, type TestServerOptions } from './harness-server.js';
export { ApiClient, type ApiResponse } from './harness-client.js';

export interface TestDatabase {
  readonly dialect: DialectName;
  /** This suite's own, freshly created database (call inside hooks or tests). */
  config(): DatabaseConfig;
}

export interface TestRedis {
  readonly url: string;
  /** Every key this suite writes must start with it; the harness deletes them afterwards. */
  readonly keyPrefix: string;
}

/**
 * Declares the suite once per database: SQLite (a temp file per suite) and PostgreSQL (a fresh
 * `specboard_test_*` database per suite, dropped afterwards) when TEST_DATABASE_URL is set.
 */
export function describeEachDatabase(name: string, fn: (database: TestDatabase) => void): void {
  describe(`${name} [sqlite]`, () => {
    let dir: string | null = null;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'specboard-test-'));
    });
    afterAll(() => {
      if (dir !== null) rmSync(dir, { recursive: true, force: true });
    });
    fn({
      dialect: 'sqlite',
      config: () => {
        if (dir === null) throw new Error('TestDatabase.config() called outside a hook or test');
        return { dialect: 'sqlite', file: join(dir, 'specboard.db') };
      },
    });
  });

  describeWithService(`${name} [postgres]`, testDatabaseUrl, 'TEST_DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/test', (adminUrl) => {
    let url: string | null = null;
    let dbName = '';
    beforeAll(async () => {
      dbName = `specboard_test_${uniqueSuffix()}`;
      await withAdminClient(adminUrl, (client) => client.query(`create database "${dbName}"`));
      const parsed = new URL(adminUrl);
      parsed.pathname = `/${dbName}`;
      url = parsed.toString();
    });
    afterAll(async () => {
      if (url === null) return;
      await withAdminClient(adminUrl, (client) => client.query(`drop database if exists "${dbName}" with (force)`));
    });
    fn({
      dialect: 'postgres',
      config: () => {
        if (url === null) throw new Error('TestDatabase.config() called outside a hook or test');
        return { dialect: 'postgres', url, poolMax: 5 };
      },
    });
  });
}

/** Declares the suite when TEST_REDIS_URL is set (skipped with a message otherwise; fails under CI). */
export function describeWithRedis(name: string, fn: (redis: () => TestRedis) => void): void {
  describeWithService(`${name} [redis]`, testRedisUrl, 'TEST_REDIS_URL', 'redis://127.0.0.1:6379', (url) => {
    const keyPrefix = `specboard_test_${uniqueSuffix()}:`;
    afterAll(async () => {
      const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
      try {
        await client.connect();
        const keys = await client.keys(`${keyPrefix}*`);
        if (keys.length > 0) await client.del(...keys);
      } finally {
        client.disconnect();
      }
    });
    fn(() => ({ url, keyPrefix }));
  });
}

function describeWithService(
  title: string,
  url: string | null,
  variable: string,
  example: string,
  fn: (url: string) => void,
): void {
  if (url !== null) {
    describe(title, () => fn(url));
    return;
  }
  if (isCI) {
    describe(title, () => {
      it(`requires ${variable} under CI`, () => {
        throw new Error(`${variable} is not set: under CI=true this suite must run, not be skipped (e.g. ${variable}=${example}).`);
      });
    });
    return;
  }
  describe.skip(`${title} (skipped: set ${variable}, e.g. ${example}, to run it)`, () => fn(''));
}

async function withAdminClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
