// Child process of measureLinear: `linear-worker.ts SHAPE OPERATION SIZE` builds the input, warms
// up, prints `ready <bytes>`, then answers each `sample` line on stdin with a per-call CPU ms.
import { createInterface } from 'node:readline';
import { LINEAR_OPERATIONS, LINEAR_SETTINGS, linearOperation, shapeByName, type LinearOperation } from './linear.js';
import { calibrate, timeReps } from './timing.js';

const [shapeName = '', operation = '', size = ''] = process.argv.slice(2);
if (!(LINEAR_OPERATIONS as readonly string[]).includes(operation)) throw new Error(`unknown operation ${operation}`);
const op = linearOperation(operation as LinearOperation);
const shape = shapeByName(shapeName);
// Both workers first run a small input of the same shape. A fresh process that only ever sees one
// large input can stay in slow, on-stack-replaced code (10,000 list items ran 6x slower than
// after a warm-up on smaller ones); a long-running server sees documents of every size.
const primer = shape.build(Math.max(1, Math.floor(shape.n / 10)));
calibrate(() => op(primer), 2 * LINEAR_SETTINGS.minSampleMs);
const text = shape.build(Number(size));
const run = (): number => op(text);
const reps = calibrate(run, LINEAR_SETTINGS.minSampleMs);
// One more before answering: the JIT's tiering settles during the first samples.
timeReps(run, reps);
process.stdout.write(`ready ${Buffer.byteLength(text, 'utf8')}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'sample') process.stdout.write(`${timeReps(run, reps) / reps}\n`);
}
