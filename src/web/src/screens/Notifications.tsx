// Notifications: mentions, review requests, verdicts, reminders and decisions; mark read.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { useNotifications } from '../api/queries';
import type { AppNotification } from '../api/types';
import { ErrorNote, Loading, TimeAgo } from '../components/Status';
import { Link } from '../router';

const KIND_WORDS: Record<string, string> = {
  mention: 'mentioned you on',
  review_requested: 'asked for your review of',
  verdict: 'gave a verdict on',
  reminder: 'Your review is overdue:',
  decision: 'decided on',
};

function describe(n: AppNotification): string {
  const verdict = typeof n.details.verdict === 'string' ? ` (${n.details.verdict.replace(/_/g, ' ')})` : '';
  return `${n.actor?.name ?? 'Specboard'} ${KIND_WORDS[n.kind] ?? n.kind.replace(/_/g, ' ')}${verdict}`;
}

export function NotificationsScreen() {
  const client = useQueryClient();
  const list = useNotifications(50);
  const mark = useMutation({
    mutationFn: (path: string) => api(`/notifications${path}`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const unread = list.data?.unreadCount ?? 0;
  return (
    <section>
      <div className="row">
        <h1>Notifications</h1>
        <span className="muted">{unread} unread</span>
        <span className="spacer" />
        {unread > 0 && (
          <button type="button" disabled={mark.isPending} onClick={() => mark.mutate('/read-all')}>
            Mark all read
          </button>
        )}
      </div>
      {list.isPending && <Loading />}
      {list.error !== null && <ErrorNote error={list.error} />}
      {mark.error !== null && <ErrorNote error={mark.error} />}
      {list.data?.items.length === 0 && <p className="muted">Nothing yet.</p>}
      <ul className="notifications">
        {list.data?.items.map((n) => (
          <li key={n.id} className={n.readAt === null ? 'unread' : undefined}>
            <span>
              {n.readAt === null && <span className="badge badge-in_review">New</span>} {describe(n)}{' '}
              {n.spec !== null && (
                <Link to={`/w/${n.workspaceKey}/specs/${n.spec.key}`} onClick={() => {
                    if (n.readAt === null) mark.mutate(`/${n.id}/read`);
                  }}>
                  {n.spec.key}: {n.spec.title}
                </Link>
              )}
              {typeof n.details.excerpt === 'string' && <q className="muted"> {n.details.excerpt}</q>}
            </span>
            <span className="spacer" />
            <TimeAgo iso={n.createdAt} />
            {n.readAt === null ? (
              <button type="button" disabled={mark.isPending} onClick={() => mark.mutate(`/${n.id}/read`)} aria-label={`Mark read: ${describe(n)}`}>
                Mark read
              </button>
            ) : (
              <button type="button" disabled={mark.isPending} onClick={() => mark.mutate(`/${n.id}/unread`)} aria-label={`Mark unread: ${describe(n)}`}>
                Mark unread
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The top bar's bell: a link to the list with the unread count in its name. */
export function Bell() {
  const list = useNotifications(50);
  const unread = list.data?.unreadCount ?? 0;
  return (
    <Link to="/notifications" className="button bell" aria-label={`Notifications (${unread} unread)`}>
      <svg className="bell-icon" aria-hidden="true" viewBox="0 0 24 24" width="16" height="16">
        <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
      </svg>
      {unread > 0 && (
        <span className="count" aria-hidden="true">
          {unread}
        </span>
      )}
    </Link>
  );
}
