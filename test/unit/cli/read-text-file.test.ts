import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTextFile, readTextStream } from '../../../src/cli/files/read-text-file.js';

describe('reading spec files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'specboard-read-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, bytes: string | Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  it('returns the text exactly: CRLF, a byte order mark, astral characters, no final newline', async () => {
    const text = '\uFEFF# Title\r\n\r\nCafé 🚀 日本語';
    expect(await readTextFile(file('exact.md', text), 'exact.md', 1024)).toBe(text);
  });

  it('accepts a file exactly at the limit and refuses one byte more', async () => {
    const path = file('limit.md', 'x'.repeat(100));
    expect(await readTextFile(path, 'limit.md', 100)).toHaveLength(100);
    await expect(readTextFile(path, 'limit.md', 99)).rejects.toMatchObject({ code: 'file_too_large', file: 'limit.md' });
  });

  it('gives the line and column of a NUL', async () => {
    const path = file('nul.md', 'one\ntwo\u0000\n');
    await expect(readTextFile(path, 'nul.md', 1024)).rejects.toMatchObject({
      code: 'nul_character',
      message: expect.stringContaining('line 2, column 4') as unknown,
    });
  });

  it('refuses invalid UTF-8 with the byte offset', async () => {
    const path = file('bad.md', Buffer.from([0x61, 0x62, 0xc3, 0x28]));
    await expect(readTextFile(path, 'bad.md', 1024)).rejects.toMatchObject({
      code: 'invalid_utf8',
      message: expect.stringContaining('byte 2') as unknown,
    });
  });

  it('applies the limit and checks to a stream', async () => {
    expect(await readTextStream(Readable.from([Buffer.from('# A\n'), Buffer.from('b')]), '<stdin>', 10)).toBe('# A\nb');
    await expect(readTextStream(Readable.from([Buffer.alloc(11, 0x61)]), '<stdin>', 10)).rejects.toMatchObject({
      code: 'file_too_large',
      file: '<stdin>',
    });
  });
});
