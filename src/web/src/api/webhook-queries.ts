// Webhooks of a workspace and their deliveries (admins only; docs/webhooks.md). Keys start with
// [kind, ws] like the other workspace reads.
import { useQuery } from '@tanstack/react-query';
import { api, query } from './client';
import type { Page } from './types';
import { wsPath } from './workspace-queries';

/**
 * Event types a webhook may subscribe to: the workspace-audience events of docs/events.md
 * (WEBHOOK_EVENT_TYPES on the server; the client cannot import the server's TypeBox schemas).
 * `*` stands for every one, including types added later.
 */
export const WEBHOOK_EVENT_TYPES = [
  'spec.created',
  'spec.updated',
  'spec.deleted',
  'spec.restored',
  'revision.created',
  'spec.status_changed',
  'version.opened',
  'review.requested',
  'review.submitted',
  'comment.created',
  'comment.resolved',
  'member.removed',
  'member.role_changed',
] as const;
export const ALL_EVENTS = '*';

export interface Webhook {
  id: string;
  workspaceId: string;
  url: string;
  events: string[];
  description: string;
  active: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookDelivery {
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
  createdAt: string;
  deliveredAt: string | null;
}

export const webhooksPath = (ws: string) => `${wsPath(ws)}/webhooks`;
export const webhookPath = (ws: string, id: string) => `${webhooksPath(ws)}/${encodeURIComponent(id)}`;

export function useWebhooks(ws: string) {
  return useQuery({ queryKey: ['webhooks', ws], queryFn: () => api<Page<Webhook>>(`${webhooksPath(ws)}${query({ limit: 100 })}`) });
}

// Deliveries happen in the background after an event: while the table is open it is read again
// every few seconds (sooner while one is still pending), so new deliveries and retries show up.
export function useWebhookDeliveries(ws: string, id: string) {
  return useQuery({
    queryKey: ['webhook-deliveries', ws, id],
    queryFn: () => api<Page<WebhookDelivery>>(`${webhookPath(ws, id)}/deliveries${query({ limit: 50 })}`),
    refetchInterval: (q) => (q.state.data?.items.some((d) => d.status === 'pending') === true ? 1000 : 3000),
  });
}
