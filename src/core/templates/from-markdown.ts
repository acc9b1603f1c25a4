import { parse } from '../document/parse.js';
import { TemplateError } from './errors.js';
import { deriveStructure } from './structure.js';
import type { Template } from './types.js';

const ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/** Makes a template of any Markdown text: its headings become the sections a spec must have. */
export function templateFromMarkdown(id: string, name: string, source: string, version = 1): Template {
  if (!ID_PATTERN.test(id)) {
    throw new TemplateError('invalid_template_id', `template id must be 1-100 lower-case letters, digits, ".", "_" or "-" starting with a letter or digit, got ${JSON.stringify(id)}`);
  }
  if (name.trim() === '') throw new TemplateError('invalid_template_name', 'template name must not be empty');
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new TemplateError('invalid_template_version', `template version must be a positive integer, got ${String(version)}`);
  }
  const document = parse(source);
  return Object.freeze({ id, name: name.trim(), version, source, document, structure: deriveStructure(document) });
}
