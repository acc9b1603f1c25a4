import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers every delivery carries (docs/webhooks.md). */
export const SIGNATURE_HEADER = 'x-specboard-signature';
export const TIMESTAMP_HEADER = 'x-specboard-timestamp';

/**
 * `v1=` + hex HMAC-SHA256 of `${timestamp}.${body}` with the webhook's secret. The timestamp
 * (Unix seconds) is signed too, so a receiver can refuse replays of old deliveries.
 */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does (the docs show the same steps); true when the signature matches. */
export function verifySignature(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signPayload(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  return /^\d+$/.test(timestamp) && expected.length === given.length && timingSafeEqual(expected, given);
}
