import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findConfigFile } from '../../../src/cli/config/find-config.js';

describe('finding .specboard.json', () => {
  let dir: string;
  beforeAll(() => {
    // dir/.specboard.json (outside any repo), dir/repo/.git, dir/repo/.specboard.json, dir/repo/a/b
    dir = mkdtempSync(join(tmpdir(), 'specboard-config-'));
    mkdirSync(join(dir, 'repo/.git'), { recursive: true });
    mkdirSync(join(dir, 'repo/a/b'), { recursive: true });
    mkdirSync(join(dir, 'plain/c'), { recursive: true });
    writeFileSync(join(dir, '.specboard.json'), '{}');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds none up to the git root, ignoring one above it', async () => {
    expect(await findConfigFile(join(dir, 'repo/a/b'))).toBeNull();
  });

  it('finds the nearest one up to the git root', async () => {
    writeFileSync(join(dir, 'repo/.specboard.json'), '{}');
    expect(await findConfigFile(join(dir, 'repo/a/b'))).toBe(join(dir, 'repo/.specboard.json'));
    writeFileSync(join(dir, 'repo/a/.specboard.json'), '{}');
    expect(await findConfigFile(join(dir, 'repo/a/b'))).toBe(join(dir, 'repo/a/.specboard.json'));
  });

  it('outside a git work tree, only the current folder counts', async () => {
    expect(await findConfigFile(join(dir, 'plain/c'))).toBeNull();
    expect(await findConfigFile(dir)).toBe(join(dir, '.specboard.json'));
  });
});
