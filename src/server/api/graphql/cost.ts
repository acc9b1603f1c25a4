// A simple cost limit: every field costs 1, times how many times it can be resolved. A field
// with a `limit` argument multiplies what is under it by that limit (its default when absent);
// any other list multiplies by LIST_FACTOR. Refused before anything runs (query_too_costly).

import type { DocumentNode, FieldNode, FragmentDefinitionNode, GraphQLObjectType, GraphQLSchema, SelectionSetNode, ValueNode } from 'graphql';
import { getNamedType, getNullableType, isListType, isObjectType, Kind, visit } from './graphql-module.js';
import { AppError } from '../../errors/index.js';

/** Page size assumed for a `limit` argument left out (the REST default page size). */
export const DEFAULT_LIMIT = 50;
/** Size assumed for a list without a `limit` argument (reviewers of a spec, sections...). */
export const LIST_FACTOR = 10;

function limitOf(field: FieldNode, variables: Readonly<Record<string, unknown>>): number | null {
  const arg = field.arguments?.find((a) => a.name.value === 'limit');
  if (arg === undefined) return null;
  const value: ValueNode = arg.value;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'number' ? v : DEFAULT_LIMIT;
  }
  return DEFAULT_LIMIT;
}

/** Estimated cost of a selection set on `type`, each field resolved `times` times. */
function selectionCost(
  schema: GraphQLSchema,
  type: GraphQLObjectType,
  set: SelectionSetNode,
  times: number,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Readonly<Record<string, unknown>>,
  seen: ReadonlySet<string>,
): number {
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      const definition = type.getFields()[selection.name.value];
      cost += times;
      if (definition === undefined || selection.selectionSet === undefined) continue;
      const named = getNamedType(definition.type);
      if (!isObjectType(named)) continue;
      const limit = limitOf(selection, variables);
      // A page's items list is already counted by the page's `limit`.
      const isList = isListType(getNullableType(definition.type));
      const factor = limit ?? (isList && !type.name.endsWith('Page') ? LIST_FACTOR : 1);
      cost += selectionCost(schema, named, selection.selectionSet, times * factor, fragments, variables, seen);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition === undefined ? type : schema.getType(selection.typeCondition.name.value);
      if (isObjectType(on)) cost += selectionCost(schema, on, selection.selectionSet, times, fragments, variables, seen);
    } else {
      const name = selection.name.value;
      const fragment = fragments[name];
      // Fragment cycles are refused by graphql's own rules; don't loop meanwhile.
      if (fragment === undefined || seen.has(name)) continue;
      const on = schema.getType(fragment.typeCondition.name.value);
      if (isObjectType(on)) cost += selectionCost(schema, on, fragment.selectionSet, times, fragments, variables, new Set([...seen, name]));
    }
  }
  return cost;
}

/** Estimated cost of each operation of a document, with the call's variables. */
export function operationCosts(schema: GraphQLSchema, document: DocumentNode, variables: Readonly<Record<string, unknown>>): { name: string; cost: number }[] {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const out: { name: string; cost: number }[] = [];
  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    const kind: string = d.operation;
    const root = kind === 'mutation' ? schema.getMutationType() : kind === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
    if (root === null || root === undefined) continue;
    out.push({ name: d.name?.value ?? 'anonymous', cost: selectionCost(schema, root, d.selectionSet, 1, fragments, variables, new Set()) });
  }
  return out;
}

const fixedCosts = new WeakMap<DocumentNode, { name: string; cost: number }[]>();

/** Whether any `limit` argument of the document is a variable. */
function limitFromVariables(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Argument(node) {
      if (node.name.value === 'limit' && node.value.kind === Kind.VARIABLE) found = true;
    },
  });
  return found;
}

/**
 * Refuses a document with an operation costing more than `max` (query_too_costly). Runs before
 * execution, when the variables (which may hold the page sizes) are known.
 */
export function checkCost(schema: GraphQLSchema, document: DocumentNode, variables: Readonly<Record<string, unknown>> | undefined, max: number): void {
  // Mercurius reuses a parsed document for the same query text: its cost is computed once,
  // unless a page size comes from the variables.
  let costs = fixedCosts.get(document);
  if (costs === undefined) {
    costs = operationCosts(schema, document, variables ?? {});
    if (!limitFromVariables(document)) fixedCosts.set(document, costs);
  }
  for (const { name, cost } of costs) {
    if (cost > max) throw new AppError('query_too_costly', `Operation ${name} costs about ${cost}, more than the limit of ${max}: ask for smaller pages or fewer fields`, { cost, limit: max });
  }
}
