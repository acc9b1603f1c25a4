// Helpers for the CLI commands that talk to a server (import, export, invite): a token-holding
// owner on a test server, the CLI run in this process or as a real child process, file trees.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { CliIo } from '../../../src/cli/io.js';
import { runCli } from '../../../src/cli/run.js';
import type { ApiClient, TestServer } from '../harness.js';
import { TEST_PASSWORD } from '../harness-server.js';
import { specboard } from './helpers.js';

export const MANIFEST = '.specboard-import.json';

export interface Remote {
  /** SPECBOARD_URL, SPECBOARD_TOKEN (read, write and admin scopes) and SPECBOARD_WORKSPACE. */
  readonly env: Record<string, string>;
  /** The owner's signed-in client, to look at what the CLI did through the API. */
  readonly owner: ApiClient;
  readonly workspace: string;
}

let workspaceCounter = 0;

/**
 * A fresh workspace on `server` (setting the server up first if needed) and an owner token for
 * it: each test gets its own workspace, so spec numbers and listings do not leak between tests.
 */
export async function connectTo(server: TestServer): Promise<Remote> {
  const setup = await server.anonymous().get<{ needed: boolean }>('/api/v1/setup');
  let owner: ApiClient;
  let workspace: string;
  if (setup.body.needed) {
    const created = await server.setupOwner({ workspaceKey: 'CLI' });
    owner = created.client;
    workspace = created.workspaceKey;
    ownerEmail.set(server, created.email);
  } else {
    owner = await server.signIn(ownerEmail.get(server) ?? '', TEST_PASSWORD);
    workspace = `W${++workspaceCounter}${Math.random().toString(36).slice(2, 6).toUpperCase()}`.slice(0, 10);
    const res = await owner.post('/api/v1/workspaces', { name: `Workspace ${workspace}`, key: workspace });
    if (res.status !== 201) throw new Error(`creating workspace ${workspace} failed: ${res.status} ${res.text}`);
  }
  const token = await server.createToken(owner, ['read', 'write', 'admin']);
  return { owner, workspace, env: { SPECBOARD_URL: server.baseUrl, SPECBOARD_TOKEN: token.secret, SPECBOARD_WORKSPACE: workspace } };
}

const ownerEmail = new WeakMap<TestServer, string>();

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI in this process (fast) with exactly `env` as its environment; `tty` makes standard
 * output a terminal of that many columns.
 */
export async function runHere(args: readonly string[], options: { cwd: string; env: Record<string, string>; tty?: number }): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd: options.cwd,
    env: options.env,
    stdout: { write: (t: string) => (stdout += t), isTTY: options.tty !== undefined, ...(options.tty === undefined ? {} : { columns: options.tty }) },
    stderr: { write: (t: string) => (stderr += t) },
    stdin: Readable.from([]),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

/** Runs the real `specboard` program in a child process; SPECBOARD_* come only from `env`. */
export function runProcess(args: readonly string[], options: { cwd: string; env: Record<string, string> }): Promise<Run> {
  const cleared = { SPECBOARD_URL: '', SPECBOARD_TOKEN: '', SPECBOARD_WORKSPACE: '' };
  return specboard(args, { cwd: options.cwd, env: { ...cleared, ...options.env } });
}

/** Writes files (text as UTF-8, Buffers as they are) under `root`, creating folders. */
export function writeTree(root: string, files: Readonly<Record<string, string | Buffer>>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** SHA-256 of every file under `root` (relative `/` paths), the manifest left out. */
export function hashTree(root: string): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name === MANIFEST) continue;
    const path = join(entry.parentPath, entry.name).slice(root.length + 1).split('\\').join('/');
    hashes.set(path, createHash('sha256').update(readFileSync(join(entry.parentPath, entry.name))).digest('hex'));
  }
  return new Map([...hashes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export interface ManifestFile {
  version: number;
  workspace: string;
  files: Record<string, { key: string; id: string; etag: string; sha256: string }>;
}

export function readManifestFile(root: string): ManifestFile {
  return JSON.parse(readFileSync(join(root, MANIFEST), 'utf8')) as ManifestFile;
}

export interface SpecSummary {
  id: string;
  key: string;
  number: number;
  title: string;
  revision: number;
}

/** Every spec of the workspace through the API, in number order. */
export async function listSpecs(owner: ApiClient, workspace: string): Promise<SpecSummary[]> {
  const res = await owner.get<{ items: SpecSummary[]; nextCursor: string | null }>(`/api/v1/workspaces/${workspace}/specs?sort=number&limit=200`);
  if (res.status !== 200) throw new Error(`listing specs failed: ${res.status} ${res.text}`);
  return res.body.items;
}

/** A spec's stored bytes, through the API. */
export async function storedBytes(baseUrl: string, owner: ApiClient, workspace: string, spec: string): Promise<Buffer> {
  const headers: Record<string, string> = { accept: 'text/markdown' };
  if (owner.cookie !== null) headers.cookie = `specboard_session=${owner.cookie}`;
  const res = await fetch(`${baseUrl}/api/v1/workspaces/${workspace}/specs/${spec}`, { headers });
  if (res.status !== 200) throw new Error(`reading ${spec} failed: ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}
