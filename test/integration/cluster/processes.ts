// Server nodes as real processes: the entry point (src/server/main.ts through tsx, as the shutdown
// test runs it) on a port of its own, with the environment a deployment would give each node.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

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
