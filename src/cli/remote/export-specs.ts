// `specboard export DIR`: every spec of a workspace written as its exact stored bytes, at the path
// the import manifest gives it, else as <KEY>-<slug>.md. Files changed locally since the last
// import or export, and files that are not ours, are left alone unless --force.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CliContext } from '../context.js';
import { CliError } from '../errors.js';
import { asCliError } from '../files/read-text-file.js';
import { chooseProgressMode, Progress, type FileOutcome } from '../progress.js';
import { getWorkspace, listSpecs, readSpecMarkdown } from './api.js';
import { writeFileAtomic } from './atomic-write.js';
import { RemoteClient } from './client.js';
import type { Connection } from './connection.js';
import { exportFileName } from './file-names.js';
import { checkManifestWorkspace, MANIFEST_NAME, readManifest, writeManifest, type Manifest, type ManifestEntry } from './manifest.js';
import { requireFolder } from './markdown-files.js';
import { RunReport } from './report.js';
import type { SpecRef } from './schemas.js';

export interface ExportOptions {
  readonly dir: string;
  /** Another folder's manifest to take paths from (default: DIR's own). */
  readonly manifest?: string | undefined;
  /** Overwrite files changed locally or not written by a previous import/export. */
  readonly force: boolean;
  readonly quiet: boolean;
}

interface ExportJob {
  readonly client: RemoteClient;
  readonly workspace: string;
  readonly root: string;
  /** Paths from --manifest (or DIR's own manifest), by spec id. */
  readonly paths: ReadonlyMap<string, string>;
  /** DIR's manifest, updated as files are written. */
  readonly out: Manifest;
  readonly used: Set<string>;
  readonly force: boolean;
}

/** Exports the workspace into the folder; resolves to the exit code (1 when any spec failed). */
export async function exportFolder(ctx: CliContext, connection: Connection, options: ExportOptions): Promise<number> {
  const root = resolve(ctx.io.cwd, options.dir);
  const ownDisplay = join(options.dir, MANIFEST_NAME);
  const own = await readManifestIfFolder(root, options.dir, ownDisplay);
  const source = options.manifest === undefined ? own : await readGivenManifest(resolve(ctx.io.cwd, options.manifest), options.manifest);

  let progress = new Progress(ctx.io.stdout, 'quiet', 0);
  const client = new RemoteClient(connection, {
    userAgent: `specboard-cli/${ctx.version}`,
    onWait: (seconds) => progress.notice(`The server is rate limiting; waiting ${seconds} s.`),
  });
  const workspace = await getWorkspace(client, connection.workspace);
  checkManifestWorkspace(own, workspace.key, ownDisplay);
  if (options.manifest !== undefined) checkManifestWorkspace(source, workspace.key, options.manifest);
  const specs: SpecRef[] = [];
  for await (const spec of listSpecs(client, workspace.id)) specs.push(spec);
  await mkdir(root, { recursive: true });

  const paths = new Map<string, string>();
  for (const manifest of [own, source]) for (const [path, entry] of manifest?.files ?? []) paths.set(entry.id, path);
  const job: ExportJob = {
    client,
    workspace: workspace.id,
    root,
    paths,
    out: { workspace: workspace.key, files: new Map(own?.files ?? []) },
    used: new Set(),
    force: options.force,
  };
  progress = new Progress(ctx.io.stdout, chooseProgressMode(ctx.io.stdout, options.quiet), specs.length);
  const report = new RunReport(progress);
  try {
    for (const spec of specs) {
      const path = job.paths.get(spec.id) ?? exportFileName(safeKey(spec), spec.title);
      progress.working(path);
      try {
        report.record(await exportSpec(job, spec, path));
      } catch (error) {
        report.fail(path, error);
      }
    }
  } finally {
    progress.clear();
    await writeManifest(root, job.out);
  }
  return report.finish(ctx, 'Exported', `from ${workspace.key}`, options.quiet);
}

async function exportSpec(job: ExportJob, spec: SpecRef, path: string): Promise<FileOutcome> {
  if (job.used.has(path)) throw new CliError('path_conflict', `two specs would be written here (${spec.key} is the second)`);
  job.used.add(path);
  const absolute = join(job.root, path);
  const local = await readLocal(absolute, path);
  const lastSync = job.out.files.get(path);
  const synced = lastSync !== undefined && lastSync.id === spec.id ? lastSync : undefined;
  const localSha = local === null ? null : sha256(local);
  const untouched = synced !== undefined && localSha === synced.sha256;

  const read = await readSpecMarkdown(job.client, job.workspace, spec.id, untouched ? synced.etag : undefined);
  if (read.state === 'gone') throw new CliError('not_found', `${spec.key} was deleted while exporting`);
  if (read.state === 'not_modified') return { path, action: 'unchanged', key: spec.key };
  const entry: ManifestEntry = { key: spec.key, id: spec.id, etag: read.etag, sha256: sha256(read.bytes) };
  if (local !== null && local.equals(read.bytes)) {
    remember(job, path, entry);
    return { path, action: 'unchanged', key: spec.key };
  }
  if (local !== null && !untouched && !job.force) {
    if (synced !== undefined) {
      throw new CliError('local_changes', `changed here since it was last imported or exported; import it first, or export with --force to overwrite it`);
    }
    throw new CliError('file_exists', `exists and was not written by an import or export of ${spec.key}; move it, or export with --force to overwrite it`);
  }
  try {
    // The raw response body: never decoded, so no newline or encoding change can creep in.
    await writeFileAtomic(absolute, read.bytes);
  } catch (error) {
    throw asCliError(error, path);
  }
  remember(job, path, entry);
  return { path, action: local === null ? 'created' : 'updated', key: spec.key };
}

/** Records `path` as this spec's file (and forgets any other path it had). */
function remember(job: ExportJob, path: string, entry: ManifestEntry): void {
  for (const [other, existing] of job.out.files) if (existing.id === entry.id && other !== path) job.out.files.delete(other);
  job.out.files.set(path, entry);
}

async function readLocal(absolute: string, path: string): Promise<Buffer | null> {
  try {
    return await readFile(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw asCliError(error, path);
  }
}

async function readManifestIfFolder(root: string, display: string, manifestDisplay: string): Promise<Manifest | null> {
  try {
    await requireFolder(root, display);
  } catch (error) {
    // A folder that does not exist yet is created; anything else (a file) is an error.
    if (error instanceof CliError && error.code === 'directory_not_found') return null;
    throw error;
  }
  return readManifest(join(root, MANIFEST_NAME), manifestDisplay);
}

async function readGivenManifest(path: string, display: string): Promise<Manifest> {
  const manifest = await readManifest(path, display);
  if (manifest === null) throw new CliError('manifest_not_found', 'no such manifest', { file: display });
  return manifest;
}

/** Keys name files; anything unexpected from the server falls back to the spec id. */
function safeKey(spec: SpecRef): string {
  return /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(spec.key) ? spec.key : spec.id.replace(/[^A-Za-z0-9_-]/g, '');
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
