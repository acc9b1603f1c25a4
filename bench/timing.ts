import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A full garbage collection before each sample, so one sample does not pay for another's garbage. */
export const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  return typeof gc === 'function' ? (gc as () => void) : () => undefined;
})();

/**
 * The clock: CPU time of this process (user + system, all threads), in ms. The machines this runs
 * on are shared (tests of other work run beside it); wall time there measures the neighbours as
 * much as the code, while CPU time only grows when this process runs.
 */
export function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Median of the samples (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** CPU and wall milliseconds one call of `fn` takes. */
export function timeOnce(fn: () => unknown): { cpu: number; wall: number } {
  collectGarbage();
  const wallStart = performance.now();
  const start = cpuNow();
  sink(fn());
  return { cpu: cpuNow() - start, wall: performance.now() - wallStart };
}

/** How many calls make a sample of at least `minSampleMs` (the calls made also warm `fn` up). */
export function calibrate(fn: () => unknown, minSampleMs: number): number {
  let reps = 1;
  for (;;) {
    const ms = timeReps(fn, reps);
    if (ms >= minSampleMs) return reps;
    reps = Math.min(reps * 10, Math.max(reps * 2, Math.ceil((reps * minSampleMs * 1.2) / Math.max(ms, 0.01))));
  }
}

/**
 * CPU ms for `reps` calls of `fn`. No forced GC here: a full collection between samples of a
 * few calls each made V8 re-optimise parse code after every one (a 10,000-level block quote then
 * timed 7x slower); in a steady stream of calls each sample pays its share of collection.
 */
export function timeReps(fn: () => unknown, reps: number): number {
  const start = cpuNow();
  for (let i = 0; i < reps; i += 1) sink(fn());
  return cpuNow() - start;
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
