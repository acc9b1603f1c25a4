import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A full garbage collection before each sample, so one sample does not pay for another's garbage. */
export const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  return typeof gc === 'function' ? (gc as () => void) : () => undefined;
})();

/** Median of the samples (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Milliseconds one call of `fn` takes. */
export function timeOnce(fn: () => unknown): number {
  collectGarbage();
  const start = performance.now();
  sink(fn());
  return performance.now() - start;
}

/**
 * Per-call time of `fn`, as the median of `samples` samples; each sample repeats `fn` enough
 * times to last at least `minSampleMs`, so short calls are not lost in timer and GC noise.
 */
export function timePerCall(fn: () => unknown, options: { samples: number; minSampleMs: number }): number {
  let reps = 1;
  for (;;) {
    const ms = timeReps(fn, reps);
    if (ms >= options.minSampleMs) break;
    reps = Math.min(reps * 10, Math.max(reps * 2, Math.ceil((reps * options.minSampleMs * 1.2) / Math.max(ms, 0.01))));
  }
  const perCall: number[] = [];
  for (let s = 0; s < options.samples; s += 1) perCall.push(timeReps(fn, reps) / reps);
  return median(perCall);
}

function timeReps(fn: () => unknown, reps: number): number {
  collectGarbage();
  const start = performance.now();
  for (let i = 0; i < reps; i += 1) sink(fn());
  return performance.now() - start;
}

let sunk = 0;
/** Keeps results observable so the JIT cannot drop the work. */
export function sink(value: unknown): void {
  if (typeof value === 'number') sunk ^= value;
  else if (typeof value === 'string') sunk ^= value.length;
  else if (value !== null && value !== undefined) sunk ^= 1;
}

/** Read by nobody; exported so `sunk` is live. */
export function sinkValue(): number {
  return sunk;
}
