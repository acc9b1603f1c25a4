import { createQueryId, type CompiledQuery, type Compilable, type Kysely, type QueryResult } from 'kysely';
import type { DB } from './index.js';

// Marks where a call's arguments go in the compiled parameter list. Kysely never looks inside
// parameter values, so any unique object passes through the builder untouched.
class Slot {
  constructor(readonly index: number) {}
}

type Template = readonly (Slot | { readonly constant: unknown })[];

interface Compiled {
  readonly query: CompiledQuery;
  readonly template: Template;
}

/**
 * A query built and compiled once per database dialect (adapter), then run with each call's
 * values. Kysely otherwise rebuilds, transforms and compiles the query on every execution, which
 * on hot paths (reading a spec) costs more than running it. `build` must use each argument only as
 * a parameter value (in where/set/values), never to choose the query's shape: make a separate
 * reusable query per shape instead.
 */
export function reusableQuery<A extends readonly unknown[], R>(build: (db: Kysely<DB>, ...args: A) => Compilable<R>): (db: Kysely<DB>, ...args: A) => Promise<QueryResult<R>> {
  const byAdapter = new WeakMap<object, Compiled>();
  return (db, ...args) => {
    const adapter = db.getExecutor().adapter;
    let compiled = byAdapter.get(adapter);
    if (compiled === undefined) {
      const slots = args.map((_, i) => new Slot(i)) as unknown as A;
      const query = build(db, ...slots).compile();
      const template = query.parameters.map((p) => (p instanceof Slot ? p : { constant: p }));
      compiled = { query, template };
      byAdapter.set(adapter, compiled);
    }
    const parameters = compiled.template.map((p) => (p instanceof Slot ? args[p.index] : p.constant));
    return db.executeQuery<R>({ ...compiled.query, queryId: createQueryId(), parameters });
  };
}
