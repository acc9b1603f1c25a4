import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.js';
import { notify } from '../notifications/index.js';

// `@bob@example.com` (an email) or `@bob` (the part before the @ of a member's email, when only
// one member has it). Not after a word character, so "me@example.com" alone is no mention.
const MENTION = /(?<![\w.@])@([A-Za-z0-9._%+-]+(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?)/g;

/** The handles mentioned in a comment, lower-cased, without trailing dots ("@bob." ends a sentence). */
export function mentionHandles(body: string): string[] {
  const handles = new Set<string>();
  for (const match of body.matchAll(MENTION)) {
    const handle = (match[1] ?? '').replace(/\.+$/, '').toLowerCase();
    if (handle !== '') handles.add(handle);
  }
  return [...handles];
}

/** Members of the workspace that a comment mentions (by email or unambiguous email name). */
export async function mentionedMembers(db: Kysely<DB>, workspaceId: string, body: string): Promise<string[]> {
  const handles = mentionHandles(body);
  if (handles.length === 0) return [];
  const members = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .select(['users.id', 'users.email'])
    .where('memberships.workspaceId', '=', workspaceId)
    .execute();
  const found = new Set<string>();
  for (const handle of handles) {
    const matches = members.filter((m) => {
      const email = m.email.toLowerCase();
      return handle.includes('@') ? email === handle : email.slice(0, email.indexOf('@')) === handle;
    });
    if (matches.length === 1 && matches[0] !== undefined) found.add(matches[0].id);
  }
  return [...found];
}

export interface MentionSource {
  readonly workspaceId: string;
  readonly specId: string;
  readonly threadId: string;
  readonly commentId: string;
  readonly actorId: string;
  readonly body: string;
  /** Mentions already notified (an edited comment notifies only the newly mentioned). */
  readonly previousBody?: string;
  readonly at: string;
}

/** Notifies the members a comment mentions (never its author); returns who was notified. */
export async function notifyMentions(trx: Kysely<DB>, source: MentionSource): Promise<string[]> {
  const mentioned = await mentionedMembers(trx, source.workspaceId, source.body);
  const already = source.previousBody === undefined ? [] : await mentionedMembers(trx, source.workspaceId, source.previousBody);
  const fresh = mentioned.filter((id) => !already.includes(id));
  return notify(trx, {
    workspaceId: source.workspaceId,
    userIds: fresh,
    kind: 'mention',
    specId: source.specId,
    actorId: source.actorId,
    details: { threadId: source.threadId, commentId: source.commentId, excerpt: excerpt(source.body) },
    at: source.at,
  });
}

function excerpt(body: string): string {
  const chars = [...body.replace(/\s+/g, ' ').trim()];
  return chars.length <= 140 ? chars.join('') : `${chars.slice(0, 139).join('')}…`;
}
