// Presence: who is viewing which spec. Not stored: joins and leaves are notices on the bus's
// `presence` channel, and every instance keeps the same table from those notices alone (its own
// included), so a viewer on one node is seen on every node. Both live-events endpoints use it: the
// WebSocket hub (a spec subscription) and GraphQL (the specPresence subscription).
import { randomUUID } from 'node:crypto';
import type { EventBus } from './bus.js';
import type { Viewer } from './schemas.js';

export interface PresenceNotice {
  readonly state: 'join' | 'leave';
  readonly specId: string;
  /** instance:viewer-id, so several tabs, endpoints and servers keep separate entries. */
  readonly key: string;
  readonly viewer: Viewer;
}

/** A join or leave as listeners get it, with who views the spec after it (one entry per user). */
export interface PresenceChange extends PresenceNotice {
  readonly viewers: Viewer[];
}

export class PresenceBoard {
  private readonly instance = randomUUID();
  /** specId -> viewer key -> viewer, fed only by bus notices (so every instance agrees). */
  private readonly viewers = new Map<string, Map<string, Viewer>>();
  private readonly listeners = new Set<(change: PresenceChange) => void>();
  private stopBus: (() => void) | null = null;

  private constructor(
    private readonly bus: EventBus,
    private readonly onError: (error: unknown) => void,
  ) {}

  static async start(bus: EventBus, onError: (error: unknown) => void): Promise<PresenceBoard> {
    const board = new PresenceBoard(bus, onError);
    board.stopBus = await bus.subscribe('presence', (message) => board.apply(JSON.parse(message) as PresenceNotice));
    return board;
  }

  /** The key of a local viewer (one per connection or subscription), unique across instances. */
  keyOf(localId: string): string {
    return `${this.instance}:${localId}`;
  }

  /** Announces a viewer joining or leaving a spec, to every instance (this one included). */
  announce(state: 'join' | 'leave', specId: string, key: string, viewer: Viewer): void {
    const notice: PresenceNotice = { state, specId, key, viewer };
    this.bus.publish('presence', JSON.stringify(notice)).catch(this.onError);
  }

  /** Calls `listener` with every join and leave; returns the function that stops it. */
  listen(listener: (change: PresenceChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Who views a spec, one entry per user (optionally counting a viewer whose join is still on its way). */
  viewersOf(specId: string, extraKey?: string, extra?: Viewer): Viewer[] {
    const entries = new Map<string, Viewer>(this.viewers.get(specId) ?? []);
    if (extraKey !== undefined && extra !== undefined) entries.set(extraKey, extra);
    const byUser = new Map<string, Viewer>();
    for (const viewer of entries.values()) byUser.set(viewer.userId, viewer);
    return [...byUser.values()];
  }

  stop(): void {
    this.stopBus?.();
    this.listeners.clear();
  }

  private apply(notice: PresenceNotice): void {
    let viewers = this.viewers.get(notice.specId);
    if (notice.state === 'join') {
      if (viewers === undefined) this.viewers.set(notice.specId, (viewers = new Map<string, Viewer>()));
      viewers.set(notice.key, notice.viewer);
    } else {
      viewers?.delete(notice.key);
      if (viewers?.size === 0) this.viewers.delete(notice.specId);
    }
    const change: PresenceChange = { ...notice, viewers: this.viewersOf(notice.specId) };
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
