// `specboard import DIR`: every Markdown file of a folder becomes a spec, stored byte for byte.
// The folder's manifest remembers which spec each file is, so importing again updates (If-Match
// with the ETag of the last import or export) instead of duplicating.
import { createHash } from 'node:crypto';
import { basename, join, resolve } from 'node:path';
import type { CliContext } from '../context.js';
import { parse } from '../core.js';
import { readTextFile } from '../files/read-text-file.js';
import { chooseProgressMode, Progress, type FileOutcome } from '../progress.js';
import { createSpec, getWorkspace, readSpecMarkdown, replaceSpecContent, type StoredSpec } from './api.js';
import { RemoteClient } from './client.js';
import type { Connection } from './connection.js';
import { checkManifestWorkspace, MANIFEST_NAME, readManifest, writeManifest, type Manifest, type ManifestEntry } from './manifest.js';
import { findMarkdownFiles, requireFolder } from './markdown-files.js';
import { RemoteError } from './problem.js';
import { RunReport } from './report.js';

export interface ImportOptions {
  /** The folder as typed. */
  readonly dir: string;
  /** Make each spec match its file even if the spec changed on the server since the last sync. */
  readonly force: boolean;
  readonly quiet: boolean;
  readonly maxBytes: number;
}

const MAX_TITLE = 500;

/** Imports the folder; resolves to the exit code (1 when any file failed). */
export async function importFolder(ctx: CliContext, connection: Connection, options: ImportOptions): Promise<number> {
  const root = resolve(ctx.io.cwd, options.dir);
  const manifestDisplay = join(options.dir, MANIFEST_NAME);
  await requireFolder(root, options.dir);
  const existing = await readManifest(join(root, MANIFEST_NAME), manifestDisplay);
  const files = await findMarkdownFiles(root);

  const progress = new Progress(ctx.io.stdout, chooseProgressMode(ctx.io.stdout, options.quiet), files.length);
  const client = new RemoteClient(connection, {
    userAgent: `specboard-cli/${ctx.version}`,
    onWait: (seconds) => progress.notice(`The server is rate limiting; waiting ${seconds} s.`),
  });
  const workspace = await getWorkspace(client, connection.workspace);
  checkManifestWorkspace(existing, workspace.key, manifestDisplay);
  const manifest: Manifest = existing ?? { workspace: workspace.key, files: new Map() };
  const job: ImportJob = { client, workspace: workspace.id, manifest, force: options.force };

  const report = new RunReport(progress);
  try {
    for (const path of files) {
      progress.working(path);
      let outcome: FileOutcome & { readonly changed: boolean };
      try {
        outcome = await importFile(job, path, join(root, path), options.maxBytes);
      } catch (error) {
        report.fail(path, error);
        continue;
      }
      // Saved after every change: an interrupted run must not forget specs it already created.
      if (outcome.changed) await writeManifest(root, manifest);
      report.record(outcome);
    }
  } finally {
    progress.clear();
  }
  return report.finish(ctx, 'Imported', `into ${workspace.key}`, options.quiet);
}

interface ImportJob {
  readonly client: RemoteClient;
  /** Workspace id (stable even if given by key). */
  readonly workspace: string;
  readonly manifest: Manifest;
  readonly force: boolean;
}

type Result = FileOutcome & { readonly changed: boolean };

async function importFile(job: ImportJob, path: string, absolute: string, maxBytes: number): Promise<Result> {
  const text = await readTextFile(absolute, path, maxBytes);
  // Strict decoding kept every byte (a BOM too), so this is the file's own bytes.
  const bytes = Buffer.from(text, 'utf8');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const summary = `Imported from ${path}`;
  const entry = job.manifest.files.get(path);
  if (entry !== undefined) {
    const updated = await updateSpec(job, path, entry, bytes, sha256, summary);
    if (updated !== null) return updated;
  }
  const stored = await createSpec(job.client, job.workspace, { markdown: text, title: titleFor(text, path), summary });
  remember(job, path, stored, sha256);
  // A manifest entry whose spec is gone (deleted, or another server): the file gets a new spec.
  return { path, action: entry === undefined ? 'created' : 'recreated', key: stored.spec.key, changed: true };
}

/** Brings the file's spec up to date; null when that spec no longer exists. */
async function updateSpec(job: ImportJob, path: string, entry: ManifestEntry, bytes: Buffer, sha256: string, summary: string): Promise<Result | null> {
  let ifMatch = entry.etag;
  if (job.force) {
    const current = await readSpecMarkdown(job.client, job.workspace, entry.id);
    if (current.state === 'gone') return null;
    if (current.state === 'current') {
      if (current.bytes.equals(bytes)) return unchanged(job, path, { ...entry, etag: current.etag, sha256 });
      ifMatch = current.etag;
    }
  } else if (sha256 === entry.sha256) {
    // The file is as it was at the last sync; only a deleted spec needs work.
    const probe = await readSpecMarkdown(job.client, job.workspace, entry.id, entry.etag);
    if (probe.state === 'gone') return null;
    return { path, action: 'unchanged', key: entry.key, changed: false };
  }
  let stored: StoredSpec | null;
  try {
    stored = await replaceSpecContent(job.client, job.workspace, entry.id, bytes, ifMatch, summary);
  } catch (error) {
    if (error instanceof RemoteError && error.code === 'etag_mismatch') {
      throw new RemoteError(
        'etag_mismatch',
        `${entry.key} changed on the server since this file was last imported or exported; export to get those changes, or import with --force to overwrite them`,
        error.status,
      );
    }
    throw error;
  }
  if (stored === null) return null;
  remember(job, path, stored, sha256);
  return { path, action: 'updated', key: stored.spec.key, changed: true };
}

function unchanged(job: ImportJob, path: string, entry: ManifestEntry): Result {
  job.manifest.files.set(path, entry);
  return { path, action: 'unchanged', key: entry.key, changed: true };
}

function remember(job: ImportJob, path: string, stored: StoredSpec, sha256: string): void {
  job.manifest.files.set(path, { key: stored.spec.key, id: stored.spec.id, etag: stored.etag, sha256 });
}

/**
 * The title to send: none when the text has an H1 (the server takes that one, as for any spec),
 * else the file name without `.md`.
 */
export function titleFor(text: string, path: string): string | undefined {
  const heading = parse(text).title?.text.trim() ?? '';
  if (heading !== '') return undefined;
  const name = basename(path, '.md').replace(/\s+/g, ' ').trim();
  if (name === '') return undefined;
  return [...name].slice(0, MAX_TITLE).join('');
}
