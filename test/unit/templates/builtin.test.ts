import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_TEMPLATE_DATA,
  BUILTIN_TEMPLATES,
  DEFAULT_TEMPLATE_ID,
  TemplateError,
  getBuiltinTemplate,
} from '../../../src/core/templates/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const templateFile = join(root, 'templates/technical-specification.md');
const sharedFile = resolve(root, '../shared/templates/technical-specification.md');
const SHA256 = 'cc69b631abb32b35f4b68f489a70d5098b137f3127c4b644a15c3a1de33d6f6f';
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('built-in template "Technical Specification"', () => {
  it('templates/technical-specification.md has the SHA-256 of the shared original', () => {
    expect(sha256(readFileSync(templateFile))).toBe(SHA256);
  });

  it('keeps the original bytes: no final newline, trailing spaces after blank labels', () => {
    const text = readFileSync(templateFile, 'utf8');
    expect(text.endsWith('\n')).toBe(false);
    expect(text.endsWith('**Approval Date**: ')).toBe(true);
    expect(text).toContain('- **In Scope**: \n');
    expect(text).not.toContain('\r');
  });

  it('builtin-data.generated.ts holds exactly the bytes of templates/technical-specification.md', () => {
    const data = BUILTIN_TEMPLATE_DATA.find((d) => d.id === 'technical-specification');
    expect(data).toBeDefined();
    const fileBytes = readFileSync(templateFile);
    expect(Buffer.from(data?.source ?? '', 'utf8').equals(fileBytes)).toBe(true);
    expect(data?.sha256).toBe(SHA256);
    expect(sha256(Buffer.from(data?.source ?? '', 'utf8'))).toBe(SHA256);
  });

  it('matches ../shared/templates/technical-specification.md beside the repo when that file exists', () => {
    const data = BUILTIN_TEMPLATE_DATA.find((d) => d.id === 'technical-specification');
    // Outside the shared workspace there is nothing to compare with; the repo copy is then the reference.
    const reference = existsSync(sharedFile) ? readFileSync(sharedFile) : readFileSync(templateFile);
    expect(Buffer.from(data?.source ?? '', 'utf8').equals(reference)).toBe(true);
    expect(sha256(reference)).toBe(SHA256);
  });

  it('every generated entry matches its templates/*.md file and hash', () => {
    for (const data of BUILTIN_TEMPLATE_DATA) {
      const bytes = readFileSync(join(root, 'templates', `${data.id}.md`));
      expect(Buffer.from(data.source, 'utf8').equals(bytes)).toBe(true);
      expect(sha256(bytes)).toBe(data.sha256);
    }
  });

  it('is available without I/O as a Template with id, name, version, source and structure', () => {
    const t = getBuiltinTemplate();
    expect(DEFAULT_TEMPLATE_ID).toBe('technical-specification');
    expect(t.id).toBe('technical-specification');
    expect(t.name).toBe('Technical Specification');
    expect(t.version).toBe(1);
    expect(t.source).toBe(BUILTIN_TEMPLATE_DATA[0]?.source);
    expect(t.structure.title).toBe('Technical Specification');
    expect(t.structure.sections.map((s) => s.heading)).toContain('Open Questions');
    expect(BUILTIN_TEMPLATES).toContain(t);
  });

  it('an unknown id is a TemplateError with code template_not_found', () => {
    expect(() => getBuiltinTemplate('nope')).toThrowError(TemplateError);
    try {
      getBuiltinTemplate('nope');
    } catch (error) {
      expect((error as TemplateError).code).toBe('template_not_found');
    }
  });
});
