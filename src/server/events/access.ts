// What a live-events connection may watch: decided by the same services and policies as REST
// (workspace read, spec read), never by rules of its own.
import { NotFoundError } from '../errors/index.js';
import { authorize, specPolicy, workspacePolicy } from '../policies/index.js';
import type { Actor, ServiceDeps } from '../services/context.js';
import { NO_META } from '../services/context.js';
import { authenticateSession } from '../services/sessions.js';
import { loadSpec } from '../services/specs/load.js';
import { authenticateToken } from '../services/tokens.js';
import { workspaceAccess } from '../services/workspace-access.js';

/** A topic the actor was allowed to watch, resolved to ids. */
export interface ResolvedTopic {
  readonly workspaceId: string;
  readonly specId: string | null;
}

/** The credential a connection was opened with, re-checked while it lives. */
export type Credential = { readonly kind: 'token'; readonly secret: string } | { readonly kind: 'session'; readonly secret: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Resolves and authorizes a subscription; throws the service's AppError (404 for outsiders). */
export async function authorizeTopic(deps: ServiceDeps, actor: Actor, topic: { workspace?: string | undefined; spec?: string | undefined }): Promise<ResolvedTopic> {
  const ctx = { deps, meta: NO_META, actor };
  if (topic.spec !== undefined) {
    let workspace = topic.workspace;
    if (workspace === undefined && UUID.test(topic.spec)) {
      // A bare id: find its workspace, then load it through the normal path (which authorizes).
      const row = await deps.db.selectFrom('specs').select('workspaceId').where('id', '=', topic.spec.toLowerCase()).executeTakeFirst();
      if (row === undefined) throw new NotFoundError('Spec');
      workspace = row.workspaceId;
    }
    const loaded = await loadSpec(ctx, workspace === undefined ? { key: topic.spec } : { workspace, spec: topic.spec }, specPolicy.read);
    return { workspaceId: loaded.spec.workspaceId, specId: loaded.spec.id };
  }
  if (topic.workspace === undefined) throw new NotFoundError('Workspace');
  const access = await workspaceAccess(ctx, topic.workspace);
  authorize(actor, workspacePolicy.read, access);
  return { workspaceId: access.workspace.id, specId: null };
}

/** The actor the credential stands for now, or null once it is revoked, expired or signed out. */
export function reauthenticate(deps: ServiceDeps, credential: Credential): Promise<Actor | null> {
  return credential.kind === 'token' ? authenticateToken(deps, credential.secret) : authenticateSession(deps, credential.secret);
}
