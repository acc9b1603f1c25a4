import type { Kysely } from 'kysely';
import { lineEndingOf, type SpecDocument } from '../../../core/index.js';
import type { DB, SuggestionState } from '../../db/index.js';
import { locateAnchor, type StoredAnchor } from './anchor.js';
import type { ThreadRow } from './load.js';

export interface Person {
  readonly id: string;
  readonly name: string;
}

export interface CommentView {
  readonly id: string;
  readonly author: Person;
  /** Empty once deleted. */
  readonly body: string;
  readonly createdAt: string;
  readonly editedAt: string | null;
  readonly deletedAt: string | null;
}

export interface AnchorView {
  /** Where the thread was attached. */
  readonly sectionPath: string;
  readonly quote: string | null;
  /** Where it is in the current revision (null when outdated). */
  readonly current: { readonly sectionPath: string; readonly start: number; readonly end: number; readonly line: number } | null;
}

export interface ThreadView {
  readonly id: string;
  readonly specId: string;
  readonly author: Person;
  readonly kind: 'comment' | 'suggestion';
  readonly anchor: AnchorView;
  /** The anchored text changed (or its section is gone): still shown, never dropped. */
  readonly outdated: boolean;
  /** The revision the thread was attached to. */
  readonly anchoredRevision: number;
  readonly blocking: boolean;
  readonly resolved: boolean;
  readonly resolvedAt: string | null;
  readonly resolvedBy: Person | null;
  readonly suggestion: {
    readonly text: string;
    readonly state: SuggestionState;
    readonly decidedAt: string | null;
    readonly decidedBy: Person | null;
    /** The revision that applied it (accepted only). */
    readonly appliedRevision: number | null;
  } | null;
  readonly comments: CommentView[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Where to look for a thread: an applied suggestion is anchored to the text it put there. */
function anchorOf(doc: SpecDocument, t: ThreadRow): StoredAnchor {
  if (t.suggestionState !== 'accepted' || t.suggestion === null || t.suggestion === '') return t;
  return { sectionPath: t.sectionPath, quote: t.suggestion.replace(/\r\n|\r|\n/g, lineEndingOf(doc.source)), quoteOffset: t.quoteOffset };
}

/** Thread views with their comments and people, anchored against `doc` (the current revision). */
export async function threadViews(db: Kysely<DB>, doc: SpecDocument, threads: readonly ThreadRow[]): Promise<ThreadView[]> {
  if (threads.length === 0) return [];
  const comments = await db
    .selectFrom('comments')
    .select(['id', 'threadId', 'authorId', 'body', 'createdAt', 'editedAt', 'deletedAt'])
    .where(
      'threadId',
      'in',
      threads.map((t) => t.id),
    )
    .orderBy('id')
    .execute();
  const userIds = new Set<string>();
  for (const t of threads) for (const id of [t.authorId, t.resolvedBy, t.decidedBy]) if (id !== null) userIds.add(id);
  for (const c of comments) userIds.add(c.authorId);
  const users = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', [...userIds]).execute();
  const names = new Map(users.map((u) => [u.id, u.name]));
  const person = (id: string): Person => ({ id, name: names.get(id) ?? '' });
  const byThread = new Map<string, CommentView[]>();
  for (const c of comments) {
    const list = byThread.get(c.threadId) ?? [];
    list.push({ id: c.id, author: person(c.authorId), body: c.deletedAt === null ? c.body : '', createdAt: c.createdAt, editedAt: c.editedAt, deletedAt: c.deletedAt });
    byThread.set(c.threadId, list);
  }
  return threads.map((t) => {
    const at = locateAnchor(doc, anchorOf(doc, t));
    return {
      id: t.id,
      specId: t.specId,
      author: person(t.authorId),
      kind: t.suggestion === null ? 'comment' : 'suggestion',
      anchor: {
        sectionPath: t.sectionPath,
        quote: t.quote,
        current: at.outdated ? null : { sectionPath: at.sectionPath, start: at.start, end: at.end, line: at.line },
      },
      outdated: at.outdated,
      anchoredRevision: t.anchoredRevision,
      blocking: t.blockingAt !== null,
      resolved: t.resolvedAt !== null,
      resolvedAt: t.resolvedAt,
      resolvedBy: t.resolvedBy === null ? null : person(t.resolvedBy),
      suggestion:
        t.suggestion === null
          ? null
          : {
              text: t.suggestion,
              state: t.suggestionState ?? 'open',
              decidedAt: t.decidedAt,
              decidedBy: t.decidedBy === null ? null : person(t.decidedBy),
              appliedRevision: t.appliedRevision,
            },
      comments: byThread.get(t.id) ?? [],
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
    };
  });
}
