import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COLLAB_PROTOCOL_ERROR_CODES } from '../../../src/server/collab/protocol.js';
import { ERROR_CODES, FIELD_ERROR_CODES } from '../../../src/server/errors/index.js';
import { PROTOCOL_ERROR_CODES } from '../../../src/server/events/schemas.js';

const docs = readFileSync(join(import.meta.dirname, '../../../docs/errors.md'), 'utf8');

/** `code` cells of a markdown table row: | `code` | ... */
function documentedCodes(heading: string): Map<string, string> {
  const section = docs.split(/^## /m).find((s) => s.startsWith(heading)) ?? '';
  const rows = new Map<string, string>();
  for (const match of section.matchAll(/^\| `([a-z0-9_]+)` \|(.*)$/gm)) rows.set(match[1] ?? '', match[2] ?? '');
  return rows;
}

describe('docs/errors.md', () => {
  it('documents every problem code with its status, and nothing else', () => {
    const documented = documentedCodes('Codes');
    expect([...documented.keys()].sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const [code, { status }] of Object.entries(ERROR_CODES)) {
      expect(documented.get(code)?.split('|')[0]?.trim(), code).toBe(String(status));
    }
  });

  it('documents every validation field code, and nothing else', () => {
    expect([...documentedCodes('Field errors').keys()].sort()).toEqual([...FIELD_ERROR_CODES].sort());
  });

  it('every code is stable snake_case', () => {
    for (const code of [...Object.keys(ERROR_CODES), ...FIELD_ERROR_CODES]) expect(code).toMatch(/^[a-z]+(_[a-z0-9]+)*$/);
  });

  it('every code thrown in src/server is registered (and so documented)', () => {
    // WebSocket protocol replies ({"op":"error","code":...}) are not HTTP problems: their codes
    // are listed with their protocol and documented in docs/events.md (checked below).
    const registered = new Set<string>([...Object.keys(ERROR_CODES), ...FIELD_ERROR_CODES, ...PROTOCOL_ERROR_CODES, ...COLLAB_PROTOCOL_ERROR_CODES]);
    const root = join(import.meta.dirname, '../../../src/server');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const thrown = new Set<string>();
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const m of text.matchAll(/Error\(\s*'([a-z0-9_]+)'/g)) thrown.add(m[1] ?? '');
      for (const m of text.matchAll(/code: '([a-z0-9_]+)'/g)) thrown.add(m[1] ?? '');
    }
    expect(thrown.size).toBeGreaterThan(10);
    for (const code of thrown) expect(registered.has(code), code).toBe(true);
  });

  it('every WebSocket protocol error code is documented in docs/events.md', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../../docs/events.md'), 'utf8');
    for (const code of [...PROTOCOL_ERROR_CODES, ...COLLAB_PROTOCOL_ERROR_CODES]) expect(doc.includes(code), code).toBe(true);
  });
});
