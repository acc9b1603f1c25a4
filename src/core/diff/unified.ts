import { FILE_HEADERS_ONLY, formatPatch, structuredPatch, type StructuredPatch } from 'diff';
import { DEFAULT_MAX_EDIT_LINES, splitLinesKeepEnds } from './lines.js';

export interface UnifiedDiffOptions {
  /** Name on the `---` line (default `a`). */
  readonly fromLabel?: string;
  /** Name on the `+++` line (default `b`). */
  readonly toLabel?: string;
  /** Unchanged lines shown around each change (default 3, like `diff -u`). */
  readonly context?: number;
  /** See DiffOptions.maxEditLength; beyond it the patch is one coarse but valid hunk. */
  readonly maxEditLength?: number;
}

/** Standard unified diff (`---`/`+++` headers, `@@` hunks); '' when the texts are identical. */
export function unifiedDiff(a: string, b: string, options: UnifiedDiffOptions = {}): string {
  if (a === b) return '';
  const from = options.fromLabel ?? 'a';
  const to = options.toLabel ?? 'b';
  const context = Math.max(0, Math.floor(options.context ?? 3));
  const patch =
    structuredPatch(from, to, a, b, undefined, undefined, {
      context,
      maxEditLength: options.maxEditLength ?? DEFAULT_MAX_EDIT_LINES,
    }) ?? coarsePatch(from, to, a, b, context);
  return formatPatch(patch, FILE_HEADERS_ONLY);
}

/** One hunk replacing everything between the common prefix and suffix lines. */
function coarsePatch(from: string, to: string, a: string, b: string, context: number): StructuredPatch {
  const la = splitLinesKeepEnds(a);
  const lb = splitLinesKeepEnds(b);
  let head = 0;
  while (head < la.length && head < lb.length && la[head] === lb[head]) head += 1;
  let tail = 0;
  while (tail < la.length - head && tail < lb.length - head && la[la.length - 1 - tail] === lb[lb.length - 1 - tail]) {
    tail += 1;
  }
  const before = la.slice(Math.max(0, head - context), head);
  const after = la.slice(la.length - tail, la.length - tail + Math.min(tail, context));
  const removed = la.slice(head, la.length - tail);
  const added = lb.slice(head, lb.length - tail);
  const raw = [
    ...before.map((l) => ` ${l}`),
    ...removed.map((l) => `-${l}`),
    ...added.map((l) => `+${l}`),
    ...after.map((l) => ` ${l}`),
  ];
  const lines: string[] = [];
  for (const line of raw) {
    if (line.endsWith('\n')) lines.push(line.slice(0, -1));
    else lines.push(line, '\\ No newline at end of file');
  }
  return {
    oldFileName: from,
    newFileName: to,
    oldHeader: undefined,
    newHeader: undefined,
    hunks: [
      {
        oldStart: head - before.length + 1,
        oldLines: before.length + removed.length + after.length,
        newStart: head - before.length + 1,
        newLines: before.length + added.length + after.length,
        lines,
      },
    ],
  };
}
