/**
 * Code span boundaries on one line or cell, found in linear time: backtick runs are collected
 * once and each opening run is paired with the next run of the same length.
 */

/** Flat list of [open, close) pairs: `open` is the opening run start, `close` the closing run end. */
export function codeSpans(text: string, start: number, end: number): number[] {
  let first = -1;
  for (let p = start; p < end; p++) {
    if (text.charCodeAt(p) === 96) {
      first = p;
      break;
    }
  }
  if (first === -1) return [];
  const runStarts: number[] = [];
  const runLengths: number[] = [];
  for (let p = first; p < end; ) {
    if (text.charCodeAt(p) !== 96) {
      p++;
      continue;
    }
    const s = p;
    while (p < end && text.charCodeAt(p) === 96) p++;
    runStarts.push(s);
    runLengths.push(p - s);
  }
  const byLength = new Map<number, number[]>();
  for (let i = 0; i < runStarts.length; i++) {
    const n = runLengths[i] ?? 0;
    let list = byLength.get(n);
    if (!list) {
      list = [];
      byLength.set(n, list);
    }
    list.push(i);
  }
  const cursor = new Map<number, number>();
  const spans: number[] = [];
  for (let i = 0; i < runStarts.length; ) {
    const s = runStarts[i] ?? 0;
    const n = runLengths[i] ?? 0;
    if (isEscaped(text, start, s)) {
      i++;
      continue;
    }
    const list = byLength.get(n) ?? [];
    let k = cursor.get(n) ?? 0;
    while (k < list.length && (list[k] ?? 0) <= i) k++;
    cursor.set(n, k);
    const j = list[k];
    if (j === undefined) {
      i++;
      continue;
    }
    spans.push(s, (runStarts[j] ?? 0) + n);
    i = j + 1;
  }
  return spans;
}

function isEscaped(text: string, start: number, pos: number): boolean {
  let n = 0;
  while (pos - 1 - n >= start && text.charCodeAt(pos - 1 - n) === 92) n++;
  return n % 2 === 1;
}
