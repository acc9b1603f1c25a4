import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const REPO_ROOT = join(import.meta.dirname, '../../..');
const MAIN = join(REPO_ROOT, 'src/cli/main.ts');
const BIN = join(REPO_ROOT, 'bin/specboard.js');
const BUILT = join(REPO_ROOT, 'dist/cli/main.js');

/**
 * How to start the CLI: the built bin/specboard.js when dist/ is newer than every source it is
 * built from (CI builds it in `npm ci`), else the sources through tsx (~1 s slower per run, but
 * never stale). SPECBOARD_CLI_TEST=dist|tsx forces one.
 */
export const CLI_ARGS: readonly string[] = (() => {
  const mode = process.env.SPECBOARD_CLI_TEST ?? 'auto';
  if (mode === 'dist' || (mode === 'auto' && distIsFresh())) return [BIN];
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return ['--import', tsx, MAIN];
})();

function distIsFresh(): boolean {
  let built: number;
  try {
    built = statSync(BUILT).mtimeMs;
  } catch {
    return false;
  }
  const newest = Math.max(newestMtime(join(REPO_ROOT, 'src/cli')), newestMtime(join(REPO_ROOT, 'src/core')));
  return newest <= built;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real CLI in a child process (see CLI_ARGS); NO_COLOR keeps output plain. */
export function specboard(
  args: readonly string[],
  options: { cwd: string; stdin?: string | Buffer; env?: Record<string, string> },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI_ARGS, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, SPECBOARD_DEBUG: undefined, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

/** A fresh temporary folder; `cleanup` removes it. */
export function tempDir(prefix = 'specboard-cli-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** Asserts nothing like a stack trace leaked into stderr. */
export function hasStackTrace(stderr: string): boolean {
  return /^\s+at .+\(.+:\d+:\d+\)$/m.test(stderr) || /\n\s+at [^\n]+:\d+:\d+/.test(stderr);
}
