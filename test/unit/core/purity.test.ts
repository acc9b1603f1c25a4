// src/core runs in Node, in the browser bundle and in the CLI: it may import only its own modules
// and a short list of isomorphic packages, and must not reach for Node's globals.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = join(import.meta.dirname, '../../../src/core');
const ISOMORPHIC_PACKAGES = new Set(['diff', 'github-slugger', 'markdown-it']);
const NODE_ONLY_GLOBALS = /\b(process\.|Buffer\b|require\(|__dirname|__filename|setImmediate\()/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Module specifiers of static imports, re-exports and dynamic imports. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)) {
    found.push(match[1] ?? match[2] ?? '');
  }
  return found;
}

describe('src/core has no I/O', () => {
  const files = sourceFiles(CORE);

  it('finds the core sources', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('imports only relative modules and isomorphic packages (no node:, no fs, no server code)', () => {
    const offending = files.flatMap((file) =>
      specifiers(readFileSync(file, 'utf8'))
        .filter((spec) => (spec.startsWith('.') ? spec.includes('/server/') || spec.includes('/cli/') : !ISOMORPHIC_PACKAGES.has(spec)))
        .map((spec) => `${relative(CORE, file)}: ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it('uses no Node-only globals (process, Buffer, require, __dirname)', () => {
    const offending = files.filter((file) => NODE_ONLY_GLOBALS.test(readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, ''))).map((f) => relative(CORE, f));
    expect(offending).toEqual([]);
  });
});
