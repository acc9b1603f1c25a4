import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.js';

export interface BlockingThread {
  readonly id: string;
  readonly sectionPath: string;
  readonly quote: string | null;
  readonly authorId: string;
}

/** A spec's blocking threads that are not resolved yet (approval waits for them), oldest first. */
export async function unresolvedBlockingThreads(db: Kysely<DB>, specId: string): Promise<BlockingThread[]> {
  return db
    .selectFrom('commentThreads')
    .select(['id', 'sectionPath', 'quote', 'authorId'])
    .where('specId', '=', specId)
    .where('blockingAt', 'is not', null)
    .where('resolvedAt', 'is', null)
    .orderBy('id')
    .execute();
}
