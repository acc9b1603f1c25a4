// Workspace home: the spec list (status filter) or, with ?q=, search hits with highlighted snippets.
import { useSearch, useSpecList } from '../api/queries';
import { STATUSES, type SearchHit } from '../api/types';
import { sectionAnchor } from '../markdown/render';
import { Completeness, ErrorNote, Loading, StatusBadge, statusLabel, TimeAgo } from '../components/Status';
import { Link, navigate, useLocation } from '../router';

export function Home({ ws }: { ws: string }) {
  const { search } = useLocation();
  const q = search.get('q') ?? '';
  return q.trim() === '' ? <SpecList ws={ws} status={search.get('status') ?? ''} /> : <SearchResults ws={ws} q={q} />;
}

function SpecList({ ws, status }: { ws: string; status: string }) {
  const specs = useSpecList(ws, status);
  return (
    <section aria-labelledby="specs-heading">
      <div className="row">
        <h1 id="specs-heading">Specs</h1>
        <span className="spacer" />
        <label className="inline">
          Status
          <select value={status} onChange={(e) => navigate(e.target.value === '' ? `/w/${ws}` : `/w/${ws}?status=${e.target.value}`)}>
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {specs.isPending ? (
        <Loading />
      ) : specs.error !== null ? (
        <ErrorNote error={specs.error} />
      ) : specs.data.items.length === 0 ? (
        <p className="muted">{status === '' ? 'No specs yet. Start one with “New spec”.' : 'No specs with this status.'}</p>
      ) : (
        <table className="spec-list">
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Author</th>
              <th scope="col">Completeness</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {specs.data.items.map((spec) => (
              <tr key={spec.id}>
                <td className="key" data-label="Number">
                  {spec.key}
                </td>
                <td className="title" data-label="Title">
                  <Link to={`/w/${ws}/specs/${spec.number}`}>{spec.title}</Link>
                </td>
                <td data-label="Status">
                  <StatusBadge status={spec.status} />
                </td>
                <td data-label="Author">{spec.author.name}</td>
                <td data-label="Completeness">
                  <Completeness value={spec.completeness} label={`${spec.key} completeness`} />
                </td>
                <td data-label="Updated">
                  <TimeAgo iso={spec.updatedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function SearchResults({ ws, q }: { ws: string; q: string }) {
  const hits = useSearch(ws, q);
  return (
    <section aria-labelledby="search-heading">
      <div className="row">
        <h1 id="search-heading">Search: {q}</h1>
        <span className="spacer" />
        <Link to={`/w/${ws}`}>All specs</Link>
      </div>
      {hits.isPending ? (
        <Loading />
      ) : hits.error !== null ? (
        <ErrorNote error={hits.error} />
      ) : hits.data.items.length === 0 ? (
        <p className="muted">No section matches.</p>
      ) : (
        <ol className="hits">
          {hits.data.items.map((hit) => (
            <li key={`${hit.specId}/${hit.sectionPath}`}>
              <Link to={hitLink(ws, hit)} className="hit-title">
                {hit.key} {hit.title}
                {hit.sectionPath !== '' && <span className="muted"> › {hit.sectionTitle}</span>}
              </Link>{' '}
              <StatusBadge status={hit.status} />
              <p className="snippet">
                {hit.snippet.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function hitLink(ws: string, hit: SearchHit): string {
  const number = hit.key.slice(hit.key.lastIndexOf('-') + 1);
  const base = `/w/${ws}/specs/${number}`;
  return hit.sectionPath === '' ? base : `${base}#${encodeURIComponent(sectionAnchor(hit.sectionPath))}`;
}
