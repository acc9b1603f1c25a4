// Changes made outside the live document (REST, GraphQL, the footer the server keeps true) are
// merged into it as Yjs operations made *from the base*: the state whose text was the spec's
// content before the change. The CRDT then merges them with whatever was typed meanwhile, in both
// orders, without either side losing anything.
import * as Y from 'yjs';
import { TEXT_NAME } from './names.js';
import { textOps } from './text-diff.js';

/** A Yjs state and the text it holds: the spec's content at `revision`. */
export interface Base {
  readonly revision: number;
  readonly state: Uint8Array;
  readonly text: string;
}

/** Transaction origin of changes the server makes itself (not from a connection). */
export const SERVER_ORIGIN = Symbol('specboard-collab-server');

export function textOfState(state: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const text = doc.getText(TEXT_NAME).toJSON();
  doc.destroy();
  return text;
}

/** A first state holding `content` (a new live document). */
export function initialState(content: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText(TEXT_NAME).insert(0, content);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/**
 * The Yjs update making base.text -> `content` as operations on the base state (null when nothing
 * changed), and the new base (whose text is `content`). Not applied anywhere: the caller records
 * it as the stored base's move first, and applies it only if that move won (store.moveBase).
 */
export function mergeFrom(base: Base, content: string, revision: number): { update: Uint8Array | null; base: Base } {
  const ops = textOps(base.text, content);
  if (ops.length === 0) return { update: null, base: { revision, state: base.state, text: content } };
  const scratch = new Y.Doc();
  Y.applyUpdate(scratch, base.state);
  const before = Y.encodeStateVector(scratch);
  const text = scratch.getText(TEXT_NAME);
  scratch.transact(() => {
    for (const op of ops) {
      if (op.remove > 0) text.delete(op.index, op.remove);
      if (op.insert !== '') text.insert(op.index, op.insert);
    }
  });
  const update = Y.encodeStateAsUpdate(scratch, before);
  const state = Y.encodeStateAsUpdate(scratch);
  scratch.destroy();
  return { update, base: { revision, state, text: content } };
}
