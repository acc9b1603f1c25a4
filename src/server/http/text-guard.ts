import type { FastifyInstance } from 'fastify';
import { checkStorableText } from '../../core/index.js';
import { AppError } from '../errors/index.js';

// PostgreSQL text cannot hold NUL and a lone surrogate cannot be encoded as UTF-8: both would
// fail (or be silently altered) deep in the stack, so every request input is checked up front.

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
  const check = checkStorableText(text);
  if (check.ok) return null;
  const field = path.replace(/^(body|query|path)\.?/, '') || path;
  const location = path.split('.')[0];
  const what = check.code === 'nul_character' ? 'a NUL (U+0000) character' : 'an unpaired UTF-16 surrogate';
  // line:column matter for multi-line text such as spec Markdown.
  return new AppError(check.code, `${field} contains ${what} at line ${check.line}, column ${check.column}`, {
    field,
    in: location,
    offset: check.offset,
    line: check.line,
    column: check.column,
  });
}

// Bodies a content-type parser has already checked the same way (a whole spec as text/markdown):
// walking them again would scan every character a second time.
const checkedBodies = new WeakSet<object>();

/** Marks a parsed body whose every string already passed checkStorableText (the guard skips it). */
export function markStorableChecked<T extends object>(body: T): T {
  checkedBodies.add(body);
  return body;
}

export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    const body = typeof request.body === 'object' && request.body !== null && checkedBodies.has(request.body) ? undefined : request.body;
    const problem = problemIn(request.params, 'path') ?? problemIn(request.query, 'query') ?? problemIn(body, 'body');
    done(problem ?? undefined);
  });
}
