import { Type } from 'typebox';
import { ALL_EVENTS, WEBHOOK_EVENT_TYPES } from '../../webhooks/index.js';
import { createWebhook, deleteWebhook, getWebhook, listDeliveries, listWebhooks, redeliver, updateWebhook } from '../../services/webhooks/index.js';
import type { ApiInstance } from '../api-instance.js';
import { actorCtx } from '../request-context.js';
import { Id, NoContent, Nullable, PageOf, PageQuery, Strict, WorkspaceRef } from '../schemas.js';

const EventName = Type.Enum([ALL_EVENTS, ...WEBHOOK_EVENT_TYPES], { description: 'An event type (docs/events.md), or * for every workspace event' });
export const WebhookBody = {
  url: Type.String({ minLength: 1, maxLength: 2000, description: 'http:// or https:// URL the events are POSTed to' }),
  events: Type.Array(EventName, { minItems: 1, maxItems: 50, uniqueItems: true }),
  secret: Type.String({ minLength: 16, maxLength: 200, description: 'Signing secret; generated when left out' }),
  description: Type.String({ maxLength: 500 }),
  active: Type.Boolean({ description: 'false: keep the webhook but send nothing' }),
};

export const WebhookSchema = Type.Object({
  id: Type.String(),
  workspaceId: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  description: Type.String(),
  active: Type.Boolean(),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const AttemptSchema = Type.Object({
  attempt: Type.Integer(),
  at: Type.String(),
  statusCode: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
  responseExcerpt: Nullable(Type.String()),
  durationMs: Type.Integer(),
  nextAttemptAt: Nullable(Type.String()),
});

export const DeliverySchema = Type.Object({
  id: Type.String(),
  webhookId: Type.String(),
  eventId: Type.Integer(),
  eventType: Type.String(),
  status: Type.Enum(['pending', 'succeeded', 'failed']),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Type.String()),
  lastStatusCode: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  responseExcerpt: Nullable(Type.String()),
  redeliveryOf: Nullable(Type.String()),
  createdAt: Type.String(),
  deliveredAt: Nullable(Type.String()),
  history: Type.Array(AttemptSchema),
});

const ADMIN = { access: { auth: 'user', scope: 'admin', minRole: 'admin' } } as const;
const TAGS = ['webhooks'];
const HookParams = Type.Object({ ws: WorkspaceRef, id: Id });

export function webhookRoutes(app: ApiInstance): void {
  app.get(
    '/workspaces/:ws/webhooks',
    { schema: { tags: TAGS, summary: 'Webhooks of the workspace', params: Type.Object({ ws: WorkspaceRef }), querystring: PageQuery, response: { 200: PageOf(WebhookSchema) } }, config: ADMIN },
    (request) => listWebhooks(actorCtx(request), request.params.ws, request.query),
  );

  app.post(
    '/workspaces/:ws/webhooks',
    {
      schema: {
        tags: TAGS,
        summary: 'Create a webhook; the signing secret is returned once',
        params: Type.Object({ ws: WorkspaceRef }),
        body: Type.Object(
          { url: WebhookBody.url, events: WebhookBody.events, secret: Type.Optional(WebhookBody.secret), description: Type.Optional(WebhookBody.description), active: Type.Optional(WebhookBody.active) },
          Strict,
        ),
        response: { 201: Type.Object({ webhook: WebhookSchema, secret: Type.String() }) },
      },
      config: ADMIN,
    },
    async (request, reply) => reply.code(201).send(await createWebhook(actorCtx(request), request.params.ws, request.body)),
  );

  app.get(
    '/workspaces/:ws/webhooks/:id',
    { schema: { tags: TAGS, summary: 'One webhook', params: HookParams, response: { 200: WebhookSchema } }, config: ADMIN },
    (request) => getWebhook(actorCtx(request), request.params.ws, request.params.id),
  );

  app.patch(
    '/workspaces/:ws/webhooks/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Change a webhook (URL, events, secret, description, active)',
        params: HookParams,
        body: Type.Object(
          {
            url: Type.Optional(WebhookBody.url),
            events: Type.Optional(WebhookBody.events),
            secret: Type.Optional(WebhookBody.secret),
            description: Type.Optional(WebhookBody.description),
            active: Type.Optional(WebhookBody.active),
          },
          Strict,
        ),
        response: { 200: WebhookSchema },
      },
      config: ADMIN,
    },
    (request) => updateWebhook(actorCtx(request), request.params.ws, request.params.id, request.body),
  );

  app.delete(
    '/workspaces/:ws/webhooks/:id',
    { schema: { tags: TAGS, summary: 'Delete a webhook and its delivery log', params: HookParams, response: { 204: NoContent } }, config: ADMIN },
    async (request, reply) => {
      await deleteWebhook(actorCtx(request), request.params.ws, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/workspaces/:ws/webhooks/:id/deliveries',
    {
      schema: { tags: TAGS, summary: 'Deliveries of a webhook, newest first, with every try', params: HookParams, querystring: PageQuery, response: { 200: PageOf(DeliverySchema) } },
      config: ADMIN,
    },
    (request) => listDeliveries(actorCtx(request), request.params.ws, request.params.id, request.query),
  );

  app.post(
    '/workspaces/:ws/webhooks/:id/deliveries/:delivery/redeliver',
    {
      schema: {
        tags: TAGS,
        summary: 'Send a delivery again (a new delivery of the same event and body)',
        params: Type.Object({ ws: WorkspaceRef, id: Id, delivery: Id }),
        response: { 201: DeliverySchema },
      },
      config: ADMIN,
    },
    async (request, reply) => reply.code(201).send(await redeliver(actorCtx(request), request.params.ws, request.params.id, request.params.delivery)),
  );
}
