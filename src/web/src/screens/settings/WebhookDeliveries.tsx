// A webhook's delivery log, newest first: event, status, tries, last answer; Redeliver sends the
// same event and body again as a new delivery (docs/webhooks.md).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useWebhookDeliveries, webhookPath, type WebhookDelivery } from '../../api/webhook-queries';
import { ErrorNote, Loading, TimeAgo } from '../../components/Status';

const STATUS: Record<WebhookDelivery['status'], [string, string]> = {
  pending: ['Pending', 'badge-in_review'],
  succeeded: ['Succeeded', 'badge-approved'],
  failed: ['Failed', 'badge-rejected'],
};

const EXCERPT_CHARS = 200;

function answerOf(d: WebhookDelivery): string {
  const parts: string[] = [];
  if (d.lastStatusCode !== null) parts.push(`HTTP ${d.lastStatusCode}`);
  if (d.lastError !== null) parts.push(d.lastError);
  if (d.responseExcerpt !== null && d.responseExcerpt !== '') {
    const text = d.responseExcerpt.length > EXCERPT_CHARS ? `${d.responseExcerpt.slice(0, EXCERPT_CHARS)}…` : d.responseExcerpt;
    parts.push(text);
  }
  return parts.length === 0 ? 'No answer yet' : parts.join(' · ');
}

export function WebhookDeliveries({ ws, webhookId, url, id }: { ws: string; webhookId: string; url: string; id: string }) {
  const client = useQueryClient();
  const deliveries = useWebhookDeliveries(ws, webhookId);
  const redeliver = useMutation({
    mutationFn: (delivery: string) => api<WebhookDelivery>(`${webhookPath(ws, webhookId)}/deliveries/${encodeURIComponent(delivery)}/redeliver`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['webhook-deliveries', ws, webhookId] }),
  });
  let body;
  if (deliveries.isPending) body = <Loading label="Loading deliveries…" />;
  else if (deliveries.error !== null) body = <ErrorNote error={deliveries.error} />;
  else if (deliveries.data.items.length === 0) body = <p className="muted">No deliveries yet: they appear here once a subscribed event happens.</p>;
  else
    body = (
      // A narrow screen scrolls the table, not the page; the region is focusable so keyboards can scroll it.
      <div className="table-scroll" role="region" aria-label={`Deliveries to ${url}`} tabIndex={0}>
        <table className="deliveries">
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Tries</th>
              <th scope="col">Last answer</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data.items.map((d) => {
              const [word, badge] = STATUS[d.status];
              return (
                <tr key={d.id}>
                  <td>
                    <code>{d.eventType}</code> #{d.eventId}
                    {d.redeliveryOf !== null && <span className="muted"> (redelivery)</span>}
                  </td>
                  <td>
                    <span className={`badge ${badge}`}>{word}</span>
                    {d.status === 'pending' && d.nextAttemptAt !== null && d.attempts > 0 && (
                      <span className="muted">
                        {' '}
                        next try <TimeAgo iso={d.nextAttemptAt} />
                      </span>
                    )}
                  </td>
                  <td>{d.attempts}</td>
                  <td className="answer">{answerOf(d)}</td>
                  <td>
                    <TimeAgo iso={d.createdAt} />
                  </td>
                  <td>
                    <button type="button" disabled={redeliver.isPending} onClick={() => redeliver.mutate(d.id)} aria-label={`Redeliver ${d.eventType} event #${d.eventId}`}>
                      Redeliver
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    );
  return (
    <div className="webhook-deliveries" id={id}>
      <h3>Deliveries</h3>
      {body}
      {redeliver.error !== null && <ErrorNote error={redeliver.error} />}
    </div>
  );
}
