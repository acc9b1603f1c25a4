// The variables of a POST /graphql are checked against the operation's variable definitions once,
// by the executor, not twice. Mercurius checks them itself (building a whole graphql-js execution
// context) before every execution that has variables, and then the JIT-compiled query (or
// graphql-js' execute, before a query is compiled) checks them again: the first check was a fifth
// of a small query's GraphQL cost. So the variables are taken out of the body before Mercurius
// sees it and handed back to the executor by the preExecution hook. A bad variable still fails
// the same way: invalid_graphql, HTTP 400, nothing run (the executor refuses before any resolver).
import type { FastifyRequest } from 'fastify';
import type { MercuriusContext } from 'mercurius';

const held = new WeakMap<FastifyRequest, Record<string, unknown>>();

/** Takes the variables out of a POST /graphql body (a single operation with a variables object). */
export function holdVariables(request: FastifyRequest): void {
  const body = request.body;
  if (request.method !== 'POST' || typeof body !== 'object' || body === null || Array.isArray(body)) return;
  const envelope = body as { variables?: unknown };
  const variables = envelope.variables;
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) return;
  held.set(request, variables as Record<string, unknown>);
  envelope.variables = undefined;
}

/** The variables holdVariables took out of this operation's request, if any. */
export function heldVariables(context: MercuriusContext): Record<string, unknown> | undefined {
  const request = (context as Partial<MercuriusContext>).reply?.request;
  return request === undefined ? undefined : held.get(request);
}
