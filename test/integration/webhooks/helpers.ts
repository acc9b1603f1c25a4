import { expect } from 'vitest';
import type { ApiClient } from '../harness.js';

/** Fast retries and polling, loopback receivers allowed. */
export const WEBHOOK_ENV = { WEBHOOKS_ALLOW_PRIVATE: '1', WEBHOOKS_POLL_MS: '50', WEBHOOKS_RETRY_BASE_MS: '20', WEBHOOKS_RETRY_MAX_MS: '400' } as const;

export interface HookAttempt {
  attempt: number;
  at: string;
  statusCode: number | null;
  error: string | null;
  responseExcerpt: string | null;
  durationMs: number;
  nextAttemptAt: string | null;
}

export interface HookDelivery {
  id: string;
  webhookId: string;
  eventId: number;
  eventType: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  responseExcerpt: string | null;
  redeliveryOf: string | null;
  history: HookAttempt[];
}

export async function createWebhook(client: ApiClient, ws: string, body: Record<string, unknown>): Promise<{ id: string; secret: string }> {
  const res = await client.post<{ webhook: { id: string }; secret: string }>(`/api/v1/workspaces/${ws}/webhooks`, body);
  expect(res.status, res.text).toBe(201);
  return { id: res.body.webhook.id, secret: res.body.secret };
}

export async function deliveries(client: ApiClient, ws: string, webhookId: string): Promise<HookDelivery[]> {
  const res = await client.get<{ items: HookDelivery[] }>(`/api/v1/workspaces/${ws}/webhooks/${webhookId}/deliveries?limit=200`);
  expect(res.status, res.text).toBe(200);
  return res.body.items;
}

/** Polls the delivery log until `done` holds for it (no time assertion: only a generous give-up). */
export async function waitForDeliveries(client: ApiClient, ws: string, webhookId: string, done: (list: HookDelivery[]) => boolean): Promise<HookDelivery[]> {
  let list: HookDelivery[] = [];
  await expect
    .poll(
      async () => {
        list = await deliveries(client, ws, webhookId);
        return done(list);
      },
      { timeout: 20_000, interval: 25 },
    )
    .toBe(true);
  return list;
}
