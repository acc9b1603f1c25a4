import type { Kysely } from 'kysely';
import type { DB } from '../db/index.js';
import type { EventData, EventType } from './schemas.js';

/** One state change to tell live clients about. */
export interface NewEvent<T extends EventType = EventType> {
  readonly type: T;
  readonly workspaceId: string | null;
  readonly specId?: string | null;
  /** For user-audience events (notifications, tokens): the only user who receives it. */
  readonly userId?: string | null;
  readonly actorId: string | null;
  readonly data: EventData<T>;
  /** ISO time; the service clock's now. */
  readonly at: string;
}

type Listener = () => void;
const listeners = new Set<Listener>();

/**
 * Called (soon after) whenever an event row was written in this process: the outbox watcher then
 * looks for newly committed rows. The row may not be committed yet when this fires; the watcher
 * retries briefly, and polls anyway, so a missed signal only costs latency.
 */
export function onEventsWritten(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

let pending = false;
function signal(): void {
  if (pending) return;
  pending = true;
  setImmediate(() => {
    pending = false;
    for (const listener of listeners) listener();
  });
}

/**
 * Appends events to the outbox; call it inside the transaction that makes the change, so an event
 * exists exactly when its change does. The id is assigned by the database in commit order.
 */
export async function recordEvents(trx: Kysely<DB>, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await trx
    .insertInto('eventOutbox')
    .values(
      events.map((e) => ({
        type: e.type,
        workspaceId: e.workspaceId,
        specId: e.specId ?? null,
        userId: e.userId ?? null,
        actorId: e.actorId,
        dataJson: JSON.stringify(e.data),
        createdAt: e.at,
      })),
    )
    .execute();
  signal();
}

/** Appends one event (see recordEvents). */
export function recordEvent<T extends EventType>(trx: Kysely<DB>, event: NewEvent<T>): Promise<void> {
  return recordEvents(trx, [event]);
}

/** An event about a spec, caused by the context's actor now. */
export function specEvent<T extends EventType>(
  ctx: { readonly deps: { readonly clock: { now(): Date } }; readonly actor: { readonly userId: string } },
  spec: { readonly id: string; readonly workspaceId: string },
  type: T,
  data: EventData<T>,
): NewEvent<T> {
  return { type, workspaceId: spec.workspaceId, specId: spec.id, actorId: ctx.actor.userId, data, at: ctx.deps.clock.now().toISOString() };
}
