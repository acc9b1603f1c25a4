import type { Kysely } from 'kysely';
import type { DB, Role } from '../../db/index.js';
import { NotFoundError } from '../../errors/index.js';
import { authorize, type Rule, type SpecResource } from '../../policies/index.js';
import type { ActorCtx } from '../context.js';
import { parseSpecRef, type SpecRef } from './refs.js';
import { reusableQuery } from '../../db/reusable-query.js';

/** The columns of a spec's row (specs joined with its author in users) that loading and listing both read. */
export const SPEC_ROW_COLUMNS = [
  'specs.id',
  'specs.workspaceId',
  'specs.number',
  'specs.title',
  'specs.status',
  'specs.authorId',
  'users.name as authorName',
  'specs.templateId',
  'specs.templateVersion',
  'specs.revision',
  'specs.completeness',
  'specs.lintErrors',
  'specs.lintWarnings',
  'specs.createdAt',
  'specs.updatedAt',
  'specs.deletedAt',
] as const;

/** A spec's row without its content, as every spec operation first loads it. */
export interface SpecMeta {
  readonly id: string;
  readonly workspaceId: string;
  readonly workspaceKey: string;
  readonly number: number;
  readonly title: string;
  readonly status: string;
  readonly authorId: string;
  readonly authorName: string;
  readonly templateId: string;
  readonly templateVersion: number;
  readonly revision: number;
  readonly completeness: number;
  readonly lintErrors: number;
  readonly lintWarnings: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deletedAt: string | null;
}

export interface LoadedSpec {
  readonly spec: SpecMeta;
  /** The actor's role in the spec's workspace (null: not a member). */
  readonly role: Role | null;
  /** Label names, sorted (only when asked for). */
  readonly labels: readonly string[];
  /** The current content (only when asked for). */
  readonly content?: string;
}

/** Where to look: a workspace (id or key) and a spec ref, or a server-wide key such as SPEC-42. */
export type SpecLocator = { readonly workspace: string; readonly spec: string } | { readonly key: string };

export interface LoadOptions {
  readonly labels?: boolean;
  /** Also read the content, in the same query (consistent with the revision number). */
  readonly content?: boolean;
  /** Soft-deleted specs are found too (restore, admin lists); otherwise they are 404. */
  readonly deleted?: boolean;
}

/**
 * Loads a spec, the actor's role in its workspace and (optionally) its labels in one query, then
 * checks the policy rule. Unknown specs, other workspaces' specs and deleted specs all answer 404.
 */
export async function loadSpec(ctx: ActorCtx, locator: SpecLocator, rule: Rule<SpecResource>, options: LoadOptions = {}, db: Kysely<DB> = ctx.deps.db): Promise<LoadedSpec> {
  const found = await findSpec(db, ctx.actor.userId, locator, options.labels === true, options.content === true);
  if (found === null) throw new NotFoundError('Spec');
  authorize(ctx.actor, rule, found, 'Spec');
  if (found.spec.deletedAt !== null && options.deleted !== true) throw new NotFoundError('Spec');
  return found;
}

function refOf(locator: SpecLocator): { workspace: string | null; ref: SpecRef } | null {
  if ('key' in locator) {
    const ref = parseSpecRef(locator.key);
    return ref?.kind === 'key' ? { workspace: null, ref } : null;
  }
  const ref = parseSpecRef(locator.spec);
  return ref === null ? null : { workspace: locator.workspace, ref };
}

interface Shape {
  readonly labels: boolean;
  readonly content: boolean;
  readonly workspace: boolean;
  readonly ref: SpecRef['kind'];
}

function buildFind(shape: Shape) {
  return (db: Kysely<DB>, userId: string, workspace: string, workspaceKey: string, number: number, id: string) =>
    db
      .selectFrom('specs')
      .innerJoin('workspaces', 'workspaces.id', 'specs.workspaceId')
      .innerJoin('users', 'users.id', 'specs.authorId')
      .leftJoin('memberships', (join) => join.onRef('memberships.workspaceId', '=', 'specs.workspaceId').on('memberships.userId', '=', userId))
      .$if(shape.labels, (q) => q.leftJoin('specLabels', 'specLabels.specId', 'specs.id').leftJoin('labels', 'labels.id', 'specLabels.labelId').select('labels.name as labelName'))
      .$if(shape.content, (q) => q.select('specs.content'))
      .select(SPEC_ROW_COLUMNS)
      .select(['workspaces.key as workspaceKey', 'memberships.role'])
      .$if(shape.workspace, (q) => q.where((eb) => eb.or([eb('workspaces.id', '=', workspace), eb('workspaces.key', '=', workspace)])))
      .$if(shape.ref === 'key', (q) => q.where('workspaces.key', '=', workspaceKey))
      .$if(shape.ref !== 'id', (q) => q.where('specs.number', '=', number))
      .$if(shape.ref === 'id', (q) => q.where('specs.id', '=', id));
}

type FindQuery = ReturnType<typeof reusableFind>;
const reusableFind = (shape: Shape) => reusableQuery(buildFind(shape));
// One reusable query per shape (what is selected and how the spec is named): the GET path runs
// the same few shapes over and over.
const findQueries = new Map<string, FindQuery>();

function findQuery(shape: Shape): FindQuery {
  const key = `${shape.labels ? 'L' : ''}${shape.content ? 'C' : ''}${shape.workspace ? 'W' : ''}:${shape.ref}`;
  let query = findQueries.get(key);
  if (query === undefined) {
    query = reusableFind(shape);
    findQueries.set(key, query);
  }
  return query;
}

async function findSpec(db: Kysely<DB>, userId: string, locator: SpecLocator, withLabels: boolean, withContent: boolean): Promise<LoadedSpec | null> {
  const target = refOf(locator);
  if (target === null) return null;
  const { workspace, ref } = target;
  const query = findQuery({ labels: withLabels, content: withContent, workspace: workspace !== null, ref: ref.kind });
  const { rows } = await query(db, userId, workspace ?? '', ref.kind === 'key' ? ref.workspaceKey : '', ref.kind === 'id' ? 0 : ref.number, ref.kind === 'id' ? ref.id : '');
  const first = rows[0];
  if (first === undefined) return null;
  const { role, labelName: _label, content, ...spec } = first;
  const labels = withLabels ? rows.map((r) => r.labelName).filter((n): n is string => typeof n === 'string').sort() : [];
  return content === undefined ? { spec, role: role ?? null, labels } : { spec, role: role ?? null, labels, content };
}

const contentQuery = reusableQuery((db: Kysely<DB>, specId: string) => db.selectFrom('specs').select(['content', 'revision']).where('id', '=', specId));

/** The content of a spec's current revision. */
export async function loadContent(db: Kysely<DB>, specId: string): Promise<{ content: string; revision: number }> {
  const [row] = (await contentQuery(db, specId)).rows;
  if (row === undefined) throw new NotFoundError('Spec');
  return row;
}
