import { DEFAULT_TEMPLATE_ID, newSpec, parse, TemplateError, type Template } from '../../../core/index.js';
import { ValidationError } from '../../errors/index.js';
import { authorize, specPolicy } from '../../policies/index.js';
import { recordAudit } from '../audit.js';
import { nowIso, type ActorCtx } from '../context.js';
import { newId } from '../secrets.js';
import { workspaceAccess } from '../workspace-access.js';
import { analyzeDocument, titleOf } from './analysis.js';
import { requireStorable } from './commit.js';
import { setSpecLabels } from './labels.js';
import type { LoadedSpec, SpecMeta } from './load.js';
import { revisionCache } from './revision-cache.js';
import { searchIndexOf } from '../../search/index.js';
import { currentTemplate } from './template-versions.js';
import type { SpecRead } from './views.js';
import { recordEvent, specEvent } from '../../events/write.js';

export interface CreateSpecInput {
  readonly title?: string | undefined;
  /** Default: the built-in technical specification. */
  readonly templateId?: string | undefined;
  /** The spec's text, stored byte for byte; without it the template is filled in (core newSpec). */
  readonly markdown?: string | undefined;
  readonly labels?: readonly string[] | undefined;
  /** Summary of revision 1. */
  readonly summary?: string | undefined;
}

const UNTITLED = 'Untitled specification';

function fromTemplate(template: Template, title: string, author: string, date: string): string {
  try {
    return newSpec(template, { title, author, date });
  } catch (error) {
    if (error instanceof TemplateError) throw ValidationError.field('title', 'invalid_value', error.message);
    throw error;
  }
}

/** A new spec with the workspace's next number, as revision 1, following the template's current version. */
export async function createSpec(ctx: ActorCtx, workspaceRef: string, input: CreateSpecInput): Promise<SpecRead> {
  const db = ctx.deps.db;
  const access = await workspaceAccess(ctx, workspaceRef);
  authorize(ctx.actor, specPolicy.create, access);
  const template = await currentTemplate(db, access.workspace.id, input.templateId ?? DEFAULT_TEMPLATE_ID);
  const author = await db.selectFrom('users').select('name').where('id', '=', ctx.actor.userId).executeTakeFirstOrThrow();
  const now = nowIso(ctx.deps);
  const given = input.title?.replace(/\s+/g, ' ').trim();
  let content: string;
  if (input.markdown !== undefined) {
    requireStorable(input.markdown);
    content = input.markdown;
  } else {
    content = fromTemplate(template, given === undefined || given === '' ? UNTITLED : given, author.name, now.slice(0, 10));
  }
  const analysis = analyzeDocument(parse(content), template);
  const title = given !== undefined && given !== '' ? given : (titleOf(analysis.doc) ?? UNTITLED);

  const spec = await db.transaction().execute(async (trx): Promise<LoadedSpec> => {
    // The workspace row is the per-workspace counter: the UPDATE locks it until commit, so
    // concurrent creators get consecutive numbers on PostgreSQL; SQLite runs writers one at a time.
    const counter = await trx
      .updateTable('workspaces')
      .set((eb) => ({ nextSpecNumber: eb('nextSpecNumber', '+', 1) }))
      .where('id', '=', access.workspace.id)
      .returning('nextSpecNumber')
      .executeTakeFirstOrThrow();
    const meta: SpecMeta = {
      id: newId(),
      workspaceId: access.workspace.id,
      workspaceKey: access.workspace.key,
      number: counter.nextSpecNumber - 1,
      title,
      status: 'draft',
      authorId: ctx.actor.userId,
      authorName: author.name,
      templateId: template.id,
      templateVersion: template.version,
      revision: 1,
      completeness: analysis.summary.score,
      lintErrors: analysis.summary.errors,
      lintWarnings: analysis.summary.warnings,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    const { workspaceKey: _key, authorName: _name, ...row } = meta;
    await trx.insertInto('specs').values({ ...row, content }).execute();
    await trx
      .insertInto('revisions')
      .values({ id: newId(), specId: meta.id, number: 1, authorId: ctx.actor.userId, createdAt: now, summary: input.summary ?? 'Created', content })
      .execute();
    const labels = await setSpecLabels(trx, meta.workspaceId, meta.id, input.labels ?? [], now);
    await recordAudit(trx, ctx, {
      workspaceId: meta.workspaceId,
      action: 'spec.created',
      targetType: 'spec',
      targetId: meta.id,
      after: { number: meta.number, title, templateId: template.id, templateVersion: template.version },
    });
    await searchIndexOf(trx).indexSpec(trx, { id: meta.id, workspaceId: meta.workspaceId }, analysis.doc);
    await recordEvent(trx, specEvent(ctx, meta, 'spec.created', { key: `${meta.workspaceKey}-${meta.number}`, number: meta.number, title, status: 'draft', revision: 1 }));
    return { spec: meta, role: access.role, labels };
  });
  return { loaded: spec, current: revisionCache(db).put(spec.spec.id, 1, analysis.doc, analysis.lint) };
}
