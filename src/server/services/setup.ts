import { isUniqueViolation } from '../db/index.js';
import { ConflictError } from '../errors/index.js';
import { nowIso, type PublicCtx, type ServiceDeps } from './context.js';
import { createSession, type NewSession } from './sessions.js';
import { createAccount, type NewAccount, type User } from './users.js';
import { insertWorkspace, type NewWorkspace, type Workspace } from './workspaces.js';

export interface SetupInput extends NewAccount {
  readonly workspace: NewWorkspace;
}

const SETUP_KEY = 'setup_completed_at';

/** First run: setup is needed until the first owner exists. */
export async function setupStatus(deps: ServiceDeps): Promise<{ needed: boolean }> {
  const row = await deps.db.selectFrom('instanceSettings').select('value').where('key', '=', SETUP_KEY).executeTakeFirst();
  return { needed: row === undefined };
}

/**
 * Creates the first owner and workspace and signs them in. Only once per installation: the
 * setup marker's primary key makes a concurrent second attempt fail with already_set_up.
 */
export async function completeSetup(ctx: PublicCtx, input: SetupInput): Promise<{ user: User; workspace: Workspace; session: NewSession }> {
  if (!(await setupStatus(ctx.deps)).needed) throw new ConflictError('already_set_up', 'This installation already has an owner; sign in instead');
  try {
    return await ctx.deps.db.transaction().execute(async (trx) => {
      await trx.insertInto('instanceSettings').values({ key: SETUP_KEY, value: nowIso(ctx.deps) }).execute();
      const user = await createAccount(trx, ctx.deps, input);
      const workspace = await insertWorkspace(trx, ctx, input.workspace, user.id);
      const session = await createSession(trx, ctx, user.id);
      return { user, workspace, session };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('already_set_up', 'This installation already has an owner; sign in instead');
    throw error;
  }
}

/** Marks setup as done when accounts are created another way (the CLI's `user create`). */
export async function markSetupComplete(deps: ServiceDeps): Promise<void> {
  const done = await setupStatus(deps);
  if (!done.needed) return;
  try {
    await deps.db.insertInto('instanceSettings').values({ key: SETUP_KEY, value: nowIso(deps) }).execute();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}
