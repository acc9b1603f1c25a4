// A throwaway PostgreSQL database for one part of the suite: created on the server at
// BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres), dropped afterwards.
import pg from 'pg';

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function adminUrl(): string {
  const value = process.env.BENCH_POSTGRES_URL?.trim();
  return value === undefined || value === '' ? DEFAULT_ADMIN_URL : value;
}

/** Why PostgreSQL cannot be used (connection refused, auth...), or null when it answers. */
export async function postgresUnavailable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface TempDatabase {
  /** Connection URL of the new database. */
  readonly url: string;
  drop(): Promise<void>;
}

export async function createTempDatabase(admin: string): Promise<TempDatabase> {
  const name = `specboard_bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await withClient(admin, (client) => client.query(`create database "${name}"`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await withClient(admin, (client) => client.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
