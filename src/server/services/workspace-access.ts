import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/index.js';
import { NotFoundError } from '../errors/index.js';
import type { ActorCtx } from './context.js';

export interface Workspace {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A workspace and the actor's role in it (null: not a member, which policies answer with not_found). */
export interface WorkspaceAccess {
  readonly workspace: Workspace;
  readonly role: Role | null;
}

/**
 * Loads a workspace by id or key with the actor's role. Services for anything inside a workspace
 * start here, then call authorize(ctx.actor, somePolicy.action, access).
 */
export async function workspaceAccess(ctx: ActorCtx, ref: string, db: Kysely<DB> = ctx.deps.db): Promise<WorkspaceAccess> {
  const row = await db
    .selectFrom('workspaces')
    .leftJoin('memberships', (join) =>
      join.onRef('memberships.workspaceId', '=', 'workspaces.id').on('memberships.userId', '=', ctx.actor.userId),
    )
    .select([
      'workspaces.id',
      'workspaces.key',
      'workspaces.name',
      'workspaces.createdAt',
      'workspaces.updatedAt',
      'memberships.role',
    ])
    .where((eb) => eb.or([eb('workspaces.id', '=', ref), eb('workspaces.key', '=', ref)]))
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError('Workspace');
  const { role, ...workspace } = row;
  return { workspace, role: role ?? null };
}
