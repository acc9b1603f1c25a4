import { stat, writeFile } from 'node:fs/promises';
import { CliError } from '../errors.js';
import { asCliError } from './read-text-file.js';

/** Writes a new file; an existing one is kept unless `force`, and the refusal says how to override. */
export async function writeNewFile(path: string, display: string, text: string, force: boolean): Promise<void> {
  try {
    // 'wx' fails atomically if the file exists, so a concurrent writer cannot be clobbered either.
    await writeFile(path, text, { flag: force ? 'w' : 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (code === 'EEXIST' && (await isDirectory(path))) {
      throw new CliError('is_a_directory', 'is a directory, not a file', { file: display });
    }
    if (code === 'EEXIST') throw new CliError('file_exists', 'already exists (use --force to overwrite)', { file: display });
    if (code === 'ENOENT') throw new CliError('directory_not_found', 'its folder does not exist', { file: display });
    throw asCliError(error, display);
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
