import { Type } from 'typebox';
import { signIn, signOut, signOutEverywhere } from '../../services/sessions.js';
import type { ApiInstance } from '../api-instance.js';
import { actorCtx, publicCtx } from '../request-context.js';
import { Email, NoContent, Strict, UserSchema } from '../schemas.js';
import { clearSessionCookie, setSessionCookie } from '../session-cookie.js';

export function authRoutes(app: ApiInstance): void {
  app.post(
    '/auth/sign-in',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password (sets the session cookie)',
        body: Type.Object({ email: Email, password: Type.String({ minLength: 1, maxLength: 1024 }) }, Strict),
        response: { 200: Type.Object({ user: UserSchema }) },
      },
      config: { access: { auth: 'public', rateLimit: 'strict' } },
    },
    async (request, reply) => {
      const { user, session } = await signIn(publicCtx(request), request.body);
      setSessionCookie(reply, request.server.appConfig, session);
      return { user };
    },
  );

  app.post(
    '/auth/sign-out',
    {
      schema: { tags: ['auth'], summary: 'End this session (idempotent)', response: { 204: NoContent } },
      config: { access: { auth: 'public' } },
    },
    async (request, reply) => {
      if (request.sessionToken !== null) await signOut(request.server.deps, request.sessionToken);
      clearSessionCookie(reply, request.server.appConfig);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/sign-out-everywhere',
    {
      schema: { tags: ['auth'], summary: 'End every session of this user (API tokens stay valid)', response: { 204: NoContent } },
      config: { access: { auth: 'session' } },
    },
    async (request, reply) => {
      await signOutEverywhere(actorCtx(request));
      clearSessionCookie(reply, request.server.appConfig);
      return reply.code(204).send(null);
    },
  );
}
