import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { WebhooksConfig } from '../config.js';
import type { DB } from '../db/index.js';
import type { Clock } from '../services/context.js';
import { newId } from '../services/secrets.js';
import { MAX_ATTEMPTS, retryDelayMs } from './backoff.js';
import { sendWebhook, type SendResult } from './send.js';
import { signPayload, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature.js';

const BATCH = 10;
// A claim outlives the longest attempt by this much; after that another node may take over.
const LEASE_MARGIN_MS = 30_000;

export interface DeliveryWorkerOptions {
  readonly db: Kysely<DB>;
  readonly clock: Clock;
  readonly config: WebhooksConfig;
  readonly userAgent: string;
}

interface Claimed {
  readonly id: string;
  readonly webhookId: string;
  readonly eventId: number;
  readonly eventType: string;
  readonly payload: string;
  readonly attempts: number;
  readonly url: string;
  readonly secret: string;
}

/**
 * Sends due deliveries. Each is claimed by a conditional UPDATE (`... where claimed_until is null
 * or claimed_until < now`): on PostgreSQL a second node's UPDATE of the same row waits for the
 * first, re-reads the row and matches nothing, so a delivery is attempted by one node at a time.
 */
export class DeliveryWorker {
  readonly nodeId = randomUUID();
  private readonly aborts = new AbortController();

  constructor(private readonly options: DeliveryWorkerOptions) {}

  /** Claims and sends one batch; resolves to how many it attempted. */
  async runOnce(): Promise<number> {
    const claimed = await this.claim();
    await Promise.all(claimed.map((d) => this.attempt(d)));
    return claimed.length;
  }

  /** Aborts attempts in flight; their claims are released so another node (or a restart) retries at once. */
  abort(): void {
    this.aborts.abort();
  }

  private nowIso(offsetMs = 0): string {
    return new Date(this.options.clock.now().getTime() + offsetMs).toISOString();
  }

  private async claim(): Promise<Claimed[]> {
    const { db, config } = this.options;
    const now = this.nowIso();
    const candidates = await db
      .selectFrom('webhookDeliveries as d')
      .innerJoin('webhooks as w', 'w.id', 'd.webhookId')
      .select(['d.id', 'd.webhookId', 'd.eventId', 'd.eventType', 'd.payload', 'd.attempts', 'w.url', 'w.secret'])
      .where('d.status', '=', 'pending')
      .where('d.nextAttemptAt', '<=', now)
      .where((eb) => eb.or([eb('d.claimedUntil', 'is', null), eb('d.claimedUntil', '<', now)]))
      .where('w.disabledAt', 'is', null)
      .orderBy('d.nextAttemptAt')
      .limit(BATCH)
      .execute();
    const won: Claimed[] = [];
    for (const c of candidates) {
      const result = await db
        .updateTable('webhookDeliveries')
        .set({ claimedBy: this.nodeId, claimedUntil: this.nowIso(config.timeoutMs + LEASE_MARGIN_MS) })
        .where('id', '=', c.id)
        .where('status', '=', 'pending')
        .where('attempts', '=', c.attempts)
        .where((eb) => eb.or([eb('claimedUntil', 'is', null), eb('claimedUntil', '<', now)]))
        .executeTakeFirst();
      if (result.numUpdatedRows === 1n) won.push({ ...c, eventId: Number(c.eventId) });
    }
    return won;
  }

  private async attempt(delivery: Claimed): Promise<void> {
    const { db, config, clock, userAgent } = this.options;
    const at = clock.now();
    const timestamp = Math.floor(at.getTime() / 1000);
    const result: SendResult = await sendWebhook({
      url: delivery.url,
      body: delivery.payload,
      timeoutMs: config.timeoutMs,
      allowPrivate: config.allowPrivate,
      signal: this.aborts.signal,
      headers: {
        'content-type': 'application/json',
        'user-agent': userAgent,
        'x-specboard-event': delivery.eventType,
        'x-specboard-event-id': String(delivery.eventId),
        'x-specboard-delivery': delivery.id,
        'x-specboard-webhook': delivery.webhookId,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signPayload(delivery.secret, timestamp, delivery.payload),
      },
    });
    if (this.aborts.signal.aborted) {
      // Shutting down: not a real try; let the next node or start take it now.
      await db.updateTable('webhookDeliveries').set({ claimedBy: null, claimedUntil: null }).where('id', '=', delivery.id).where('claimedBy', '=', this.nodeId).execute();
      return;
    }
    const attempt = delivery.attempts + 1;
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const gaveUp = !ok && attempt >= MAX_ATTEMPTS;
    const now = clock.now();
    const next = ok || gaveUp ? null : new Date(now.getTime() + retryDelayMs(attempt, config.retryBaseMs, config.retryMaxMs)).toISOString();
    await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('webhookDeliveries')
        .set({
          status: ok ? 'succeeded' : gaveUp ? 'failed' : 'pending',
          attempts: attempt,
          nextAttemptAt: next ?? now.toISOString(),
          claimedBy: null,
          claimedUntil: null,
          lastStatusCode: result.statusCode,
          lastError: result.error,
          responseExcerpt: result.responseExcerpt,
          updatedAt: now.toISOString(),
          deliveredAt: ok ? now.toISOString() : null,
        })
        .where('id', '=', delivery.id)
        .where('claimedBy', '=', this.nodeId)
        .executeTakeFirst();
      // Our claim expired and another node took over: its record wins.
      if (updated.numUpdatedRows !== 1n) return;
      await trx
        .insertInto('webhookAttempts')
        .values({
          id: newId(),
          deliveryId: delivery.id,
          attempt,
          at: at.toISOString(),
          statusCode: result.statusCode,
          error: result.error,
          responseExcerpt: result.responseExcerpt,
          durationMs: result.durationMs,
          nextAttemptAt: next,
        })
        .execute();
    });
  }
}
