// Who may open a document, and whether they may write to it: decided by the same services and
// policies as REST (spec read to sync, spec write to edit, the review lock), never by rules of
// our own.
import { AppError, NotFoundError } from '../errors/index.js';
import { authorize, specPolicy } from '../policies/index.js';
import { LOCKED_STATES } from '../services/reviews/transition.js';
import { NO_META, type Actor, type ServiceDeps } from '../services/context.js';
import { loadSpec, type SpecMeta } from '../services/specs/load.js';
import type { DocumentName } from './names.js';

export interface DocumentAccess {
  readonly spec: SpecMeta;
  /** Why the connection may not write, or null when it may. */
  readonly readOnly: 'role' | 'locked' | 'version' | null;
}

/** Loads the spec as `actor` (404 for outsiders, as REST answers) and decides read-only. */
export async function documentAccess(deps: ServiceDeps, actor: Actor, name: DocumentName): Promise<DocumentAccess> {
  const row = await deps.db.selectFrom('specs').select('workspaceId').where('id', '=', name.specId).executeTakeFirst();
  if (row === undefined) throw new NotFoundError('Spec');
  const loaded = await loadSpec({ deps, meta: NO_META, actor }, { workspace: row.workspaceId, spec: name.specId }, specPolicy.read);
  if (name.version !== null) {
    // A spec the review workflow never touched has no version rows yet: it is version 1.
    const versions = await deps.db.selectFrom('specVersions').select('number').where('specId', '=', name.specId).execute();
    const exists = versions.some((v) => v.number === name.version) || (versions.length === 0 && name.version === 1);
    if (!exists) throw new NotFoundError(`Version ${name.version}`);
    return { spec: loaded.spec, readOnly: 'version' };
  }
  if (!mayWrite(actor, loaded)) return { spec: loaded.spec, readOnly: 'role' };
  return { spec: loaded.spec, readOnly: LOCKED_STATES.has(loaded.spec.status) ? 'locked' : null };
}

function mayWrite(actor: Actor, loaded: Parameters<typeof authorize>[2]): boolean {
  try {
    authorize(actor, specPolicy.write, loaded, 'Spec');
    return true;
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}

/**
 * The content of version `number` of a spec: its last revision (the one before the next
 * version's first, or the current one for the newest version).
 */
export async function versionContent(deps: ServiceDeps, spec: { readonly id: string; readonly revision: number }, number: number): Promise<string> {
  const next = await deps.db.selectFrom('specVersions').select('startRevision').where('specId', '=', spec.id).where('number', '=', number + 1).executeTakeFirst();
  const last = next === undefined ? spec.revision : next.startRevision - 1;
  const row = await deps.db.selectFrom('revisions').select('content').where('specId', '=', spec.id).where('number', '<=', last).orderBy('number', 'desc').limit(1).executeTakeFirst();
  return row?.content ?? '';
}
