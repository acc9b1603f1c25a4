import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { getBuiltinTemplate, parse, serialize } from '../src/core/index.js';
import { lint, resolveLintConfig } from '../src/core/lint/index.js';
import { SHAPES, type Shape } from './pathological.js';
import { timeSamples } from './timing.js';

/** What is timed on each pathological input. */
export const LINEAR_OPERATIONS = ['parse', 'lint'] as const;
export type LinearOperation = (typeof LINEAR_OPERATIONS)[number];

export const LINEAR_SETTINGS = { samples: 11, minSampleMs: 100 } as const;

export interface LinearMeasurement {
  readonly shape: string;
  readonly operation: LinearOperation;
  /** Fastest per-call CPU time for n and for 10n, in ms (other load only ever adds time). */
  readonly small: number;
  readonly large: number;
  /** large / small. */
  readonly ratio: number;
  /** The same from the median samples (noisier on a loaded machine; for the record). */
  readonly medianRatio: number;
  readonly largeBytes: number;
}

/** One size of one shape timed in one process. */
export interface SizeTiming {
  readonly min: number;
  readonly median: number;
  readonly bytes: number;
}

/** Times one operation on one input size, in this process. */
export function measureSize(shape: Shape, operation: LinearOperation, size: number): SizeTiming {
  const template = getBuiltinTemplate('technical-specification');
  const config = resolveLintConfig();
  const op =
    operation === 'parse'
      ? (text: string) => {
          const doc = parse(text);
          return serialize(doc).length + doc.allSections.length;
        }
      : (text: string) => lint(parse(text), template, config).findings.length;
  const text = shape.build(size);
  const timing = timeSamples(() => op(text), LINEAR_SETTINGS);
  return { ...timing, bytes: Buffer.byteLength(text, 'utf8') };
}

/**
 * n and 10n, each timed in a fresh Node process of its own: timing both sizes in one process
 * lets the JIT specialise code for one and deoptimise on the other, which measures V8's
 * heuristics rather than the algorithm.
 */
export async function measureLinear(shape: Shape, operation: LinearOperation): Promise<LinearMeasurement> {
  const small = await measureSizeIsolated(shape.name, operation, shape.n);
  const large = await measureSizeIsolated(shape.name, operation, shape.n * 10);
  return {
    shape: shape.name,
    operation,
    small: small.min,
    large: large.min,
    ratio: large.min / small.min,
    medianRatio: large.median / small.median,
    largeBytes: large.bytes,
  };
}

function measureSizeIsolated(shape: string, operation: LinearOperation, size: number): Promise<SizeTiming> {
  const worker = fileURLToPath(new URL('./linear-worker.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const args = [...process.execArgv, worker, shape, operation, String(size)];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`linear-worker ${shape} ${operation} ${size} exited ${String(code)}`));
      else resolve(JSON.parse(out) as SizeTiming);
    });
  });
}

export function shapeByName(name: string): Shape {
  const shape = SHAPES.find((s) => s.name === name);
  if (!shape) throw new Error(`unknown shape ${name}`);
  return shape;
}
