import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { describeEachDatabase, type TestDatabase } from '../harness.js';

const ROOT = join(import.meta.dirname, '../../..');
const MAIN = join(ROOT, 'src/server/main.ts');
// An absolute loader path, so the process can run from any working directory.
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

interface LogLine {
  msg?: string;
  url?: string;
  req?: { url?: string };
  [key: string]: unknown;
}

/** Runs the real entry point (src/server/main.ts through tsx) and follows its JSON log. */
function startMain(env: Record<string, string>, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const child = spawn(process.execPath, ['--import', TSX, MAIN], {
    cwd: options.cwd,
    env: { ...(options.env ?? process.env), HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
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

/** The entry point's environment for a test database (PostgreSQL through DATABASE_URL). */
function databaseEnv(database: TestDatabase, dataDir: string): Record<string, string> {
  const config = database.config();
  return config.dialect === 'postgres' ? { DATA_DIR: dataDir, DATABASE_URL: config.url } : { DATA_DIR: dataDir };
}

describeEachDatabase('server process', (database) => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('finishes an in-flight request on SIGTERM, then closes the database and exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'specboard-main-'));
    dirs.push(dataDir);
    // debug: the 'incoming request' line says when the request has reached the server.
    const proc = startMain({ ...databaseEnv(database, dataDir), LOG_LEVEL: 'debug' });
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
    if (database.dialect === 'sqlite') {
      // SQLite removes the WAL file when the last connection closes cleanly.
      expect(existsSync(join(dataDir, 'specboard.db'))).toBe(true);
      expect(existsSync(join(dataDir, 'specboard.db-wal'))).toBe(false);
    }
  });

  it('logs every request as JSON lines carrying the request id the response names', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'specboard-main-'));
    dirs.push(dataDir);
    const proc = startMain(databaseEnv(database, dataDir));
    const started = await proc.waitFor((l) => l.msg === 'specboard server started');
    const given = await fetch(new URL('/api/v1/setup', String(started.url)), { headers: { 'x-request-id': 'trace-abc-123' } });
    const generated = await fetch(new URL('/healthz', String(started.url)));
    const generatedId = generated.headers.get('x-request-id') ?? '';
    expect(given.headers.get('x-request-id')).toBe('trace-abc-123');
    expect(generatedId).toMatch(/^[0-9a-f-]{36}$/);
    for (const id of ['trace-abc-123', generatedId]) {
      await proc.waitFor((l) => l.reqId === id && l.msg === 'request completed');
      // One line per request, written when it completes.
      expect(proc.lines.filter((l) => l.reqId === id).map((l) => l.msg)).toEqual(['request completed']);
      expect(proc.lines.find((l) => l.reqId === id)).toMatchObject({ level: 30, req: { method: 'GET' }, res: { statusCode: expect.any(Number) as number }, responseTime: expect.any(Number) as number });
    }
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  });
});

describe('server process configuration', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('starts with zero configuration: SQLite under ./data of the working directory, first-run setup open', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'specboard-zero-'));
    dirs.push(cwd);
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(DATA_DIR|DATABASE_URL|REDIS_URL|PUBLIC_URL|WEB_DIR)$/.test(key)));
    const proc = startMain({}, { cwd, env });
    const started = await proc.waitFor((l) => l.msg === 'specboard server started');
    const setup = await fetch(new URL('/api/v1/setup', String(started.url)));
    expect(await setup.json()).toMatchObject({ needed: true });
    expect(readdirSync(join(cwd, 'data'))).toContain('specboard.db');
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  });

  it('refuses to start with invalid configuration, naming the variable', async () => {
    const proc = startMain({ PORT: 'eighty', DATABASE_URL: 'mysql://nope' });
    expect(await proc.exited).toBe(1);
    expect(proc.stderr()).toContain('PORT must be an integer between 0 and 65535 (got "eighty")');
    expect(proc.stderr()).toContain('DATABASE_URL must start with postgres://');
  });
});
