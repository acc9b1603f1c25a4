// The GraphQL schema: every domain's types and root fields, and the resolvers built from their
// operations. docs/schema.graphql is this schema printed (npm run schema:graphql).
import type { GraphQLScalarType as ScalarType, GraphQLSchema } from 'graphql';
import type { IResolvers, MercuriusContext, MercuriusLoaders } from 'mercurius';
import type { RouteEntry } from '../route-table.js';
import type { Domain } from './domain.js';
import { commentDomain } from './domains/comments.js';
import { eventDomain } from './domains/events.js';
import { insightsDomain } from './domains/insights.js';
import { meDomain } from './domains/me.js';
import { reviewDomain } from './domains/reviews.js';
import { JSON_DESCRIPTION, specDomain } from './domains/specs.js';
import { templateDomain } from './domains/templates.js';
import { webhookDomain } from './domains/webhooks.js';
import { workspaceDomain } from './domains/workspaces.js';
import { GraphQLScalarType, Kind, buildSchema, printSchema, valueFromASTUntyped } from './graphql-module.js';
import { guardFor } from './operation.js';
import { messageOf } from './subscription.js';
import type { StreamMessage } from '../../events/index.js';

const DOMAINS: readonly Domain[] = [meDomain, workspaceDomain, templateDomain, specDomain, reviewDomain, commentDomain, insightsDomain, eventDomain, webhookDomain];

/** The schema as SDL. */
export function graphqlTypeDefs(): string {
  const block = (name: string, fields: (d: Domain) => string | undefined) =>
    `type ${name} {\n${DOMAINS.map(fields).filter((f) => f !== undefined).join('\n')}\n}`;
  return [...DOMAINS.map((d) => d.typeDefs), block('Query', (d) => d.query), block('Mutation', (d) => d.mutation), block('Subscription', (d) => d.subscription)].join('\n');
}

/** The schema, printed as docs/schema.graphql holds it. */
export function printGraphqlSchema(): string {
  return printSchema(buildSchema(graphqlTypeDefs())) + '\n';
}

export function buildGraphqlSchema(): GraphQLSchema {
  return buildSchema(graphqlTypeDefs());
}

/** Every field that mirrors a REST operation: `Type.field` and `METHOD /path`. */
export function graphqlCounterparts(): { field: string; rest: string }[] {
  return DOMAINS.flatMap((d) => [...d.operations, ...(d.batches ?? []), ...(d.subscriptions ?? [])].map(({ field, rest }) => ({ field, rest })));
}

/** Any JSON value, passed through as is. */
const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: JSON_DESCRIPTION,
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => (ast.kind === Kind.NULL ? null : valueFromASTUntyped(ast, variables)),
});

type Resolver = (parent: unknown, args: unknown, context: MercuriusContext) => unknown;
/** A Subscription field: `subscribe` returns the message stream, `resolve` shapes each message. */
interface SubscriptionResolver {
  subscribe: Resolver;
  resolve: (message: StreamMessage) => unknown;
}

function split(field: string): [string, string] {
  const [type = '', name = ''] = field.split('.');
  return [type, name];
}

/** Resolvers and loaders, each operation guarded by its REST route's access rule and schemas. */
export function buildResolvers(routeTable: readonly RouteEntry[]): { resolvers: IResolvers; loaders: MercuriusLoaders } {
  const resolvers: Record<string, Record<string, Resolver> | Record<string, SubscriptionResolver> | ScalarType> = { JSON: JSONScalar };
  const subscriptions: Record<string, SubscriptionResolver> = {};
  const typeMap = (type: string): Record<string, Resolver> => {
    const existing = resolvers[type];
    if (existing !== undefined && !(existing instanceof GraphQLScalarType)) return existing as Record<string, Resolver>;
    const created: Record<string, Resolver> = {};
    resolvers[type] = created;
    return created;
  };
  const loaders: MercuriusLoaders = {};
  for (const domain of DOMAINS) {
    for (const op of domain.operations) {
      const guard = guardFor(routeTable, op.rest);
      const [type, name] = split(op.field);
      typeMap(type)[name] = (parent, args, context) => op.resolve(guard, parent, args, context);
    }
    for (const batch of domain.batches ?? []) {
      const guard = guardFor(routeTable, batch.rest);
      const [type, name] = split(batch.field);
      loaders[type] = { ...loaders[type], [name]: (queries: { obj: unknown }[], context: MercuriusContext) => batch.load(guard, queries.map((q) => q.obj), context) };
    }
    for (const sub of domain.subscriptions ?? []) {
      const guard = guardFor(routeTable, sub.rest);
      const [, name] = split(sub.field);
      subscriptions[name] = { subscribe: (_parent, args, context) => sub.subscribe(guard, args, context), resolve: messageOf };
    }
    for (const [type, fields] of Object.entries(domain.resolvers ?? {})) Object.assign(typeMap(type), fields);
  }
  if (Object.keys(subscriptions).length > 0) resolvers.Subscription = subscriptions;
  return { resolvers: resolvers as IResolvers, loaders };
}
