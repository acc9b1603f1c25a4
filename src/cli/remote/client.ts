// A small HTTP client for the Specboard API over fetch: bearer token, JSON or raw bodies, error
// answers turned into one-line RemoteErrors with the server's code, polite retries on 429.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Static, TSchema } from 'typebox';
import type { Connection } from './connection.js';
import { errorFromResponse, RemoteError } from './problem.js';
import { matches } from './schemas.js';

export interface RequestOptions {
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  /** Sent as JSON. */
  readonly json?: unknown;
  /** Sent as is, with `contentType`. */
  readonly body?: Uint8Array;
  readonly contentType?: string;
  readonly accept?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Error statuses handed back to the caller instead of thrown (e.g. 404, 412). */
  readonly allow?: readonly number[];
}

export interface RemoteResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The body exactly as received. */
  readonly body: Buffer;
}

export interface ClientOptions {
  readonly userAgent: string;
  /** Per request, including reading the body. */
  readonly timeoutMs?: number;
  /** Called before waiting out a 429 (rate limited) answer. */
  readonly onWait?: (seconds: number) => void;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_RATE_LIMIT_RETRIES = 8;
const MAX_WAIT_SECONDS = 120;

/** `segments` URL-encoded and joined, relative to the API root: apiPath('workspaces', ws, 'specs'). */
export function apiPath(...segments: readonly (string | number)[]): string {
  return segments.map((s) => encodeURIComponent(String(s))).join('/');
}

export class RemoteClient {
  constructor(
    readonly connection: Connection,
    private readonly options: ClientOptions,
  ) {}

  /** One request; error answers (except `allow`ed ones) and transport failures throw RemoteError. */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<RemoteResponse> {
    const url = new URL(path, this.connection.api);
    for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.connection.token}`,
      'user-agent': this.options.userAgent,
      accept: options.accept ?? 'application/json',
    };
    let body: Uint8Array | string | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    } else if (options.body !== undefined) {
      body = options.body;
      headers['content-type'] = options.contentType ?? 'application/octet-stream';
    }
    Object.assign(headers, options.headers);

    for (let attempt = 0; ; attempt++) {
      const response = await this.send(url, { method, headers, body });
      if (response.status === 429 && attempt < MAX_RATE_LIMIT_RETRIES) {
        // Refused before the handler ran, so repeating even a POST cannot create twice.
        const seconds = retryAfterSeconds(response.headers.get('retry-after'));
        this.options.onWait?.(seconds);
        await sleep(seconds * 1000);
        continue;
      }
      if (response.status >= 400 && !(options.allow ?? []).includes(response.status)) {
        throw errorFromResponse(response.status, response.headers.get('content-type'), response.body);
      }
      return response;
    }
  }

  /** A request whose answer must be JSON of `schema`; anything else is `unexpected_response`. */
  async json<T extends TSchema>(method: string, path: string, schema: T, options: RequestOptions = {}): Promise<{ value: Static<T>; response: RemoteResponse }> {
    const response = await this.request(method, path, options);
    let value: unknown;
    try {
      value = JSON.parse(response.body.toString('utf8'));
    } catch {
      value = undefined;
    }
    if (!matches(schema, value)) {
      throw new RemoteError('unexpected_response', `${method} ${url(path)}: the answer is not what this CLI expects (is --server a Specboard server of a matching version?)`, response.status);
    }
    return { value, response };
  }

  private async send(url: URL, init: { method: string; headers: Record<string, string>; body: Uint8Array | string | undefined }): Promise<RemoteResponse> {
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    try {
      const response = await fetch(url, { ...init, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
      const body = Buffer.from(await response.arrayBuffer());
      return { status: response.status, headers: response.headers, body };
    } catch (error) {
      throw transportError(error, this.connection.server, timeoutMs);
    }
  }
}

function url(path: string): string {
  return `/api/v1/${path.split('?')[0] ?? ''}`;
}

/** Retry-After as seconds (delta or HTTP date), at least 1, at most MAX_WAIT_SECONDS. */
function retryAfterSeconds(header: string | null): number {
  let seconds = 1;
  if (header !== null && /^\s*\d+\s*$/.test(header)) seconds = Number(header);
  else if (header !== null && !Number.isNaN(Date.parse(header))) seconds = Math.ceil((Date.parse(header) - Date.now()) / 1000);
  return Math.min(MAX_WAIT_SECONDS, Math.max(1, seconds));
}

function transportError(error: unknown, server: URL, timeoutMs: number): RemoteError {
  const where = server.origin;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new RemoteError('server_timeout', `no answer from ${where} within ${Math.round(timeoutMs / 1000)} s`, null);
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const reason = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : String(error);
  return new RemoteError('server_unreachable', `cannot reach ${where}: ${reason}`, null);
}
