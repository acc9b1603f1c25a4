// Old text -> new text as a few insert/delete operations, so a change made outside the live
// document (REST, GraphQL, the footer the server keeps true) touches only what it changed and
// merges with what people are typing elsewhere in the text.
import { diffChars } from 'diff';
import { diffLines } from '../../core/index.js';

/** Delete `remove` characters at `index`, then insert `insert` there (indexes as applied in order). */
export interface TextOp {
  readonly index: number;
  readonly remove: number;
  readonly insert: string;
}

// An exact character diff inside one changed block costs O(N*D): past this, replace the block.
const MAX_CHAR_EDIT = 400;

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, prefix: number): number {
  const n = Math.min(a.length, b.length) - prefix;
  let i = 0;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** Operations turning `before` into `after`: line diff first, then characters inside changed lines. */
export function textOps(before: string, after: string): TextOp[] {
  if (before === after) return [];
  const prefix = commonPrefix(before, after);
  const suffix = commonSuffix(before, after, prefix);
  const a = before.slice(prefix, before.length - suffix);
  const b = after.slice(prefix, after.length - suffix);
  const ops: TextOp[] = [];
  let index = prefix;
  let removed = '';
  let added = '';
  const flush = (): void => {
    if (removed === '' && added === '') return;
    for (const op of blockOps(index, removed, added)) ops.push(op);
    index += added.length;
    removed = '';
    added = '';
  };
  for (const part of diffLines(a, b)) {
    if (part.type === 'removed') removed += part.value;
    else if (part.type === 'added') added += part.value;
    else {
      flush();
      index += part.value.length;
    }
  }
  flush();
  return ops;
}

/** One changed block (removed lines replaced by added lines) at `index`, character-exact when cheap. */
function blockOps(index: number, removed: string, added: string): TextOp[] {
  if (removed === '' || added === '') return [{ index, remove: removed.length, insert: added }];
  const changes = diffChars(removed, added, { maxEditLength: MAX_CHAR_EDIT });
  if (changes === undefined) return [{ index, remove: removed.length, insert: added }];
  const ops: TextOp[] = [];
  let at = index;
  for (const change of changes) {
    if (change.removed) ops.push({ index: at, remove: change.value.length, insert: '' });
    else if (change.added) {
      ops.push({ index: at, remove: 0, insert: change.value });
      at += change.value.length;
    } else at += change.value.length;
  }
  return ops;
}
