import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { getBuiltinTemplate, parse, serialize } from '../src/core/index.js';
import { lint, resolveLintConfig } from '../src/core/lint/index.js';
import { SHAPES, type Shape } from './pathological.js';
import { median } from './timing.js';

/** What is timed on each pathological input. */
export const LINEAR_OPERATIONS = ['parse', 'lint'] as const;
export type LinearOperation = (typeof LINEAR_OPERATIONS)[number];

/** Pairs of samples (n, then 10n) per measurement; each sample lasts at least minSampleMs of CPU. */
export const LINEAR_SETTINGS = { pairs: 15, minSampleMs: 100 } as const;

export interface LinearMeasurement {
  readonly shape: string;
  readonly operation: LinearOperation;
  /** Median per-call CPU time for n and for 10n, in ms. */
  readonly small: number;
  readonly large: number;
  /** Median of the ratios large/small over adjacent pairs of samples. */
  readonly ratio: number;
  /** The ratio of the fastest samples, for the record. */
  readonly minRatio: number;
  readonly largeBytes: number;
}

/** The operation timed, on one input. */
export function linearOperation(operation: LinearOperation): (text: string) => number {
  if (operation === 'parse') {
    return (text) => {
      const doc = parse(text);
      return serialize(doc).length + doc.allSections.length;
    };
  }
  const template = getBuiltinTemplate('technical-specification');
  const config = resolveLintConfig();
  return (text) => lint(parse(text), template, config).findings.length;
}

/**
 * Times n against 10n. Each size runs in a Node process of its own (timing both in one process
 * lets the JIT specialise for one and deoptimise on the other), and the two processes take turns,
 * one sample each, so that load from other processes on the machine hits adjacent samples alike;
 * the ratio is the median of the pairs' ratios.
 */
export async function measureLinear(shape: Shape, operation: LinearOperation): Promise<LinearMeasurement> {
  const small = await SizeWorker.start(shape.name, operation, shape.n);
  const large = await SizeWorker.start(shape.name, operation, shape.n * 10);
  try {
    const a: number[] = [];
    const b: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < LINEAR_SETTINGS.pairs; i += 1) {
      const ta = await small.sample();
      const tb = await large.sample();
      a.push(ta);
      b.push(tb);
      ratios.push(tb / ta);
    }
    return {
      shape: shape.name,
      operation,
      small: median(a),
      large: median(b),
      ratio: median(ratios),
      minRatio: Math.min(...b) / Math.min(...a),
      largeBytes: large.bytes,
    };
  } finally {
    small.stop();
    large.stop();
  }
}

/** A bench/linear-worker.ts process holding one input, timing one sample per request. */
class SizeWorker {
  private readonly replies: AsyncIterator<string>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly bytes: number,
    replies: AsyncIterator<string>,
  ) {
    this.replies = replies;
  }

  static async start(shape: string, operation: LinearOperation, size: number): Promise<SizeWorker> {
    const worker = fileURLToPath(new URL('./linear-worker.ts', import.meta.url));
    const child = spawn(process.execPath, [...process.execArgv, worker, shape, operation, String(size)]);
    child.stderr.pipe(process.stderr);
    const replies = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const ready = await next(replies, `${shape} ${operation} ${size}`);
    const bytes = Number(/^ready (\d+)$/.exec(ready)?.[1] ?? NaN);
    if (!Number.isFinite(bytes)) throw new Error(`linear-worker: unexpected ${JSON.stringify(ready)}`);
    return new SizeWorker(child, bytes, replies);
  }

  /** Per-call CPU ms of one sample. */
  async sample(): Promise<number> {
    this.child.stdin.write('sample\n');
    return Number(await next(this.replies, 'sample'));
  }

  stop(): void {
    this.child.stdin.end();
  }
}

async function next(replies: AsyncIterator<string>, what: string): Promise<string> {
  const line = await replies.next();
  if (line.done === true) throw new Error(`linear-worker ended before answering (${what})`);
  return line.value;
}

export function shapeByName(name: string): Shape {
  const shape = SHAPES.find((s) => s.name === name);
  if (!shape) throw new Error(`unknown shape ${name}`);
  return shape;
}
