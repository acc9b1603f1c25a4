import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { checkTarget, TargetRefusedError } from './target.js';

/** Longest response text kept with a delivery (characters). */
export const EXCERPT_CHARS = 1024;
const READ_LIMIT_BYTES = 16 * 1024;

export interface SendResult {
  /** HTTP status, or null when no response came (refused target, timeout, connection error). */
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly responseExcerpt: string | null;
  readonly durationMs: number;
}

export interface SendOptions {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
  readonly allowPrivate: boolean;
  readonly signal?: AbortSignal;
}

/** One POST; never throws. Redirects are not followed (a 3xx counts as a failed attempt). */
export async function sendWebhook(options: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const done = (partial: Omit<SendResult, 'durationMs'>): SendResult => ({ ...partial, durationMs: Math.round(performance.now() - started) });
  const url = new URL(options.url);
  let addresses: LookupAddress[];
  try {
    addresses = await checkTarget(url, options.allowPrivate);
  } catch (error) {
    return done({ statusCode: null, error: error instanceof TargetRefusedError ? error.message : String(error), responseExcerpt: null });
  }
  // Connect to the addresses that passed the check, whatever the name resolves to by now.
  const pinned: LookupFunction = (_host, lookupOptions, callback) => {
    if (lookupOptions.all === true) {
      callback(null, addresses);
      return;
    }
    const first = addresses[0] ?? { address: '0.0.0.0', family: 4 };
    callback(null, first.address, first.family);
  };
  return new Promise((resolve) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      headers: { ...options.headers, 'content-length': String(Buffer.byteLength(options.body)) },
      lookup: pinned,
      timeout: options.timeoutMs,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    let settled = false;
    // The socket timeout only bounds silence; this bounds the whole try (a receiver dripping bytes).
    const deadline = setTimeout(() => req.destroy(new Error(`No complete response within ${options.timeoutMs} ms`)), options.timeoutMs);
    const finish = (result: Omit<SendResult, 'durationMs'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(done(result));
    };
    req.on('timeout', () => req.destroy(new Error(`No response within ${options.timeoutMs} ms`)));
    req.on('error', (error) => finish({ statusCode: null, error: error.message, responseExcerpt: null }));
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const complete = (): void => {
        const text = Buffer.concat(chunks).toString('utf8').slice(0, EXCERPT_CHARS);
        const status = res.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        finish({ statusCode: status, error: ok ? null : `HTTP ${status}`, responseExcerpt: text });
      };
      res.on('data', (chunk: Buffer) => {
        if (size >= READ_LIMIT_BYTES) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size >= READ_LIMIT_BYTES) {
          complete();
          res.destroy();
        }
      });
      res.on('end', complete);
      // Destroyed by the deadline mid-body: the try failed, whatever the status said.
      res.on('error', (error) => finish({ statusCode: null, error: error.message, responseExcerpt: null }));
    });
    req.end(options.body);
  });
}
