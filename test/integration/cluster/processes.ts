// Server nodes as real processes: the entry point (src/server/main.ts through tsx, as the shutdown
// test runs it) on a port of its own, with the environment a deployment would give each node.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { ApiClient, type TestDatabase } from '../harness.js';
import { TEST_PASSWORD } from '../harness-server.js';

const ROOT = join(import.meta.dirname, '../../..');
const MAIN = join(ROOT, 'src/server/main.ts');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

export interface NodeProcess {
  readonly baseUrl: string;
  readonly child: ChildProcess;
  /** SIGKILL: no shutdown, no flushing, as a crash or `kill -9`. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

export async function startNode(env: Readonly<Record<string, string>>): Promise<NodeProcess> {
  const child = spawn(process.execPath, ['--import', TSX, MAIN], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', RATE_LIMIT_STRICT: '100000', RATE_LIMIT_WRITE: '100000', RATE_LIMIT_READ: '100000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node did not start\n${stderr}`)), 60_000);
    if (child.stdout === null) throw new Error('no stdout');
    createInterface({ input: child.stdout }).on('line', (text) => {
      try {
        const line = JSON.parse(text) as { msg?: string; url?: string };
        if (line.msg === 'specboard server started' && line.url !== undefined) {
          clearTimeout(timer);
          resolve(line.url);
        }
      } catch {
        // not a log line
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`node exited before it was ready\n${stderr}`));
    });
  });
  return {
    baseUrl,
    child,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface TwoNodes {
  readonly a: NodeProcess;
  readonly b: NodeProcess;
  /** The owner's session through node A. */
  readonly onA: ApiClient;
  /** The same session through node B: no sticky sessions. */
  readonly onB: ApiClient;
  /** Stops both nodes and removes their data directory. */
  stop(): Promise<void>;
}

/**
 * Two nodes on the test's database and one Redis, as behind a load balancer, with the first owner
 * and a workspace `key` set up through A.
 */
export async function startTwoNodes(database: TestDatabase, options: { redisUrl: string; keyPrefix: string; key: string; owner: string }): Promise<TwoNodes> {
  const dataDir = mkdtempSync(join(tmpdir(), 'specboard-nodes-'));
  const config = database.config();
  const env = {
    DATABASE_URL: config.dialect === 'postgres' ? config.url : `sqlite:${config.file}`,
    DATA_DIR: dataDir,
    WEB_DIR: join(dataDir, 'no-web'),
    REDIS_URL: options.redisUrl,
    REDIS_KEY_PREFIX: options.keyPrefix,
  };
  const a = await startNode(env);
  const b = await startNode(env);
  const onA = new ApiClient(a.baseUrl);
  const email = `${options.owner.toLowerCase().replace(/\W+/g, '-')}@example.com`;
  const setup = await onA.post('/api/v1/setup', { name: `${options.owner} Owner`, email, password: TEST_PASSWORD, workspace: { name: options.owner, key: options.key } });
  if (setup.status !== 201) throw new Error(`setup through node A: ${setup.status} ${setup.text}`);
  return {
    a,
    b,
    onA,
    onB: new ApiClient(b.baseUrl, { cookie: onA.cookie }),
    async stop() {
      await Promise.all([a.stop(), b.stop()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
