import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/index.js';

// PostgreSQL text cannot hold NUL and a lone surrogate cannot be encoded as UTF-8: both would
// fail (or be silently altered) deep in the stack, so every request input is checked up front.
const NUL = String.fromCharCode(0);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemIn(value: unknown, root: string): AppError | null {
  // Iterative walk: a deeply nested body must not overflow the stack.
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [current, path] = stack.pop() as [unknown, string];
    if (typeof current === 'string') {
      const found = checkText(current, path);
      if (found !== null) return found;
    } else if (Array.isArray(current)) {
      current.forEach((item, i) => stack.push([item, `${path}.${i}`]));
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        const keyProblem = checkText(key, `${path}.${key}`);
        if (keyProblem !== null) return keyProblem;
        stack.push([item, `${path}.${key}`]);
      }
    }
  }
  return null;
}

function checkText(text: string, path: string): AppError | null {
  const field = path.replace(/^(body|query|path)\.?/, '') || path;
  const location = path.split('.')[0];
  if (text.includes(NUL)) {
    return new AppError('nul_character', `${field} contains a NUL (U+0000) character`, { field, in: location, offset: text.indexOf(NUL) });
  }
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate !== null) {
    return new AppError('unpaired_surrogate', `${field} contains an unpaired UTF-16 surrogate`, { field, in: location, offset: surrogate.index });
  }
  return null;
}

export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    const problem = problemIn(request.params, 'path') ?? problemIn(request.query, 'query') ?? problemIn(request.body, 'body');
    done(problem ?? undefined);
  });
}
