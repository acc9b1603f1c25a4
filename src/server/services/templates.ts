import { BUILTIN_TEMPLATE_DATA } from '../../core/templates/builtin-data.generated.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/index.js';
import { ConflictError, NotFoundError } from '../errors/index.js';
import { authorize, templatePolicy } from '../policies/index.js';
import { recordAudit } from './audit.js';
import { nowIso, type ActorCtx } from './context.js';
import { newId, sha256Hex } from './secrets.js';
import { workspaceAccess, type WorkspaceAccess } from './workspace-access.js';

export interface TemplateSummary {
  /** A UUID, or the id of a built-in template (e.g. "technical-specification"). */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly builtin: boolean;
  readonly currentVersion: number;
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
}

export interface TemplateVersion {
  readonly templateId: string;
  readonly version: number;
  readonly source: string;
  readonly sha256: string;
  readonly createdAt: string | null;
}

export interface TemplateDetail extends TemplateSummary {
  readonly source: string;
  readonly sha256: string;
}

// Built-in templates ship with the release, so they always exist at version 1 in every workspace.
const BUILTINS: readonly TemplateDetail[] = BUILTIN_TEMPLATE_DATA.map((t) => ({
  id: t.id,
  name: /^# (.+)$/m.exec(t.source)?.[1]?.trim() ?? t.id,
  description: 'Built-in template',
  builtin: true,
  currentVersion: 1,
  createdAt: null,
  updatedAt: null,
  source: t.source,
  sha256: t.sha256,
}));

function builtin(id: string): TemplateDetail | undefined {
  return BUILTINS.find((t) => t.id === id);
}

function summary(t: TemplateDetail): TemplateSummary {
  const { source: _source, sha256: _sha, ...rest } = t;
  return rest;
}

async function readableAccess(ctx: ActorCtx, ref: string, db?: Kysely<DB>): Promise<WorkspaceAccess> {
  const access = await workspaceAccess(ctx, ref, db);
  authorize(ctx.actor, templatePolicy.read, access);
  return access;
}

async function loadCustom(db: Kysely<DB>, workspaceId: string, id: string): Promise<TemplateDetail | undefined> {
  const row = await db
    .selectFrom('templates')
    .innerJoin('templateVersions', (j) => j.onRef('templateVersions.templateId', '=', 'templates.id').onRef('templateVersions.version', '=', 'templates.currentVersion'))
    .select(['templates.id', 'templates.name', 'templates.description', 'templates.currentVersion', 'templates.createdAt', 'templates.updatedAt', 'templateVersions.source', 'templateVersions.sha256'])
    .where('templates.id', '=', id)
    .where('templates.workspaceId', '=', workspaceId)
    .where('templates.deletedAt', 'is', null)
    .executeTakeFirst();
  return row === undefined ? undefined : { ...row, builtin: false };
}

/** Built-in templates first, then the workspace's own, oldest first. */
export async function listTemplates(ctx: ActorCtx, ref: string): Promise<TemplateSummary[]> {
  const access = await readableAccess(ctx, ref);
  const rows = await ctx.deps.db
    .selectFrom('templates')
    .select(['id', 'name', 'description', 'currentVersion', 'createdAt', 'updatedAt'])
    .where('workspaceId', '=', access.workspace.id)
    .where('deletedAt', 'is', null)
    .orderBy('id')
    .execute();
  return [...BUILTINS.map(summary), ...rows.map((r) => ({ ...r, builtin: false }))];
}

export async function getTemplate(ctx: ActorCtx, ref: string, id: string): Promise<TemplateDetail> {
  const access = await readableAccess(ctx, ref);
  const found = builtin(id) ?? (await loadCustom(ctx.deps.db, access.workspace.id, id));
  if (found === undefined) throw new NotFoundError('Template');
  return found;
}

export async function getTemplateVersion(ctx: ActorCtx, ref: string, id: string, version: number): Promise<TemplateVersion> {
  const access = await readableAccess(ctx, ref);
  const b = builtin(id);
  if (b !== undefined) {
    if (version !== 1) throw new NotFoundError('Template version');
    return { templateId: b.id, version: 1, source: b.source, sha256: b.sha256, createdAt: null };
  }
  const row = await ctx.deps.db
    .selectFrom('templateVersions')
    .innerJoin('templates', 'templates.id', 'templateVersions.templateId')
    .select(['templateVersions.templateId', 'templateVersions.version', 'templateVersions.source', 'templateVersions.sha256', 'templateVersions.createdAt'])
    .where('templates.workspaceId', '=', access.workspace.id)
    .where('templates.deletedAt', 'is', null)
    .where('templateVersions.templateId', '=', id)
    .where('templateVersions.version', '=', version)
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError('Template version');
  return row;
}

export async function createTemplate(ctx: ActorCtx, ref: string, input: { name: string; description?: string | undefined; source: string }): Promise<TemplateDetail> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const access = await workspaceAccess(ctx, ref, trx);
    authorize(ctx.actor, templatePolicy.create, access);
    const now = nowIso(ctx.deps);
    const template: TemplateDetail = {
      id: newId(),
      name: input.name.trim(),
      description: input.description ?? '',
      builtin: false,
      currentVersion: 1,
      createdAt: now,
      updatedAt: now,
      source: input.source,
      sha256: sha256Hex(input.source),
    };
    await trx
      .insertInto('templates')
      .values({ id: template.id, workspaceId: access.workspace.id, name: template.name, description: template.description, currentVersion: 1, createdBy: ctx.actor.userId, createdAt: now, updatedAt: now, deletedAt: null })
      .execute();
    await trx.insertInto('templateVersions').values({ templateId: template.id, version: 1, source: template.source, sha256: template.sha256, createdBy: ctx.actor.userId, createdAt: now }).execute();
    await recordAudit(trx, ctx, { workspaceId: access.workspace.id, action: 'template.created', targetType: 'template', targetId: template.id, after: { name: template.name, version: 1 } });
    return template;
  });
}

/** Renames, redescribes and/or publishes a new version (only a changed source makes a version). */
export async function updateTemplate(
  ctx: ActorCtx,
  ref: string,
  id: string,
  input: { name?: string | undefined; description?: string | undefined; source?: string | undefined },
): Promise<TemplateDetail> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const access = await workspaceAccess(ctx, ref, trx);
    authorize(ctx.actor, templatePolicy.update, access);
    if (builtin(id) !== undefined) throw new ConflictError('template_read_only', 'Copy the built-in template into a new one to change it');
    const current = await loadCustom(trx, access.workspace.id, id);
    if (current === undefined) throw new NotFoundError('Template');
    const now = nowIso(ctx.deps);
    const newSource = input.source !== undefined && input.source !== current.source;
    const next: TemplateDetail = {
      ...current,
      name: input.name?.trim() ?? current.name,
      description: input.description ?? current.description,
      currentVersion: newSource ? current.currentVersion + 1 : current.currentVersion,
      source: input.source ?? current.source,
      sha256: input.source === undefined ? current.sha256 : sha256Hex(input.source),
      updatedAt: now,
    };
    if (newSource) {
      await trx.insertInto('templateVersions').values({ templateId: id, version: next.currentVersion, source: next.source, sha256: next.sha256, createdBy: ctx.actor.userId, createdAt: now }).execute();
    }
    await trx.updateTable('templates').set({ name: next.name, description: next.description, currentVersion: next.currentVersion, updatedAt: now }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, {
      workspaceId: access.workspace.id,
      action: 'template.updated',
      targetType: 'template',
      targetId: id,
      before: { name: current.name, version: current.currentVersion },
      after: { name: next.name, version: next.currentVersion },
    });
    return next;
  });
}

/** Hides the template from lists; specs keep pointing at its versions. */
export async function deleteTemplate(ctx: ActorCtx, ref: string, id: string): Promise<void> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const access = await workspaceAccess(ctx, ref, trx);
    authorize(ctx.actor, templatePolicy.delete, access);
    if (builtin(id) !== undefined) throw new ConflictError('template_read_only', 'Built-in templates cannot be deleted');
    const current = await loadCustom(trx, access.workspace.id, id);
    if (current === undefined) throw new NotFoundError('Template');
    await trx.updateTable('templates').set({ deletedAt: nowIso(ctx.deps) }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { workspaceId: access.workspace.id, action: 'template.deleted', targetType: 'template', targetId: id, before: { name: current.name } });
  });
}
