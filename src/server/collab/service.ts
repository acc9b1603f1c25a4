// Co-editing (docs/collab.md): Hocuspocus hooks that authorize connections, load live documents
// from the update log, append every update before it is acknowledged, checkpoint the text into
// revisions, and merge changes made through REST or GraphQL into the live text.
import type { IncomingMessage } from 'node:http';
import type {
  afterUnloadDocumentPayload,
  beforeHandleMessagePayload,
  Extension,
  Hocuspocus,
  onAuthenticatePayload,
  onChangePayload,
  onLoadDocumentPayload,
  onStatelessPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { DialectName } from '../db/index.js';
import { AppError } from '../errors/index.js';
import { accessRecheckTarget } from '../events/audience.js';
import type { EventFeed } from '../events/feed.js';
import type { StoredEvent } from '../events/outbox.js';
import { nowIso, type ServiceDeps } from '../services/context.js';
import { loadContent } from '../services/specs/load.js';
import { documentAccess, versionContent } from './access.js';
import { initialState, mergeFrom, SERVER_ORIGIN, type Base } from './bridge.js';
import { commitLiveText, type CommittedText } from './checkpoint.js';
import { ConnectionGuard } from './connections.js';
import { createHocuspocus } from './hocuspocus.js';
import { LiveDocument } from './live-document.js';
import { parseDocumentName, TEXT_NAME } from './names.js';
import { isCollabContext, parseStateless, type CheckpointReply, type CollabContext } from './protocol.js';
import type { CollabRedisSettings } from './redis.js';
import { CollabStore } from './store.js';
import { updateOf } from './wire.js';

export interface CollabSettings {
  readonly debounceMs: number;
  readonly maxDebounceMs: number;
  /** Fold the update log into the snapshot after this many appended updates. */
  readonly compactEvery: number;
  /** Every connection's credential and access are re-checked this often, events or not. */
  readonly recheckMs: number;
  /** REDIS_URL and REDIS_KEY_PREFIX: share live documents with the other nodes (null: one node). */
  readonly redis: CollabRedisSettings | null;
}

export const DEFAULT_COLLAB_SETTINGS: CollabSettings = { debounceMs: 2000, maxDebounceMs: 30_000, compactEvery: 500, recheckMs: 30_000, redis: null };

/** Refuses a connection to one document; Hocuspocus sends `reason` in its permission-denied message. */
class Refusal extends Error {
  constructor(readonly reason: string) {
    // No message: Hocuspocus logs refusals that have one, and a refusal is not an error.
    super('');
  }
}

const SPEC_CONTENT_EVENTS = new Set(['spec.updated', 'spec.restored', 'revision.created']);
const STATUS_EVENTS = new Set(['spec.status_changed', 'version.opened']);
const MAX_ATTEMPTS = 5;

export class Collab {
  readonly hocuspocus: Hocuspocus;
  readonly store: CollabStore;
  private readonly live = new Map<string, LiveDocument>();
  private readonly guard: ConnectionGuard;
  private readonly stops: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly deps: ServiceDeps,
    dialect: DialectName,
    feed: EventFeed,
    private readonly settings: CollabSettings,
    private readonly onError: (error: unknown) => void,
  ) {
    this.store = new CollabStore(deps.db, dialect);
    this.hocuspocus = createHocuspocus(this.hooks(), settings, onError);
    this.guard = new ConnectionGuard(deps, this.hocuspocus, onError);
    this.stops.push(feed.listen((event) => this.onEvent(event)));
    const timer = setInterval(() => void this.guard.recheck(() => true), settings.recheckMs);
    timer.unref();
    this.stops.push(() => clearInterval(timer));
  }

  /** Takes over an upgraded, authenticated socket (synchronously, so no early frame is lost). */
  handleConnection(socket: WebSocket, request: IncomingMessage, context: CollabContext): void {
    this.hocuspocus.handleConnection(socket, request, context);
  }

  /** The loaded live document of a spec, if any (tests, benchmarks). */
  liveDocument(specId: string): LiveDocument | undefined {
    return this.live.get(specId);
  }

  /** Makes a revision of a live document's text now, if it changed since the last one. */
  checkpoint(specId: string): Promise<CommittedText | null> {
    const live = this.live.get(specId);
    return live === undefined ? Promise.resolve(null) : live.run(() => this.checkpointNow(live));
  }

  /** Checkpoints every live document, closes every connection and stops listening. */
  async stop(): Promise<void> {
    for (const stop of this.stops) stop();
    // Runs pending (debounced) checkpoints now.
    await Promise.all([...this.live.keys()].map((name) => Promise.resolve(this.hocuspocus.debouncer.executeNow(`onStoreDocument-${name}`)).catch(this.onError)));
    await Promise.all([...this.live.values()].map((live) => live.run(() => this.checkpointNow(live)).catch(this.onError)));
    this.stopped = true;
    this.guard.closeAll();
  }

  private hooks(): Extension {
    return {
      extensionName: 'specboard',
      onAuthenticate: (payload: onAuthenticatePayload) => this.authenticate(payload),
      onLoadDocument: (payload: onLoadDocumentPayload) => this.loadDocument(payload),
      beforeHandleMessage: (payload: beforeHandleMessagePayload) => this.beforeMessage(payload),
      onChange: (payload: onChangePayload) => Promise.resolve(this.changed(payload)),
      onStoreDocument: (payload: onStoreDocumentPayload) => this.stored(payload.documentName),
      onStateless: (payload: onStatelessPayload) => this.stateless(payload),
      afterUnloadDocument: (payload: afterUnloadDocumentPayload) => Promise.resolve(this.unloaded(payload.documentName)),
    };
  }

  private async authenticate(payload: onAuthenticatePayload): Promise<{ specId: string; workspaceId: string }> {
    const context: unknown = payload.context;
    const name = parseDocumentName(payload.documentName);
    if (!isCollabContext(context) || this.stopped) throw new Refusal('unauthenticated');
    if (name === null) throw new Refusal('not_found');
    try {
      const access = await documentAccess(this.deps, context.actor, name);
      if (access.readOnly !== null) payload.connectionConfig.readOnly = true;
      return { specId: access.spec.id, workspaceId: access.spec.workspaceId };
    } catch (error) {
      if (error instanceof AppError) throw new Refusal(error.code);
      throw error;
    }
  }

  private async loadDocument(payload: onLoadDocumentPayload): Promise<void> {
    const name = parseDocumentName(payload.documentName);
    const context = payload.context as { workspaceId?: unknown };
    if (name === null || typeof context.workspaceId !== 'string') throw new Refusal('not_found');
    const doc = payload.document;
    if (name.version !== null) {
      // A version by number: its last revision, read-only, never stored.
      const [spec] = await this.deps.db.selectFrom('specs').select(['id', 'revision']).where('id', '=', name.specId).execute();
      if (spec === undefined) throw new Refusal('not_found');
      const content = await versionContent(this.deps, spec, name.version);
      doc.transact(() => doc.getText(TEXT_NAME).insert(0, content), SERVER_ORIGIN);
      return;
    }
    const spec = { id: name.specId, workspaceId: context.workspaceId };
    let stored = await this.store.load(payload.documentName);
    if (stored === null) {
      const { content, revision } = await loadContent(this.deps.db, spec.id);
      stored = await this.store.create(payload.documentName, spec.id, { revision, state: initialState(content), text: content }, nowIso(this.deps));
    }
    const loaded = stored;
    doc.transact(() => {
      Y.applyUpdate(doc, loaded.snapshot);
      for (const update of loaded.updates) Y.applyUpdate(doc, update);
    }, SERVER_ORIGIN);
    const base: Base = { revision: loaded.baseRevision, state: loaded.baseState, text: loaded.baseText };
    const live = new LiveDocument(payload.documentName, spec, doc, base, [...loaded.contributors], loaded.updates.length);
    this.live.set(payload.documentName, live);
    // REST edits made while nobody co-edited: merge them in before anyone syncs.
    await live.run(() => this.reconcileNow(live));
    if (live.sinceCompaction >= this.settings.compactEvery) void live.run(() => this.compactNow(live)).catch(this.onError);
  }

  /** Appends an incoming update to the log before Hocuspocus applies and acknowledges it. */
  private async beforeMessage(payload: beforeHandleMessagePayload): Promise<void> {
    if (payload.connection.readOnly) return;
    const live = this.live.get(payload.documentName);
    const update = updateOf(payload.update);
    if (live === undefined || update === null) return;
    const context: unknown = payload.context;
    await this.store.append(live.name, update, isCollabContext(context) ? context.actor.userId : null, nowIso(this.deps));
    if (++live.sinceCompaction >= this.settings.compactEvery) {
      live.sinceCompaction = 0;
      void live.run(() => this.compactNow(live)).catch(this.onError);
    }
  }

  /** Credits whoever changed the text (not the server's own merges). */
  private changed(payload: onChangePayload): void {
    const live = this.live.get(payload.documentName);
    const context: unknown = payload.context;
    if (live === undefined || payload.transactionOrigin === SERVER_ORIGIN || !isCollabContext(context)) return;
    if (live.credit(context.actor.userId)) {
      const contributors = [...live.contributors];
      void live.run(() => this.store.saveContributors(live.name, contributors, nowIso(this.deps))).catch(this.onError);
    }
  }

  private async stored(documentName: string): Promise<void> {
    const live = this.live.get(documentName);
    if (live === undefined || this.stopped) return;
    await live.run(() => this.checkpointNow(live)).catch(this.onError);
  }

  private async stateless(payload: onStatelessPayload): Promise<void> {
    const reply = (message: CheckpointReply): void => payload.connection.sendStateless(JSON.stringify(message));
    if (parseStateless(payload.payload) === null) return reply({ op: 'error', code: 'bad_message', message: 'Send {"op":"checkpoint"}' });
    const live = this.live.get(payload.documentName);
    if (payload.connection.readOnly || live === undefined) return reply({ op: 'error', code: 'read_only', message: 'This connection may not change the document' });
    try {
      const committed = await live.run(() => this.checkpointNow(live));
      reply({ op: 'checkpoint', created: committed !== null, revision: committed?.revision ?? live.base.revision });
    } catch (error) {
      reply({ op: 'error', code: 'checkpoint_failed', message: error instanceof AppError ? `${error.code}: ${error.message}` : 'The checkpoint failed' });
      if (!(error instanceof AppError)) throw error;
    }
  }

  private unloaded(documentName: string): void {
    const live = this.live.get(documentName);
    if (live === undefined) return;
    this.live.delete(documentName);
    if (!this.stopped && live.sinceCompaction > 0) void live.run(() => this.compactNow(live)).catch(this.onError);
  }

  private onEvent(event: StoredEvent): void {
    const { type, specId } = event.envelope;
    const userId = accessRecheckTarget(event);
    if (userId !== null) void this.guard.recheck((context) => context.actor.userId === userId);
    if (specId === null) return;
    if (type === 'spec.deleted') {
      this.guard.closeSpec(specId);
      return;
    }
    const live = this.live.get(specId);
    if (STATUS_EVENTS.has(type)) {
      // The lock may have changed: writers become read-only (or writers again), then a checkpoint.
      void this.guard.recheck((_context, name) => name.specId === specId);
      if (live !== undefined) void live.run(() => this.checkpointNow(live)).catch(this.onError);
    } else if (live !== undefined && SPEC_CONTENT_EVENTS.has(type)) {
      void live.run(() => this.reconcileNow(live)).catch(this.onError);
    }
  }

  /**
   * Takes the stored base when it is not the one this node holds (another node's checkpoint or
   * merge moved it): its state is applied to the live document (items already there are not added
   * again), so this node's base is again a state its live document contains. Returns the stored
   * contributors (who edited since the last checkpoint, on any node).
   */
  private async takeStoredBase(live: LiveDocument): Promise<string[]> {
    const stored = await this.store.loadBase(live.name);
    if (stored === null) return [];
    const { base } = stored;
    if (base.revision !== live.base.revision || base.text !== live.base.text || Buffer.compare(base.state, live.base.state) !== 0) {
      Y.applyUpdate(live.doc, base.state, SERVER_ORIGIN);
      live.base = base;
    }
    return stored.contributors;
  }

  /**
   * Merges the spec's stored content into the live text when it moved past the base (a REST or
   * GraphQL edit; the footer a checkpoint's commit rewrote). Across nodes exactly one node merges
   * a given change: the merge is applied only if its conditional move of the stored base wins;
   * a node that loses takes the winner's base instead. Returns the stored contributors.
   */
  private async reconcileNow(live: LiveDocument): Promise<string[]> {
    let contributors: string[] = [];
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { content, revision } = await loadContent(this.deps.db, live.spec.id);
      contributors = await this.takeStoredBase(live);
      // A revision committed between the two reads is at least as new as the content read: nothing to merge.
      if (revision < live.base.revision || (revision === live.base.revision && content === live.base.text)) return contributors;
      const merged = mergeFrom(live.base, content, revision);
      if (await this.store.moveBase(live.name, live.base, merged.base, merged.update, nowIso(this.deps))) {
        if (merged.update !== null) Y.applyUpdate(live.doc, merged.update, SERVER_ORIGIN);
        live.base = merged.base;
        return contributors;
      }
    }
    // Others keep moving the base: their merges hold this change; the next event or checkpoint looks again.
    return contributors;
  }

  /**
   * A checkpoint: the live text becomes the next revision (through commitContent), credited to
   * everyone who edited since the last one. Several nodes may checkpoint one document at once:
   * each first takes the stored base (and merges newer content), commits only when its live text
   * differs from that base's text, and moves the base in the commit's own transaction only if it is
   * still the one taken; otherwise the commit rolls back and it looks again. A node whose live text
   * another node already committed finds nothing to do.
   */
  private async checkpointNow(live: LiveDocument): Promise<CommittedText | null> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored = await this.reconcileNow(live);
      const text = live.text;
      // Editors seen by other nodes too (one that crashed before its checkpoint, say).
      const contributors = [...live.contributors, ...stored.filter((id) => !live.contributors.includes(id))];
      if (text === live.base.text || contributors.length === 0) {
        if (contributors.length > 0) {
          live.contributors = [];
          await this.store.saveContributors(live.name, [], nowIso(this.deps));
        }
        return null;
      }
      const from = live.base;
      const state = Y.encodeStateAsUpdate(live.doc);
      live.contributors = [];
      let result;
      try {
        result = await commitLiveText(this.deps, live.spec, from.revision, text, contributors, (trx, revision) =>
          this.store.commitBase(trx, live.name, from, { revision, state, text }, live.contributors, nowIso(this.deps)),
        );
      } catch (error) {
        live.contributors = [...contributors, ...live.contributors.filter((id) => !contributors.includes(id))];
        // Locked (approved): the edits stay in the log and the live text, and are committed when
        // the next version opens (docs/collab.md).
        if (error instanceof AppError && error.code === 'spec_locked') return null;
        throw error;
      }
      if (result.kind !== 'committed') {
        live.contributors = [...contributors, ...live.contributors.filter((id) => !contributors.includes(id))];
        if (result.kind === 'nobody') return null;
        continue;
      }
      const { committed } = result;
      live.base = { revision: committed.revision, state, text };
      // The stored content may differ from the text (the footer is kept true): merge that in too.
      if (committed.content !== text) await this.reconcileNow(live);
      return committed;
    }
    return null;
  }

  private async compactNow(live: LiveDocument): Promise<void> {
    live.sinceCompaction = 0;
    await this.store.compact(live.name, nowIso(this.deps));
  }
}
