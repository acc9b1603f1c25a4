// Insights: how long reviews take (median time to decision), which specs wait longest, and whose
// reviews are overdue. Figures come from GET .../reviews and .../reviews/overdue.
import { useMembers } from '../api/queries';
import { useOverdueReviews, useReviewMetrics } from '../api/workspace-queries';
import { ErrorNote, Loading, TimeAgo } from '../components/Status';
import { Link } from '../router';

/** A duration in words at a useful precision: "3 days 4 hours", "25 minutes". */
export function durationWords(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return 'under a minute';
  const parts: [number, string][] = [
    [Math.floor(minutes / 1440), 'day'],
    [Math.floor((minutes % 1440) / 60), 'hour'],
    [minutes % 60, 'minute'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`)
    .join(' ');
}

const specLink = (ws: string, key: string) => `/w/${ws}/specs/${key.slice(key.lastIndexOf('-') + 1)}`;

export function InsightsScreen({ ws }: { ws: string }) {
  const metrics = useReviewMetrics(ws);
  const overdue = useOverdueReviews(ws);
  const members = useMembers(ws);
  const nameOf = (id: string) => members.data?.items.find((m) => m.userId === id)?.name ?? 'a reviewer';
  return (
    <section aria-labelledby="insights-heading" className="insights">
      <h1 id="insights-heading">Insights</h1>
      {metrics.isPending ? (
        <Loading />
      ) : metrics.error !== null ? (
        <ErrorNote error={metrics.error} />
      ) : (
        <>
          <dl className="figures">
            <div className="figure">
              <dt>Median time to decision</dt>
              <dd>{metrics.data.medianTimeToDecisionMs === null ? 'No decisions yet' : durationWords(metrics.data.medianTimeToDecisionMs)}</dd>
            </div>
            <div className="figure">
              <dt>Decided versions</dt>
              <dd>{metrics.data.decidedCount}</dd>
            </div>
            <div className="figure">
              <dt>In review now</dt>
              <dd>{metrics.data.waiting.length}</dd>
            </div>
            <div className="figure">
              <dt>Overdue reviews</dt>
              <dd>{overdue.data?.items.length ?? '…'}</dd>
            </div>
          </dl>

          <h2 id="waiting-heading">Waiting longest</h2>
          {metrics.data.waiting.length === 0 ? (
            <p className="muted">Nothing is in review.</p>
          ) : (
            <table className="spec-list" aria-labelledby="waiting-heading">
              <thead>
                <tr>
                  <th scope="col">Spec</th>
                  <th scope="col">Version</th>
                  <th scope="col">Waiting</th>
                  <th scope="col">Overdue</th>
                </tr>
              </thead>
              <tbody>
                {metrics.data.waiting.map((w) => (
                  <tr key={w.key}>
                    <td className="title" data-label="Spec">
                      <Link to={specLink(ws, w.key)}>
                        {w.key}: {w.title}
                      </Link>
                    </td>
                    <td data-label="Version">v{w.version}</td>
                    <td data-label="Waiting">
                      {durationWords(w.waitingMs)} <span className="muted">(since <TimeAgo iso={w.requestedAt} />)</span>
                    </td>
                    <td data-label="Overdue">{w.overdue ? <span className="badge badge-rejected">Overdue: {w.overdueReviewers.map(nameOf).join(', ')}</span> : <span className="muted">No</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}

      <h2 id="overdue-heading">Overdue reviews</h2>
      {overdue.isPending ? (
        <Loading />
      ) : overdue.error !== null ? (
        <ErrorNote error={overdue.error} />
      ) : overdue.data.items.length === 0 ? (
        <p className="muted">No review is overdue.</p>
      ) : (
        <table className="spec-list" aria-labelledby="overdue-heading">
          <thead>
            <tr>
              <th scope="col">Spec</th>
              <th scope="col">Reviewer</th>
              <th scope="col">Due</th>
              <th scope="col">Overdue by</th>
            </tr>
          </thead>
          <tbody>
            {overdue.data.items.map((o) => (
              <tr key={`${o.key}/${o.reviewer.id}`}>
                <td className="title" data-label="Spec">
                  <Link to={specLink(ws, o.key)}>
                    {o.key}: {o.title}
                  </Link>
                </td>
                <td data-label="Reviewer">
                  {o.reviewer.name} <span className="muted">({o.role})</span>
                </td>
                <td data-label="Due">
                  <time dateTime={o.dueAt}>{new Date(o.dueAt).toLocaleDateString()}</time>
                </td>
                <td data-label="Overdue by">{durationWords(o.overdueMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
