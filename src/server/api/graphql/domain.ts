import type { BatchOperation, Operation } from './operation.js';
import type { SubscriptionOperation } from './subscription.js';

/** One area of the GraphQL schema: its types, root fields and the operations resolving them. */
export interface Domain {
  /** Object, input and enum types (SDL); `extend type` adds fields to another domain's types. */
  readonly typeDefs: string;
  /** Fields of `type Query` (SDL). */
  readonly query?: string;
  /** Fields of `type Mutation` (SDL). */
  readonly mutation?: string;
  /** Fields of `type Subscription` (SDL). */
  readonly subscription?: string;
  readonly operations: readonly Operation[];
  readonly batches?: readonly BatchOperation[];
  readonly subscriptions?: readonly SubscriptionOperation[];
  /** Fields computed from what the parent holds (no REST operation of their own). */
  readonly resolvers?: Readonly<Record<string, Readonly<Record<string, (parent: never) => unknown>>>>;
}
