// The co-editing protocol's own words (docs/events.md, "Co-editing"): what a client may send as a
// stateless message, and the reasons a document or the whole socket is closed.
import type { Actor } from '../services/context.js';
import type { Credential } from '../events/access.js';

/** What every connection carries: who opened the socket and with what credential. */
export interface CollabContext {
  actor: Actor;
  readonly credential: Credential;
}

export function isCollabContext(value: unknown): value is CollabContext {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<CollabContext>;
  return typeof v.actor?.userId === 'string' && typeof v.credential?.secret === 'string';
}

/** Reasons sent in Hocuspocus's close message for one document (the socket stays open). */
export const DOCUMENT_CLOSE_REASONS = {
  /** The user may no longer read the spec (removed from the workspace, role or token changed). */
  accessRevoked: 'access_revoked',
  /** The spec was deleted. */
  specDeleted: 'spec_deleted',
} as const;

/** WebSocket close codes for the whole socket (the same as the live-events endpoint). */
export const SOCKET_CLOSE = {
  credentialsRevoked: { code: 4401, reason: 'credentials_revoked' },
  serverShutdown: { code: 1001, reason: 'server_shutdown' },
} as const;

/** A stateless message a client may send: ask for a checkpoint now. */
export interface CheckpointRequest {
  readonly op: 'checkpoint';
}

/** Codes of `{"op":"error"}` stateless replies on /api/v1/collab (documented in docs/events.md). */
export const COLLAB_PROTOCOL_ERROR_CODES = ['read_only', 'bad_message', 'checkpoint_failed'] as const;

/** The server's answer to a checkpoint request (a stateless message to the requester). */
export type CheckpointReply =
  | { readonly op: 'checkpoint'; readonly created: boolean; readonly revision: number }
  | { readonly op: 'error'; readonly code: (typeof COLLAB_PROTOCOL_ERROR_CODES)[number]; readonly message: string };

export function parseStateless(payload: string): CheckpointRequest | null {
  try {
    const value: unknown = JSON.parse(payload);
    return typeof value === 'object' && value !== null && (value as { op?: unknown }).op === 'checkpoint' ? { op: 'checkpoint' } : null;
  } catch {
    return null;
  }
}
