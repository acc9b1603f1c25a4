import { Type } from 'typebox';
import { createToken, listTokens, revokeToken } from '../../services/tokens.js';
import type { ApiInstance } from '../api-instance.js';
import { actorCtx } from '../request-context.js';
import { Id, NoContent, Nullable, PageOf, PageQuery, ScopeSchema, Strict, Timestamp } from '../schemas.js';

const TokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  scopes: Type.Array(ScopeSchema),
  createdAt: Type.String(),
  expiresAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
  lastUsedAt: Nullable(Type.String()),
});

export function tokenRoutes(app: ApiInstance): void {
  app.get(
    '/tokens',
    {
      schema: { tags: ['tokens'], summary: 'Your personal API tokens', querystring: PageQuery, response: { 200: PageOf(TokenSchema) } },
      config: { access: { auth: 'session' } },
    },
    (request) => listTokens(actorCtx(request), request.query),
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create a personal API token (the secret is shown once)',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            scopes: Type.Array(ScopeSchema, { minItems: 1, maxItems: 3, uniqueItems: true }),
            expiresAt: Type.Optional(Nullable(Timestamp)),
          },
          Strict,
        ),
        response: { 201: Type.Object({ token: TokenSchema, secret: Type.String({ description: 'Send as Authorization: Bearer <secret>' }) }) },
      },
      config: { access: { auth: 'session' } },
    },
    async (request, reply) => {
      const result = await createToken(actorCtx(request), { ...request.body, expiresAt: request.body.expiresAt ?? null });
      return reply.code(201).send(result);
    },
  );

  app.delete(
    '/tokens/:id',
    {
      schema: { tags: ['tokens'], summary: 'Revoke one of your tokens', params: Type.Object({ id: Id }), response: { 204: NoContent } },
      config: { access: { auth: 'session' } },
    },
    async (request, reply) => {
      await revokeToken(actorCtx(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
