// History: the revision list, the diff between any two, and restoring an old revision (as a new one).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { keys, specPath, useRevisionText, useRevisions, useSpec, useWorkspace } from '../api/queries';
import { canWrite } from '../api/types';
import { ErrorNote, Loading, TimeAgo } from '../components/Status';
import { DiffView, type DiffLayout } from '../history/DiffView';
import { Link } from '../router';

export function HistoryScreen({ ws, n }: { ws: string; n: string }) {
  const client = useQueryClient();
  const spec = useSpec(ws, n);
  const revisions = useRevisions(ws, n);
  const workspace = useWorkspace(ws);
  const [picked, setPicked] = useState<{ from: number | null; to: number | null }>({ from: null, to: null });
  const items = revisions.data?.items ?? [];
  // Default: the latest revision against the one before it.
  const to = picked.to ?? items[0]?.number ?? null;
  const from = picked.from ?? items[1]?.number ?? null;
  const comparing = from !== null && to !== null && from !== to;
  const before = useRevisionText(ws, n, comparing ? from : null);
  const after = useRevisionText(ws, n, comparing ? to : null);
  const [layout, setLayout] = useState<DiffLayout>('inline');
  const restore = useMutation({
    mutationFn: (number: number) => api(`${specPath(ws, n)}/revisions/${number}/restore`, { method: 'POST' }),
    onSuccess: async () => {
      setPicked({ from: null, to: null });
      await Promise.all([
        client.invalidateQueries({ queryKey: keys.revisions(ws, n) }),
        client.invalidateQueries({ queryKey: keys.spec(ws, n) }),
        client.invalidateQueries({ queryKey: keys.lint(ws, n) }),
        client.invalidateQueries({ queryKey: keys.specs(ws) }),
      ]);
    },
  });
  const current = spec.data?.revision;

  return (
    <section>
      <div className="row">
        <h1>History{spec.data !== undefined && `: ${spec.data.title}`}</h1>
        <span className="spacer" />
        <Link to={`/w/${ws}/specs/${n}`}>Back to spec</Link>
      </div>
      {revisions.isPending ? (
        <Loading />
      ) : revisions.error !== null ? (
        <ErrorNote error={revisions.error} />
      ) : (
        <table className="revisions">
          <caption className="visually-hidden">Revisions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Revision</th>
              <th scope="col">Author</th>
              <th scope="col">When</th>
              <th scope="col">Summary</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((revision) => (
              <tr key={revision.number}>
                <td>
                  <input
                    type="radio"
                    name="from"
                    aria-label={`Compare from revision ${revision.number}`}
                    checked={from === revision.number}
                    onChange={() => setPicked({ from: revision.number, to })}
                  />
                </td>
                <td>
                  <input
                    type="radio"
                    name="to"
                    aria-label={`Compare to revision ${revision.number}`}
                    checked={to === revision.number}
                    onChange={() => setPicked({ from, to: revision.number })}
                  />
                </td>
                <td>
                  {revision.number}
                  {revision.number === current && <span className="muted"> (current)</span>}
                </td>
                <td>{revision.author.name}</td>
                <td>
                  <TimeAgo iso={revision.createdAt} />
                </td>
                <td>{revision.summary}</td>
                <td>
                  {canWrite(workspace.data?.role) && revision.number !== current && (
                    <button type="button" onClick={() => restore.mutate(revision.number)} disabled={restore.isPending}>
                      Restore revision {revision.number}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {restore.error !== null && <ErrorNote error={restore.error} />}
      <h2>
        {from !== null && to !== null && from !== to ? `Changes from revision ${from} to ${to}` : 'Pick two revisions to compare'}
      </h2>
      {comparing && (
        <div className="row diff-layout" role="group" aria-label="Layout of the changes">
          {(['inline', 'side'] as const).map((value) => (
            <button key={value} type="button" aria-pressed={layout === value} onClick={() => setLayout(value)}>
              {value === 'inline' ? 'Inline' : 'Side by side'}
            </button>
          ))}
        </div>
      )}
      {comparing && (before.isPending || after.isPending) && <Loading />}
      {before.error !== null && <ErrorNote error={before.error} />}
      {after.error !== null && <ErrorNote error={after.error} />}
      {comparing && before.data !== undefined && after.data !== undefined && <DiffView before={before.data.markdown} after={after.data.markdown} layout={layout} from={from} to={to} />}
    </section>
  );
}
