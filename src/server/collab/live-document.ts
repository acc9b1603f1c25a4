import type * as Y from 'yjs';
import type { Base } from './bridge.js';
import { TEXT_NAME } from './names.js';

/**
 * The server's state of one loaded live document: the Yjs document Hocuspocus serves, the base
 * (the state whose text is the spec's content at base.revision), who edited since the last
 * checkpoint, and a queue so merges, checkpoints and compactions of it run one at a time.
 */
export class LiveDocument {
  private queue: Promise<unknown> = Promise.resolve();
  /** Updates appended since the last compaction. */
  sinceCompaction: number;

  constructor(
    readonly name: string,
    readonly spec: { readonly id: string; readonly workspaceId: string },
    readonly doc: Y.Doc,
    public base: Base,
    /** First editor first. */
    public contributors: string[],
    logged: number,
  ) {
    this.sinceCompaction = logged;
  }

  get text(): string {
    return this.doc.getText(TEXT_NAME).toJSON();
  }

  /** Runs `task` after every task queued before it (a failure does not stop the queue). */
  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Adds an editor; true when they are new since the last checkpoint. */
  credit(userId: string): boolean {
    if (this.contributors.includes(userId)) return false;
    this.contributors.push(userId);
    return true;
  }
}
