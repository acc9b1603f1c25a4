import { expect, it, describe } from 'vitest';
import { retryDelayMs, MAX_ATTEMPTS } from '../../../src/server/webhooks/backoff.js';
import { signPayload, verifySignature } from '../../../src/server/webhooks/signature.js';
import { isPrivateAddress } from '../../../src/server/webhooks/target.js';
import { webhookWants } from '../../../src/server/webhooks/events.js';

describe('webhook retry delays', () => {
  it('double from the base, are capped, and jitter between half and all of the delay', () => {
    expect(MAX_ATTEMPTS).toBe(8);
    const full = [1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, 1000, 30_000, () => 1));
    expect(full).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    const least = [1, 2, 3].map((n) => retryDelayMs(n, 1000, 30_000, () => 0));
    expect(least).toEqual([500, 1000, 2000]);
  });
});

describe('webhook signatures', () => {
  it('are v1= hex HMAC-SHA256 of timestamp.body and verify only with the same secret, time and body', () => {
    const signature = signPayload('s3cret-s3cret-s3cret', 1_700_000_000, '{"a":1}');
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifySignature('s3cret-s3cret-s3cret', '1700000000', '{"a":1}', signature)).toBe(true);
    expect(verifySignature('s3cret-s3cret-s3cret', '1700000001', '{"a":1}', signature)).toBe(false);
    expect(verifySignature('s3cret-s3cret-s3cret', '1700000000', '{"a":2}', signature)).toBe(false);
    expect(verifySignature('other', '1700000000', '{"a":1}', signature)).toBe(false);
  });
});

describe('webhook targets', () => {
  it('private, loopback, link-local, reserved and mapped addresses are private; public ones are not', () => {
    for (const a of ['127.0.0.1', '10.0.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd12::1', '::ffff:10.0.0.1', 'not-an-ip']) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) expect(isPrivateAddress(a), a).toBe(false);
  });

  it('subscriptions: listed types or *, never personal events', () => {
    expect(webhookWants(['spec.created'], 'spec.created')).toBe(true);
    expect(webhookWants(['spec.created'], 'spec.updated')).toBe(false);
    expect(webhookWants(['*'], 'comment.created')).toBe(true);
    expect(webhookWants(['*'], 'notification.created')).toBe(false);
  });
});
