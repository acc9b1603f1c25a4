import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from '../errors.js';
import { asCliError } from '../files/read-text-file.js';

/** Folders never imported: dependencies, and dot folders (.git, .github, .vscode, ...). */
function skipFolder(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/** Checks that `path` is an existing folder; a CliError (exit 2) otherwise. */
export async function requireFolder(path: string, display: string): Promise<void> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(path)).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliError('directory_not_found', 'no such folder', { file: display });
    throw asCliError(error, display);
  }
  if (!isFolder) throw new CliError('not_a_directory', 'is a file, not a folder', { file: display });
}

/**
 * Every `*.md` file under `root` (like the glob `**\/*.md`: dot files and dot folders are left
 * out, and so is node_modules), as sorted relative paths with `/`. Symbolic links to files count;
 * links to folders are not followed (they could loop).
 */
export async function findMarkdownFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const pending: string[] = [''];
  while (pending.length > 0) {
    const relative = pending.pop() ?? '';
    const entries = await readdir(join(root, relative), { withFileTypes: true });
    for (const entry of entries) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!skipFolder(entry.name)) pending.push(path);
        continue;
      }
      if (entry.name.startsWith('.') || !entry.name.endsWith('.md')) continue;
      if (entry.isFile() || (entry.isSymbolicLink() && (await isFile(join(root, path))))) found.push(path);
    }
  }
  return found.sort(compareCodePoints);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Locale-independent order, the same on every machine. */
function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
