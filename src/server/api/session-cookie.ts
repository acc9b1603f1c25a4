import type {} from '@fastify/cookie';
import type { FastifyReply } from 'fastify';
import type { Config } from '../config.js';
import type { NewSession } from '../services/sessions.js';

export const SESSION_COOKIE = 'specboard_session';

function secure(config: Config): boolean {
  return config.publicUrl?.startsWith('https:') ?? false;
}

export function setSessionCookie(reply: FastifyReply, config: Config, session: NewSession): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secure(config),
    path: '/',
    expires: new Date(session.expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: secure(config), path: '/' });
}
