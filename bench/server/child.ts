// Servers under test run in their own Node process (the app and the bare baseline alike), so the
// load generator in the bench process never shares an event loop or a core's time with them.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ChildServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly pid: number;
  /** Graceful stop (SIGTERM), then SIGKILL if it has not exited within a few seconds. */
  stop(): Promise<void>;
}

/** What a child entry point sends over IPC once it listens. */
export interface ReadyMessage {
  readonly type: 'ready';
  readonly url: string;
}

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
/** Enough of a crashed child's stderr to show why. */
const STDERR_KEEP = 8_000;

/**
 * Starts `bench/server/<entry>` under tsx in a child process with the given environment (stdout,
 * where the server logs, goes to /dev/null) and resolves once it reports its URL.
 */
export async function startChild(entry: string, env: Readonly<Record<string, string>>, args: readonly string[] = []): Promise<ChildServer> {
  const script = fileURLToPath(new URL(entry, import.meta.url));
  const child = fork(script, [...args], {
    execArgv: ['--import', 'tsx', ...profileArgs()],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_KEEP);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not start within ${START_TIMEOUT_MS / 1000} s\n${stderr}`));
    }, START_TIMEOUT_MS);
    child.on('message', (message: unknown) => {
      if (isReady(message)) {
        clearTimeout(timer);
        resolve(message.url);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited before it was ready (code ${String(code)}, signal ${String(signal)})\n${stderr}`));
    });
  });
  const pid = child.pid ?? -1;
  return { url, pid, stop: () => stopChild(child) };
}

/**
 * BENCH_SERVER_PROFILE=DIR: every server process writes a V8 CPU profile into DIR when it stops
 * (open it in Chrome DevTools or speedscope), to find where a missed target spends its time.
 */
function profileArgs(): string[] {
  const dir = process.env.BENCH_SERVER_PROFILE?.trim();
  return dir === undefined || dir === '' ? [] : ['--cpu-prof', `--cpu-prof-dir=${dir}`];
}

function isReady(message: unknown): message is ReadyMessage {
  return typeof message === 'object' && message !== null && 'type' in message && message.type === 'ready' && 'url' in message && typeof message.url === 'string';
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** For child entry points: tell the parent where we listen. */
export function reportReady(url: string): void {
  const message: ReadyMessage = { type: 'ready', url };
  process.send?.(message);
}
