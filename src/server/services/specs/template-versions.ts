import type { Kysely } from 'kysely';
import { BUILTIN_TEMPLATES, templateFromMarkdown, type Template } from '../../../core/index.js';
import type { DB } from '../../db/index.js';
import { AppError } from '../../errors/index.js';

// A template version never changes once published, so parsed templates are cached for the life of
// the process (bounded; the least recently used goes first).
const MAX_CACHED = 256;
const cache = new Map<string, Template>();

function remember(key: string, template: Template): Template {
  cache.delete(key);
  cache.set(key, template);
  if (cache.size > MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return template;
}

function builtin(id: string): Template | undefined {
  return BUILTIN_TEMPLATES.find((t) => t.id === id);
}

/** The template a spec follows: exactly the version it recorded (deleted templates included). */
export async function templateAt(db: Kysely<DB>, workspaceId: string, templateId: string, version: number): Promise<Template> {
  const b = builtin(templateId);
  if (b !== undefined) return b;
  const key = `${workspaceId}/${templateId}@${version}`;
  const cached = cache.get(key);
  if (cached !== undefined) return remember(key, cached);
  const row = await db
    .selectFrom('templateVersions')
    .innerJoin('templates', 'templates.id', 'templateVersions.templateId')
    .select(['templates.name', 'templateVersions.source'])
    .where('templates.workspaceId', '=', workspaceId)
    .where('templateVersions.templateId', '=', templateId)
    .where('templateVersions.version', '=', version)
    .executeTakeFirst();
  // The spec row names a version that must exist; losing it is a bug, not bad input.
  if (row === undefined) throw new Error(`template ${templateId} version ${version} of workspace ${workspaceId} is missing`);
  return remember(key, templateFromMarkdown(templateId, row.name, row.source, version));
}

/** The current version of a live template of the workspace (or a built-in), for a new spec. */
export async function currentTemplate(db: Kysely<DB>, workspaceId: string, templateId: string): Promise<Template> {
  const b = builtin(templateId);
  if (b !== undefined) return b;
  const row = await db
    .selectFrom('templates')
    .select('currentVersion')
    .where('id', '=', templateId)
    .where('workspaceId', '=', workspaceId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (row === undefined) throw new AppError('unknown_template', `No template "${templateId}" in this workspace`, { templateId });
  return templateAt(db, workspaceId, templateId, row.currentVersion);
}
