// Workspace home: the spec list with filters (status, author, reviewer, label, waiting for my
// review) and sorting, all kept in the URL's query string so a filtered list can be linked.
import { useState, type FormEvent } from 'react';
import { useMe, useMembers } from '../api/queries';
import { STATUSES } from '../api/types';
import { SORTS, useFilteredSpecs, type ListFilters, type SpecListRow } from '../api/workspace-queries';
import { Completeness, ErrorNote, Loading, StatusBadge, statusLabel, TimeAgo } from '../components/Status';
import { Link, navigate, useLocation } from '../router';

const FILTER_KEYS = ['status', 'author', 'reviewer', 'label', 'waiting', 'sort'] as const;

export function SpecList({ ws }: { ws: string }) {
  const { search } = useLocation();
  const me = useMe();
  const members = useMembers(ws);
  const param = (name: string) => search.get(name) ?? '';
  const filters: ListFilters = {
    status: param('status'),
    author: param('author'),
    reviewer: param('reviewer'),
    label: param('label'),
    sort: param('sort'),
    awaitingReview: param('waiting') === '1' ? me.data?.id : undefined,
  };
  const specs = useFilteredSpecs(ws, filters);
  const filtered = FILTER_KEYS.some((k) => k !== 'sort' && param(k) !== '');

  /** The list URL with one parameter changed (empty removes it). */
  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const v = key === name ? value : param(key);
      if (v !== '') next.set(key, v);
    }
    const text = next.toString();
    navigate(text === '' ? `/w/${ws}` : `/w/${ws}?${text}`, { replace: true });
  };
  const people = members.data?.items ?? [];
  const rows = specs.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section aria-labelledby="specs-heading">
      <div className="row">
        <h1 id="specs-heading">Specs</h1>
        <span className="spacer" />
        <label className="inline">
          Sort
          <select aria-label="Sort" value={param('sort')} onChange={(e) => setParam('sort', e.target.value === '-updated' ? '' : e.target.value)}>
            {SORTS.map(([value, label]) => (
              <option key={value} value={value === '-updated' ? '' : value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="filters" role="group" aria-label="Filters">
        <label className="inline">
          Status
          <select aria-label="Status" value={param('status')} onChange={(e) => setParam('status', e.target.value)}>
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <PersonFilter label="Author" value={param('author')} people={people} onChange={(v) => setParam('author', v)} />
        <PersonFilter label="Reviewer" value={param('reviewer')} people={people} onChange={(v) => setParam('reviewer', v)} />
        <LabelFilter key={param('label')} value={param('label')} onApply={(v) => setParam('label', v)} />
        <label className="inline">
          <input type="checkbox" checked={param('waiting') === '1'} onChange={(e) => setParam('waiting', e.target.checked ? '1' : '')} />
          Waiting for my review
        </label>
        {filtered && (
          <button type="button" onClick={() => navigate(param('sort') === '' ? `/w/${ws}` : `/w/${ws}?sort=${param('sort')}`, { replace: true })}>
            Clear filters
          </button>
        )}
      </div>
      {specs.isPending ? (
        <Loading />
      ) : specs.error !== null ? (
        <ErrorNote error={specs.error} />
      ) : rows.length === 0 ? (
        <p className="muted">{filtered ? 'No specs match these filters.' : 'No specs yet. Start one with “New spec”.'}</p>
      ) : (
        <>
          <SpecTable ws={ws} rows={rows} />
          {specs.hasNextPage && (
            <button type="button" disabled={specs.isFetchingNextPage} onClick={() => void specs.fetchNextPage()}>
              Load more
            </button>
          )}
        </>
      )}
    </section>
  );
}

/** A label filter applied on Enter or when the field loses focus. */
function LabelFilter({ value, onApply }: { value: string; onApply: (value: string) => void }) {
  const [text, setText] = useState(value);
  const apply = (event?: FormEvent) => {
    event?.preventDefault();
    if (text.trim() !== value) onApply(text.trim());
  };
  return (
    <form className="inline" onSubmit={apply}>
      <label className="inline">
        Label
        <input type="text" size={12} value={text} onChange={(e) => setText(e.target.value)} onBlur={() => apply()} />
      </label>
    </form>
  );
}

function SpecTable({ ws, rows }: { ws: string; rows: SpecListRow[] }) {
  return (
    <table className="spec-list">
      <thead>
        <tr>
          <th scope="col">Number</th>
          <th scope="col">Title</th>
          <th scope="col">Status</th>
          <th scope="col">Author</th>
          <th scope="col">Reviewers</th>
          <th scope="col">Completeness</th>
          <th scope="col">Updated</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((spec) => (
          <tr key={spec.id}>
            <td className="key" data-label="Number">
              {spec.key}
            </td>
            <td className="title" data-label="Title">
              <Link to={`/w/${ws}/specs/${spec.number}`}>{spec.title}</Link>
              {spec.labels.length > 0 && (
                <span className="labels">
                  {spec.labels.map((l) => (
                    <span key={l} className="label">
                      {l}
                    </span>
                  ))}
                </span>
              )}
            </td>
            <td data-label="Status">
              <StatusBadge status={spec.status} /> {spec.overdue && <span className="badge badge-rejected">Overdue</span>}
            </td>
            <td data-label="Author">{spec.author.name}</td>
            <td data-label="Reviewers">{spec.reviewers === undefined || spec.reviewers.length === 0 ? <span className="muted">None</span> : spec.reviewers.map((r) => r.user.name).join(', ')}</td>
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
  );
}

/** A workspace member picker for one list filter ("Anyone" clears it). */
function PersonFilter({ label, value, people, onChange }: { label: string; value: string; people: readonly { userId: string; name: string }[]; onChange: (userId: string) => void }) {
  return (
    <label className="inline">
      {label}
      {/* Named by aria-label: a wrapping label alone would make every option part of the name. */}
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Anyone</option>
        {people.map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.name}
          </option>
        ))}
      </select>
    </label>
  );
}
