import { open, stat } from 'node:fs/promises';
import { checkStorableText, decodeUtf8Strict } from '../core.js';
import { CliError, oneLine } from '../errors.js';
import { formatSize } from '../options/size.js';

/**
 * Reads a spec as text, refusing what Specboard cannot store faithfully rather than altering it:
 * a missing path, a directory or other non-file, a file over `maxBytes`, bytes that are not
 * UTF-8 (a binary file), text with a NUL or an unpaired surrogate. Errors name the file.
 */
export async function readTextFile(path: string, display: string, maxBytes: number): Promise<string> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new CliError('is_a_directory', 'is a directory, not a file', { file: display });
    if (!info.isFile()) throw new CliError('not_a_file', 'is not a regular file', { file: display });
    size = info.size;
  } catch (error) {
    throw asCliError(error, display);
  }
  if (size > maxBytes) throw tooLarge(display, size, maxBytes);
  let bytes: Uint8Array;
  try {
    bytes = await readAtMost(path, display, maxBytes);
  } catch (error) {
    throw asCliError(error, display);
  }
  return decodeText(bytes, display);
}

/** Reads standard input as text, with the same limit and checks as a file. */
export async function readTextStream(stream: NodeJS.ReadableStream, display: string, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    total += buffer.length;
    if (total > maxBytes) throw tooLarge(display, total, maxBytes, true);
    chunks.push(buffer);
  }
  return decodeText(Buffer.concat(chunks), display);
}

/** Decodes strict UTF-8 and checks the text can be stored; a `CliError` names `display`. */
export function decodeText(bytes: Uint8Array, display: string): string {
  const decoded = decodeUtf8Strict(bytes);
  if (!decoded.ok) {
    throw new CliError(decoded.code, `not UTF-8 text (binary file?): ${decoded.message}`, { file: display });
  }
  const storable = checkStorableText(decoded.text);
  if (!storable.ok) throw new CliError(storable.code, storable.message, { file: display });
  return decoded.text;
}

/** Reads no more than `maxBytes + 1` bytes, so a file that grew after `stat` cannot exhaust memory. */
async function readAtMost(path: string, display: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, 64 * 1024));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(display, total, maxBytes, true);
      chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
    }
    return Buffer.concat(chunks);
  } finally {
    await handle.close();
  }
}

function tooLarge(display: string, size: number, maxBytes: number, atLeast = false): CliError {
  const actual = `${atLeast ? 'more than ' : ''}${formatSize(atLeast ? maxBytes : size)}`;
  return new CliError('file_too_large', `file is ${actual}, over the ${formatSize(maxBytes)} limit (raise it with --max-size)`, {
    file: display,
  });
}

const FS_ERRORS: Readonly<Record<string, readonly [string, string]>> = {
  ENOENT: ['file_not_found', 'no such file'],
  ENOTDIR: ['file_not_found', 'no such file (a parent is not a folder)'],
  EACCES: ['permission_denied', 'permission denied'],
  EPERM: ['permission_denied', 'permission denied'],
  EISDIR: ['is_a_directory', 'is a directory, not a file'],
  ELOOP: ['file_not_found', 'too many symbolic links'],
  ENAMETOOLONG: ['file_not_found', 'file name too long'],
  EMFILE: ['read_failed', 'too many open files'],
};

/** Turns an fs error (or a CliError passing through) into a CliError about `display`. */
export function asCliError(error: unknown, display: string): CliError {
  if (error instanceof CliError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const known = code === undefined ? undefined : FS_ERRORS[code];
  if (known) return new CliError(known[0], known[1], { file: display });
  const message = error instanceof Error ? error.message : String(error);
  return new CliError('read_failed', oneLine(message), { file: display });
}
