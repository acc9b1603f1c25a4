import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.js';
import { unresolvedBlockingThreads } from './blocking-threads.js';

// The shapes of the approval gate's GateInput / UnmetCondition this check needs (structural, so
// the comments module does not depend on the reviews module: reviews/approval-gate.ts lists it).
interface BlockingGateInput {
  readonly db: Kysely<DB>;
  readonly spec: { readonly id: string };
  readonly policy: { readonly noBlockingThreads: boolean };
}

interface BlockingUnmet {
  readonly check: 'blocking_threads';
  readonly message: string;
  readonly blocking: true;
  readonly details: { readonly threads: readonly { id: string; sectionPath: string; quote: string | null }[] };
}

/**
 * The approval gate's "no unresolved blocking threads" condition (policy noBlockingThreads):
 * approving is refused outright while any blocking thread of the spec is open; outdated ones count
 * too, since their concern was never resolved.
 */
export async function blockingThreadsCheck({ db, policy, spec }: BlockingGateInput): Promise<BlockingUnmet | null> {
  if (!policy.noBlockingThreads) return null;
  const open = await unresolvedBlockingThreads(db, spec.id);
  if (open.length === 0) return null;
  return {
    check: 'blocking_threads',
    blocking: true,
    message: `${open.length} blocking comment thread(s) must be resolved first`,
    details: { threads: open.map((t) => ({ id: t.id, sectionPath: t.sectionPath, quote: t.quote })) },
  };
}
