import { lstat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { CliError } from '../errors.js';

/** `-` names standard input. */
export const STDIN_ARG = '-';

export interface InputRef {
  /** The path as shown in messages and reports: as typed, or as the glob matched it. */
  readonly display: string;
  /** Absolute path, or `null` for standard input. */
  readonly absolute: string | null;
}

const IGNORED = ['**/node_modules/**', '**/.git/**'];

/**
 * Turns command-line arguments into the files to read, in argument order, each once. An argument
 * that names an existing path is taken literally even if it looks like a glob (`[draft].md`);
 * otherwise glob syntax is expanded here, since the shell may not have (quoted, or Windows).
 * A plain path that does not exist is kept so that reading it reports `file_not_found`.
 */
export async function expandInputs(args: readonly string[], cwd: string): Promise<InputRef[]> {
  const seen = new Set<string>();
  const refs: InputRef[] = [];
  const add = (display: string, absolute: string | null): void => {
    const key = absolute ?? STDIN_ARG;
    if (seen.has(key)) return;
    seen.add(key);
    refs.push({ display, absolute });
  };
  for (const arg of args) {
    if (arg === STDIN_ARG) {
      add('<stdin>', null);
      continue;
    }
    const absolute = resolve(cwd, arg);
    if ((await exists(absolute)) || !isDynamicPattern(arg)) {
      add(arg, absolute);
      continue;
    }
    const matches = await glob(arg, {
      cwd,
      onlyFiles: true,
      dot: false,
      ignore: IGNORED,
      expandDirectories: false,
    });
    if (matches.length === 0) {
      throw new CliError('no_files_matched', 'no files match this pattern', { file: arg });
    }
    for (const match of [...matches].sort()) add(match, resolve(cwd, match));
  }
  return refs;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}
