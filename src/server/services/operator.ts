// Operations for whoever runs the server (the CLI on the host), not for API callers: no actor,
// no policy. Keep this list short; everything a user can do goes through the normal services.
import type { Role } from '../db/index.js';
import { recordAudit } from './audit.js';
import { NO_META, type PublicCtx, type ServiceDeps } from './context.js';
import { insertMembership } from './memberships.js';
import { markSetupComplete } from './setup.js';
import { createAccount, type NewAccount, type User } from './users.js';
import { insertWorkspace } from './workspaces.js';

export interface OperatorCreateUser extends NewAccount {
  /** Workspace key: joined with `role`, or created with the user as owner when it does not exist. */
  readonly workspace?: { readonly key: string; readonly role: Role; readonly name?: string } | undefined;
}

export interface OperatorCreateUserResult {
  readonly user: User;
  readonly workspace: { readonly key: string; readonly role: Role; readonly created: boolean } | null;
}

/** `specboard user create`: also completes first-run setup, so the web setup page closes. */
export async function operatorCreateUser(deps: ServiceDeps, input: OperatorCreateUser): Promise<OperatorCreateUserResult> {
  const ctx: PublicCtx = { deps, meta: NO_META };
  const result = await deps.db.transaction().execute(async (trx): Promise<OperatorCreateUserResult> => {
    const user = await createAccount(trx, deps, input);
    await recordAudit(trx, ctx, { workspaceId: null, actorId: null, action: 'user.created_by_operator', targetType: 'user', targetId: user.id, after: { email: user.email } });
    if (input.workspace === undefined) return { user, workspace: null };
    const existing = await trx.selectFrom('workspaces').select(['id', 'key']).where('key', '=', input.workspace.key).executeTakeFirst();
    if (existing === undefined) {
      await insertWorkspace(trx, ctx, { key: input.workspace.key, name: input.workspace.name ?? input.workspace.key }, user.id);
      return { user, workspace: { key: input.workspace.key, role: 'owner', created: true } };
    }
    await insertMembership(trx, ctx, existing.id, user.id, input.workspace.role);
    return { user, workspace: { key: existing.key, role: input.workspace.role, created: false } };
  });
  await markSetupComplete(deps);
  return result;
}

