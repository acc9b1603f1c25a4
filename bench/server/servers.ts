// Starting the servers under test: the real app (configured from the environment like `npm start`)
// and the bare baseline, each in its own process.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChild, type ChildServer } from './child.js';
import type { RecordedResponse } from './recorded.js';

export interface AppServerOptions {
  /** postgres://... for PostgreSQL; SQLite in the data directory otherwise. */
  readonly databaseUrl?: string;
  readonly logLevel: string;
}

export interface AppServer extends ChildServer {
  readonly dataDir: string;
  /** The SQLite database file (meaningful when no databaseUrl was given). */
  readonly sqliteFile: string;
  /** Stops the process and deletes its data directory. */
  stop(): Promise<void>;
}

/** Rate limits far above any load the benchmark makes: the limiter still runs on every request. */
const UNLIMITED = '1000000';

export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'specboard-bench-'));
  const env: Record<string, string> = {
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: options.logLevel,
    RATE_LIMIT_STRICT: UNLIMITED,
    RATE_LIMIT_WRITE: UNLIMITED,
    RATE_LIMIT_READ: UNLIMITED,
    RATE_LIMIT_WINDOW_MS: '1000',
    WEB_DIR: join(dataDir, 'no-web-build'),
    // A Redis or database URL from the caller's shell must not leak into the server under test.
    REDIS_URL: '',
    DATABASE_URL: options.databaseUrl ?? '',
  };
  let child: ChildServer;
  try {
    child = await startChild('./serve-app.ts', env);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: child.url,
    pid: child.pid,
    dataDir,
    sqliteFile: join(dataDir, 'specboard.db'),
    async stop() {
      await child.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts the baseline replaying `recorded`; its route is at BARE_PATH. */
export async function startBareServer(recorded: RecordedResponse): Promise<ChildServer> {
  const dir = mkdtempSync(join(tmpdir(), 'specboard-bench-bare-'));
  const file = join(dir, 'response.json');
  writeFileSync(file, JSON.stringify(recorded));
  try {
    const child = await startChild('./serve-bare.ts', {}, [file]);
    return {
      url: child.url,
      pid: child.pid,
      async stop() {
        await child.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
