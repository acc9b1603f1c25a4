import { BUILTIN_TEMPLATES, type Template } from '../core.js';

/**
 * Where `--template NAME` and `specboard templates` look for templates by name. The built-in
 * templates come first; other sources (e.g. a server's template store) can be added with
 * `registerTemplateSource` by the command modules that need them.
 */
export interface TemplateSource {
  /** Shown in `specboard templates` (e.g. `built-in`). */
  readonly label: string;
  list(): Promise<readonly Template[]>;
}

const sources: TemplateSource[] = [{ label: 'built-in', list: () => Promise.resolve(BUILTIN_TEMPLATES) }];

/** Adds a source searched after the built-in templates. */
export function registerTemplateSource(source: TemplateSource): void {
  sources.push(source);
}

export function templateSources(): readonly TemplateSource[] {
  return sources;
}

/** The first template with this id across sources, or undefined. */
export async function findTemplateById(id: string): Promise<Template | undefined> {
  for (const source of sources) {
    const found = (await source.list()).find((t) => t.id === id);
    if (found) return found;
  }
  return undefined;
}
