import { BUILTIN_TEMPLATE_DATA } from './builtin-data.generated.js';
import { TemplateError } from './errors.js';
import { templateFromMarkdown } from './from-markdown.js';
import type { Template } from './types.js';

/** Display names of the built-in templates by id (the file name without `.md`). */
const NAMES: Readonly<Record<string, string>> = {
  'technical-specification': 'Technical Specification',
};

/** Id of the template `specboard new` and the server use when none is chosen. */
export const DEFAULT_TEMPLATE_ID = 'technical-specification';

/** The templates shipped with Specboard (templates/*.md), parsed once at load. */
export const BUILTIN_TEMPLATES: readonly Template[] = BUILTIN_TEMPLATE_DATA.map((data) =>
  templateFromMarkdown(data.id, NAMES[data.id] ?? data.id, data.source, 1),
);

/** A built-in template by id; throws TemplateError `template_not_found` for an unknown id. */
export function getBuiltinTemplate(id: string = DEFAULT_TEMPLATE_ID): Template {
  const found = BUILTIN_TEMPLATES.find((t) => t.id === id);
  if (!found) {
    throw new TemplateError('template_not_found', `no built-in template "${id}" (available: ${BUILTIN_TEMPLATES.map((t) => t.id).join(', ')})`);
  }
  return found;
}
