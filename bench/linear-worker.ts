// Child process of measureLinear: `linear-worker.ts SHAPE OPERATION SIZE` prints a SizeTiming as JSON.
import { LINEAR_OPERATIONS, measureSize, shapeByName, type LinearOperation } from './linear.js';

const [shapeName = '', operation = '', size = ''] = process.argv.slice(2);
if (!(LINEAR_OPERATIONS as readonly string[]).includes(operation)) throw new Error(`unknown operation ${operation}`);
process.stdout.write(JSON.stringify(measureSize(shapeByName(shapeName), operation as LinearOperation, Number(size))));
