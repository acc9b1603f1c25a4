import { parse } from '../../../core/index.js';
import { BadRequestError, NotFoundError } from '../../errors/index.js';
import { specPolicy } from '../../policies/index.js';
import type { ActorCtx } from '../context.js';
import { pageWindow, toPage, type Page, type PageRequest } from '../pagination.js';
import { analyzeDocument } from './analysis.js';
import { checkIfMatch, commitContent } from './commit.js';
import { currentRevision } from './current.js';
import { loadSpec, type SpecLocator } from './load.js';
import { templateAt } from './template-versions.js';
import type { SpecRead } from './views.js';

export interface RevisionSummary {
  readonly number: number;
  readonly author: { readonly id: string; readonly name: string };
  readonly createdAt: string;
  readonly summary: string;
}

export interface Revision extends RevisionSummary {
  readonly specId: string;
  /** The content of this revision, exactly as stored. */
  readonly markdown: string;
}

/** Newest first. */
export async function listRevisions(ctx: ActorCtx, locator: SpecLocator, page: PageRequest): Promise<Page<RevisionSummary>> {
  const { spec } = await loadSpec(ctx, locator, specPolicy.read);
  const { limit, after } = pageWindow(page);
  const before = after === null ? null : Number(after);
  if (before !== null && !Number.isSafeInteger(before)) throw new BadRequestError('invalid_cursor', 'The cursor is not one this server handed out');
  const rows = await ctx.deps.db
    .selectFrom('revisions')
    .innerJoin('users', 'users.id', 'revisions.authorId')
    .select(['revisions.number', 'revisions.authorId', 'users.name as authorName', 'revisions.createdAt', 'revisions.summary'])
    .where('revisions.specId', '=', spec.id)
    .$if(before !== null, (q) => q.where('revisions.number', '<', before ?? 0))
    .orderBy('revisions.number', 'desc')
    .limit(limit + 1)
    .execute();
  const items = rows.map((r) => ({ number: r.number, author: { id: r.authorId, name: r.authorName }, createdAt: r.createdAt, summary: r.summary }));
  return toPage(items, limit, (r) => String(r.number));
}

/** Contents of some revisions of one spec, by number (404 when one is missing). */
export async function revisionContents(ctx: ActorCtx, specId: string, numbers: readonly number[]): Promise<Map<number, string>> {
  const rows = await ctx.deps.db
    .selectFrom('revisions')
    .select(['number', 'content'])
    .where('specId', '=', specId)
    .where('number', 'in', [...new Set(numbers)])
    .execute();
  const out = new Map(rows.map((r) => [r.number, r.content]));
  for (const n of numbers) if (!out.has(n)) throw new NotFoundError(`Revision ${n}`);
  return out;
}

export async function getRevision(ctx: ActorCtx, locator: SpecLocator, number: number): Promise<Revision> {
  const { spec } = await loadSpec(ctx, locator, specPolicy.read);
  const row = await ctx.deps.db
    .selectFrom('revisions')
    .innerJoin('users', 'users.id', 'revisions.authorId')
    .select(['revisions.number', 'revisions.authorId', 'users.name as authorName', 'revisions.createdAt', 'revisions.summary', 'revisions.content'])
    .where('revisions.specId', '=', spec.id)
    .where('revisions.number', '=', number)
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError(`Revision ${number}`);
  return { specId: spec.id, number: row.number, author: { id: row.authorId, name: row.authorName }, createdAt: row.createdAt, summary: row.summary, markdown: row.content };
}

/** Makes an old revision's content current again, as a new revision (history is never rewritten). */
export async function restoreRevision(ctx: ActorCtx, locator: SpecLocator, number: number, ifMatch: string | undefined): Promise<SpecRead> {
  const loaded = await loadSpec(ctx, locator, specPolicy.write, { labels: true });
  const { spec } = loaded;
  checkIfMatch(ifMatch, spec, false);
  const content = (await revisionContents(ctx, spec.id, [number])).get(number) ?? '';
  const current = await currentRevision(ctx, spec);
  if (current.revision === spec.revision && current.content === content) return { loaded, current };
  const template = await templateAt(ctx.deps.db, spec.workspaceId, spec.templateId, spec.templateVersion);
  return commitContent(ctx, { loaded, analysis: analyzeDocument(parse(content), template), summary: `Restored revision ${number}` });
}
