// Keeps open co-editing connections honest: re-checks credentials and access (on membership and
// token events, on status changes, and periodically) with the same services as REST, and closes
// or downgrades what is no longer allowed.
import type { Connection, Hocuspocus } from '@hocuspocus/server';
import { AppError } from '../errors/index.js';
import { reauthenticate } from '../events/access.js';
import type { ServiceDeps } from '../services/context.js';
import { documentAccess } from './access.js';
import { parseDocumentName, type DocumentName } from './names.js';
import { DOCUMENT_CLOSE_REASONS, isCollabContext, SOCKET_CLOSE, type CollabContext } from './protocol.js';

interface Open {
  readonly connection: Connection;
  readonly context: CollabContext;
  readonly name: DocumentName;
}

export class ConnectionGuard {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly hocuspocus: Hocuspocus,
    private readonly onError: (error: unknown) => void,
  ) {}

  private open(): Open[] {
    const out: Open[] = [];
    for (const document of this.hocuspocus.documents.values()) {
      const name = parseDocumentName(document.name);
      if (name === null) continue;
      for (const connection of document.getConnections()) {
        const context: unknown = connection.context;
        if (isCollabContext(context)) out.push({ connection, context, name });
      }
    }
    return out;
  }

  /**
   * Re-checks the matching connections: a dead credential closes the socket (4401), lost access
   * closes the document (access_revoked), and write access is recomputed (role, lock).
   */
  async recheck(filter: (context: CollabContext, name: DocumentName) => boolean): Promise<void> {
    for (const { connection, context, name } of this.open().filter((o) => filter(o.context, o.name))) {
      try {
        const actor = await reauthenticate(this.deps, context.credential);
        if (actor === null) {
          connection.webSocket.close(SOCKET_CLOSE.credentialsRevoked.code, SOCKET_CLOSE.credentialsRevoked.reason);
          continue;
        }
        context.actor = actor;
        const access = await documentAccess(this.deps, actor, name);
        connection.readOnly = access.readOnly !== null;
      } catch (error) {
        if (error instanceof AppError) connection.close({ code: 4403, reason: DOCUMENT_CLOSE_REASONS.accessRevoked });
        else this.onError(error);
      }
    }
  }

  /** Closes every document of a deleted spec. */
  closeSpec(specId: string): void {
    for (const { connection, name } of this.open()) if (name.specId === specId) connection.close({ code: 4404, reason: DOCUMENT_CLOSE_REASONS.specDeleted });
  }

  /** Server shutdown: every socket is closed with 1001 server_shutdown. */
  closeAll(): void {
    for (const { connection } of this.open()) connection.webSocket.close(SOCKET_CLOSE.serverShutdown.code, SOCKET_CLOSE.serverShutdown.reason);
  }
}
