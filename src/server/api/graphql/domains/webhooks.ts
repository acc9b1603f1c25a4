// Webhooks of a workspace and their deliveries (docs/webhooks.md); admins only, like the REST routes.
import { createWebhook, deleteWebhook, getWebhook, listDeliveries, listWebhooks, redeliver, updateWebhook } from '../../../services/webhooks/index.js';
import type { Domain } from '../domain.js';
import { given, operation } from '../operation.js';

type Page = { limit?: number | null; cursor?: string | null };
type Hook = { workspace: string; id: string };
type Fields = { url?: string | null; events?: string[] | null; secret?: string | null; description?: string | null; active?: boolean | null };

export const webhookDomain: Domain = {
  typeDefs: /* GraphQL */ `
    "Where a workspace's events are POSTed, signed with the webhook's secret."
    type Webhook { id: ID! workspaceId: ID! url: String! events: [String!]! description: String! active: Boolean! createdBy: ID createdAt: String! updatedAt: String! }
    type WebhookPage { items: [Webhook!]! nextCursor: String }
    "A new webhook: the secret is shown once."
    type CreatedWebhook { webhook: Webhook! secret: String! }
    type WebhookDeliveryAttempt { attempt: Int! at: String! statusCode: Int error: String responseExcerpt: String durationMs: Int! nextAttemptAt: String }
    type WebhookDelivery {
      id: ID!
      webhookId: ID!
      eventId: Int!
      eventType: String!
      "pending, succeeded or failed (gave up after 8 tries)"
      status: String!
      attempts: Int!
      nextAttemptAt: String
      lastStatusCode: Int
      lastError: String
      responseExcerpt: String
      redeliveryOf: ID
      createdAt: String!
      deliveredAt: String
      history: [WebhookDeliveryAttempt!]!
    }
    type WebhookDeliveryPage { items: [WebhookDelivery!]! nextCursor: String }
  `,
  query: /* GraphQL */ `
    webhooks(workspace: String!, limit: Int, cursor: String): WebhookPage!
    webhook(workspace: String!, id: ID!): Webhook!
    "Deliveries of a webhook, newest first."
    webhookDeliveries(workspace: String!, id: ID!, limit: Int, cursor: String): WebhookDeliveryPage!
  `,
  mutation: /* GraphQL */ `
    createWebhook(workspace: String!, url: String!, events: [String!]!, secret: String, description: String, active: Boolean): CreatedWebhook!
    updateWebhook(workspace: String!, id: ID!, url: String, events: [String!], secret: String, description: String, active: Boolean): Webhook!
    deleteWebhook(workspace: String!, id: ID!): Boolean!
    "Sends a delivery's event again, as a new delivery."
    redeliverWebhookDelivery(workspace: String!, id: ID!, delivery: ID!): WebhookDelivery!
  `,
  operations: [
    operation({
      field: 'Query.webhooks',
      rest: 'GET /workspaces/:ws/webhooks',
      request: ({ workspace, ...page }: { workspace: string } & Page) => ({ params: { ws: workspace }, query: given(page) }),
      run: (ctx, r) => listWebhooks(ctx, r.params.ws, r.query),
    }),
    operation({
      field: 'Query.webhook',
      rest: 'GET /workspaces/:ws/webhooks/:id',
      request: (args: Hook) => ({ params: { ws: args.workspace, id: args.id } }),
      run: (ctx, r) => getWebhook(ctx, r.params.ws, r.params.id),
    }),
    operation({
      field: 'Query.webhookDeliveries',
      rest: 'GET /workspaces/:ws/webhooks/:id/deliveries',
      request: ({ workspace, id, ...page }: Hook & Page) => ({ params: { ws: workspace, id }, query: given(page) }),
      run: (ctx, r) => listDeliveries(ctx, r.params.ws, r.params.id, r.query),
    }),
    operation({
      field: 'Mutation.createWebhook',
      rest: 'POST /workspaces/:ws/webhooks',
      request: ({ workspace, ...body }: { workspace: string; url: string; events: string[] } & Fields) => ({ params: { ws: workspace }, body: { ...given(body), url: body.url, events: body.events } }),
      run: (ctx, r) => createWebhook(ctx, r.params.ws, r.body),
    }),
    operation({
      field: 'Mutation.updateWebhook',
      rest: 'PATCH /workspaces/:ws/webhooks/:id',
      request: ({ workspace, id, ...body }: Hook & Fields) => ({ params: { ws: workspace, id }, body: given(body) }),
      run: (ctx, r) => updateWebhook(ctx, r.params.ws, r.params.id, r.body),
    }),
    operation({
      field: 'Mutation.deleteWebhook',
      rest: 'DELETE /workspaces/:ws/webhooks/:id',
      request: (args: Hook) => ({ params: { ws: args.workspace, id: args.id } }),
      run: async (ctx, r) => {
        await deleteWebhook(ctx, r.params.ws, r.params.id);
        return true;
      },
    }),
    operation({
      field: 'Mutation.redeliverWebhookDelivery',
      rest: 'POST /workspaces/:ws/webhooks/:id/deliveries/:delivery/redeliver',
      request: (args: Hook & { delivery: string }) => ({ params: { ws: args.workspace, id: args.id, delivery: args.delivery } }),
      run: (ctx, r) => redeliver(ctx, r.params.ws, r.params.id, r.params.delivery),
    }),
  ],
};
