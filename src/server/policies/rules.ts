import type { Role, Scope } from '../db/index.js';
import { ForbiddenError, NotFoundError } from '../errors/index.js';
import type { Actor } from '../services/context.js';

export const ROLES: readonly Role[] = ['viewer', 'editor', 'admin', 'owner'];
export const SCOPES: readonly Scope[] = ['read', 'write', 'admin'];

/** Something inside a workspace, seen by an actor whose role there is `role` (null: not a member). */
export interface InWorkspace {
  readonly role: Role | null;
}

/**
 * One authorization rule: the least workspace role, the least token scope and, optionally, a
 * condition on the resource. Scopes are cumulative: write includes read, admin includes both.
 */
export interface Rule<R extends InWorkspace> {
  readonly role: Role;
  readonly scope: Scope;
  readonly when?: (actor: Actor, resource: R) => boolean;
}

export function allow<R extends InWorkspace>(role: Role, scope: Scope, when?: (actor: Actor, resource: R) => boolean): Rule<R> {
  return when ? { role, scope, when } : { role, scope };
}

export function roleAtLeast(role: Role | null, least: Role): boolean {
  return role !== null && ROLES.indexOf(role) >= ROLES.indexOf(least);
}

export function scopeAllows(scopes: readonly Scope[] | null, needed: Scope): boolean {
  if (scopes === null) return true;
  return scopes.some((s) => SCOPES.indexOf(s) >= SCOPES.indexOf(needed));
}

/** Whether the actor may do it (for showing or hiding actions). */
export function can<R extends InWorkspace>(actor: Actor, rule: Rule<R>, resource: R): boolean {
  return (
    roleAtLeast(resource.role, rule.role) &&
    scopeAllows(actor.scopes, rule.scope) &&
    (rule.when === undefined || rule.when(actor, resource))
  );
}

/**
 * Throws unless the actor may do it. Outsiders get not_found, never forbidden, so ids in other
 * workspaces reveal nothing; a member without the role gets forbidden; a token without the scope
 * gets insufficient_scope.
 */
export function authorize<R extends InWorkspace>(actor: Actor, rule: Rule<R>, resource: R, what = 'Workspace'): void {
  if (resource.role === null) throw new NotFoundError(what);
  if (!scopeAllows(actor.scopes, rule.scope)) {
    throw new ForbiddenError('insufficient_scope', `This API token needs the "${rule.scope}" scope`);
  }
  if (!roleAtLeast(resource.role, rule.role)) {
    throw new ForbiddenError('forbidden', `Requires the ${rule.role} role in this workspace`);
  }
  if (rule.when !== undefined && !rule.when(actor, resource)) throw new ForbiddenError('forbidden');
}
