import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';

const MAIN = join(import.meta.dirname, '../../../src/server/main.ts');

interface LogLine {
  msg?: string;
  url?: string;
  req?: { url?: string };
  [key: string]: unknown;
}

/** Runs the real entry point (src/server/main.ts through tsx) and follows its JSON log. */
function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as unknown as ChildProcessWithoutNullStreams;
  const lines: LogLine[] = [];
  const waiters: { match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (text) => {
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      return;
    }
    lines.push(line);
    for (const w of [...waiters]) {
      if (w.match(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    exited,
    stderr: () => stderr,
    waitFor(match: (l: LogLine) => boolean): Promise<LogLine> {
      const found = lines.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

describe('server process', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('finishes an in-flight request on SIGTERM, then closes the database and exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'specboard-main-'));
    dirs.push(dataDir);
    const proc = startMain({ DATA_DIR: dataDir });
    const started = await proc.waitFor((l) => l.msg === 'specboard server started');
    const url = new URL(String(started.url));

    const body = JSON.stringify({ name: 'Owner', email: 'owner@example.com', password: 'long enough pw', workspace: { name: 'W', key: 'WS' } });
    const half = Math.floor(body.length / 2);
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: '/api/v1/setup', method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, half));
      // The rest of the body is sent only once the server is shutting down.
      void proc
        .waitFor((l) => l.msg === 'incoming request' && l.req?.url === '/api/v1/setup')
        .then(() => {
          proc.child.kill('SIGTERM');
          return proc.waitFor((l) => l.msg === 'shutting down: finishing in-flight requests');
        })
        .then(() => req.end(body.slice(half)));
    });

    const res = await response;
    expect(res.status).toBe(201);
    expect(await proc.exited).toBe(0);
    expect(proc.lines.some((l) => l.msg === 'shutdown complete')).toBe(true);
    // SQLite removes the WAL file when the last connection closes cleanly.
    expect(existsSync(join(dataDir, 'specboard.db'))).toBe(true);
    expect(existsSync(join(dataDir, 'specboard.db-wal'))).toBe(false);
  });

  it('refuses to start with invalid configuration, naming the variable', async () => {
    const proc = startMain({ PORT: 'eighty', DATABASE_URL: 'mysql://nope' });
    expect(await proc.exited).toBe(1);
    expect(proc.stderr()).toContain('PORT must be an integer between 0 and 65535 (got "eighty")');
    expect(proc.stderr()).toContain('DATABASE_URL must start with postgres://');
  });
});
