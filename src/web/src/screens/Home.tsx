// Workspace home: the spec list (SpecList.tsx) or, with ?q=, search hits with highlighted snippets.
import { useSearch } from '../api/queries';
import type { SearchHit } from '../api/types';
import { sectionAnchor } from '../../../core/render/anchors';
import { ErrorNote, Loading, StatusBadge } from '../components/Status';
import { Link, useLocation } from '../router';
import { SpecList } from './SpecList';

export function Home({ ws }: { ws: string }) {
  const { search } = useLocation();
  const q = search.get('q') ?? '';
  return q.trim() === '' ? <SpecList ws={ws} /> : <SearchResults ws={ws} q={q} />;
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
