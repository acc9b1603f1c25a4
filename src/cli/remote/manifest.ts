// `.specboard-import.json`: which spec each Markdown file of a folder is, so that importing again
// updates those specs instead of creating new ones, and exporting writes each back to its path.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Type, { type Static } from 'typebox';
import { CliError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { matches } from './schemas.js';

export const MANIFEST_NAME = '.specboard-import.json';

const EntrySchema = Type.Object({
  key: Type.String({ minLength: 1 }),
  id: Type.String({ minLength: 1 }),
  /** ETag of the revision the file last matched (at import or export). */
  etag: Type.String(),
  /** SHA-256 (hex) of the file's bytes at that moment. */
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
});
export type ManifestEntry = Static<typeof EntrySchema>;

const ManifestSchema = Type.Object({
  version: Type.Literal(1),
  /** Key of the workspace the specs live in. */
  workspace: Type.String({ minLength: 1 }),
  /** Relative path (with `/`) to its spec. */
  files: Type.Record(Type.String(), EntrySchema),
});

export interface Manifest {
  readonly workspace: string;
  readonly files: Map<string, ManifestEntry>;
}

/**
 * A relative path that stays inside the folder: no absolute path, `..`, empty or `.` segment,
 * backslash, drive letter or NUL, ending in `.md`. Manifests are edited by hand and committed, so
 * their paths are checked before anything is written to them.
 */
export function isSafeRelativePath(path: string): boolean {
  if (!path.endsWith('.md') || path.includes('\\') || path.includes('\0') || /^[a-zA-Z]:/.test(path)) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** The manifest at `path`, or null when there is none; a broken one is an error, never overwritten. */
export async function readManifest(path: string, display: string): Promise<Manifest | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CliError('invalid_manifest', `cannot read it: ${(error as Error).message}`, { file: display });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError('invalid_manifest', `not JSON (${(error as Error).message}); fix it or delete it to start over`, { file: display });
  }
  if (!matches(ManifestSchema, value)) {
    throw new CliError('invalid_manifest', 'not a Specboard import manifest (version 1); fix it or delete it to start over', { file: display });
  }
  const files = new Map<string, ManifestEntry>();
  const ids = new Set<string>();
  for (const [file, entry] of Object.entries(value.files)) {
    if (!isSafeRelativePath(file)) throw new CliError('invalid_manifest', `"${file}" is not a relative .md path inside the folder`, { file: display });
    if (ids.has(entry.id)) throw new CliError('invalid_manifest', `two files map to spec ${entry.key}`, { file: display });
    ids.add(entry.id);
    files.set(file, entry);
  }
  return { workspace: value.workspace, files };
}

/** Refuses a manifest of another workspace: its specs are not the ones to update. */
export function checkManifestWorkspace(manifest: Manifest | null, workspaceKey: string, display: string): void {
  if (manifest !== null && manifest.workspace !== workspaceKey) {
    throw new CliError(
      'manifest_workspace_mismatch',
      `maps these files to workspace ${manifest.workspace}, not ${workspaceKey}; use --workspace ${manifest.workspace}, or delete it to start over`,
      { file: display },
    );
  }
}

/** Writes the manifest with sorted paths (stable diffs when it is committed). */
export async function writeManifest(folder: string, manifest: Manifest): Promise<void> {
  const files: Record<string, ManifestEntry> = {};
  for (const file of [...manifest.files.keys()].sort()) {
    const entry = manifest.files.get(file);
    if (entry !== undefined) files[file] = { key: entry.key, id: entry.id, etag: entry.etag, sha256: entry.sha256 };
  }
  const text = `${JSON.stringify({ version: 1, workspace: manifest.workspace, files }, null, 2)}\n`;
  await writeFileAtomic(join(folder, MANIFEST_NAME), text);
}
