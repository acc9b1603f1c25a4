import { basename, extname, resolve } from 'node:path';
import { DEFAULT_TEMPLATE_ID, TemplateError, parse, templateFromMarkdown, type Template } from '../core.js';
import { CliError } from '../errors.js';
import { readTextFile } from '../files/read-text-file.js';
import { findTemplateById, templateSources } from './sources.js';

/**
 * `--template` takes a template name (`technical-specification`) or a Markdown file. A value that
 * looks like a path (has a slash or ends in `.md`) is a file; otherwise a known name wins, and a
 * file of that name is the fallback. No value means the default built-in template.
 */
export async function resolveTemplate(value: string | undefined, cwd: string, maxBytes: number): Promise<Template> {
  const wanted = value ?? DEFAULT_TEMPLATE_ID;
  const looksLikePath = /[\\/]/.test(wanted) || extname(wanted).toLowerCase() === '.md';
  if (!looksLikePath) {
    const found = await findTemplateById(wanted);
    if (found) return found;
  }
  const path = resolve(cwd, wanted);
  let source: string;
  try {
    source = await readTextFile(path, wanted, maxBytes);
  } catch (error) {
    if (!looksLikePath && error instanceof CliError && error.code === 'file_not_found') {
      const names = (await Promise.all(templateSources().map((s) => s.list()))).flat().map((t) => t.id);
      throw new CliError('template_not_found', `no template or file by this name (templates: ${names.join(', ')})`, {
        file: wanted,
      });
    }
    throw error;
  }
  return templateFromFile(wanted, source);
}

/** A template from a Markdown file: its id from the file name, its name from its title. */
export function templateFromFile(display: string, source: string): Template {
  const stem = basename(display, extname(display));
  const id = stem.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 100) || 'template';
  const title = parse(source).title?.text.trim();
  try {
    return templateFromMarkdown(id, title !== undefined && title !== '' ? title : stem, source);
  } catch (error) {
    if (error instanceof TemplateError) throw new CliError(error.code, error.message, { file: display });
    throw error;
  }
}
