// Rows of a line diff between two texts, for the history screen. Lines come from src/core's diff
// (the same one the server uses); a removed line paired with the added line that replaced it gets
// a word diff, so prose is reviewed by the word.
import { diffLines, diffWords, splitLinesKeepEnds } from '../../../core/diff/index';

export interface Segment {
  text: string;
  /** Changed inside a changed line (removed on the old side, added on the new side). */
  changed: boolean;
}

export type DiffRow =
  | { kind: 'same'; oldLine: number; newLine: number; text: string }
  | { kind: 'changed'; oldLine: number; newLine: number; old: Segment[]; new: Segment[] }
  | { kind: 'removed'; oldLine: number; old: Segment[] }
  | { kind: 'added'; newLine: number; new: Segment[] }
  | { kind: 'skipped'; count: number };

const CONTEXT = 3;

function strip(line: string): string {
  return line.replace(/\r?\n$/, '');
}

function whole(line: string): Segment[] {
  return [{ text: strip(line), changed: false }];
}

/** Word-level segments of both sides of a changed line. */
function wordSegments(before: string, after: string): { old: Segment[]; new: Segment[] } {
  const old: Segment[] = [];
  const fresh: Segment[] = [];
  for (const part of diffWords(strip(before), strip(after))) {
    if (part.type !== 'added') old.push({ text: part.value, changed: part.type === 'removed' });
    if (part.type !== 'removed') fresh.push({ text: part.value, changed: part.type === 'added' });
  }
  return { old: joinChanges(old), new: joinChanges(fresh) };
}

/** "a fixed" reads as one change, not "a", " ", "fixed": spaces between two changes join them. */
function joinChanges(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  segments.forEach((segment, i) => {
    const between = !segment.changed && /^\s+$/.test(segment.text) && segments[i - 1]?.changed === true && segments[i + 1]?.changed === true;
    const changed = segment.changed || between;
    const last = out[out.length - 1];
    if (last !== undefined && last.changed === changed) last.text += segment.text;
    else out.push({ text: segment.text, changed });
  });
  return out;
}

/** Every row of the diff of `before` -> `after`, unchanged runs longer than the context folded. */
export function diffRows(before: string, after: string): DiffRow[] {
  const rows: DiffRow[] = [];
  let oldLine = 1;
  let newLine = 1;
  const parts = diffLines(before, after);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part === undefined) continue;
    const lines = splitLinesKeepEnds(part.value);
    if (part.type === 'unchanged') {
      for (const line of lines) rows.push({ kind: 'same', oldLine: oldLine++, newLine: newLine++, text: strip(line) });
      continue;
    }
    if (part.type === 'added') {
      for (const line of lines) rows.push({ kind: 'added', newLine: newLine++, new: whole(line) });
      continue;
    }
    // A removed run followed by an added run: pair them line by line as changes.
    const next = parts[i + 1];
    const added = next?.type === 'added' ? splitLinesKeepEnds(next.value) : [];
    if (next?.type === 'added') i += 1;
    const paired = Math.min(lines.length, added.length);
    for (let k = 0; k < paired; k++) {
      const words = wordSegments(lines[k] ?? '', added[k] ?? '');
      rows.push({ kind: 'changed', oldLine: oldLine++, newLine: newLine++, old: words.old, new: words.new });
    }
    for (const line of lines.slice(paired)) rows.push({ kind: 'removed', oldLine: oldLine++, old: whole(line) });
    for (const line of added.slice(paired)) rows.push({ kind: 'added', newLine: newLine++, new: whole(line) });
  }
  return fold(rows);
}

/** Keeps CONTEXT unchanged lines around each change; longer unchanged runs become one 'skipped' row. */
function fold(rows: DiffRow[]): DiffRow[] {
  const near = rows.map(() => false);
  rows.forEach((row, i) => {
    if (row.kind === 'same') return;
    for (let k = Math.max(0, i - CONTEXT); k <= Math.min(rows.length - 1, i + CONTEXT); k++) near[k] = true;
  });
  const out: DiffRow[] = [];
  let skipped = 0;
  rows.forEach((row, i) => {
    if (row.kind === 'same' && near[i] !== true) {
      skipped += 1;
      return;
    }
    if (skipped > 0) out.push({ kind: 'skipped', count: skipped });
    skipped = 0;
    out.push(row);
  });
  if (skipped > 0) out.push({ kind: 'skipped', count: skipped });
  return out;
}
