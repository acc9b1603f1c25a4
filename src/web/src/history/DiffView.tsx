// The diff between two revisions, inline or side by side, with changed words marked inside changed
// lines (<del>/<ins>, and "removed:"/"added:" in words for screen readers).
import { Fragment, useMemo } from 'react';
import { diffRows, type DiffRow, type Segment } from './diff-rows';

export type DiffLayout = 'inline' | 'side';

function Words({ segments, tag }: { segments: Segment[]; tag: 'del' | 'ins' }) {
  const Mark = tag;
  return (
    <>
      {segments.map((segment, i) => (segment.changed ? <Mark key={i}>{segment.text}</Mark> : <Fragment key={i}>{segment.text}</Fragment>))}
    </>
  );
}

function Skipped({ count }: { count: number }) {
  return <div className="diff-row skipped">{count === 1 ? '1 unchanged line' : `${count} unchanged lines`}</div>;
}

function InlineRows({ rows }: { rows: DiffRow[] }) {
  return rows.map((row, i) => {
    switch (row.kind) {
      case 'skipped':
        return <Skipped key={i} count={row.count} />;
      case 'same':
        return (
          <div key={i} className="diff-row same">
            <span className="ln">{row.newLine}</span>
            <span className="code"> {row.text}</span>
          </div>
        );
      default:
        return (
          <Fragment key={i}>
            {(row.kind === 'changed' || row.kind === 'removed') && (
              <div className="diff-row del">
                <span className="ln">{row.oldLine}</span>
                <span className="code">
                  <span className="visually-hidden">removed: </span>-<Words segments={row.old} tag="del" />
                </span>
              </div>
            )}
            {(row.kind === 'changed' || row.kind === 'added') && (
              <div className="diff-row add">
                <span className="ln">{row.newLine}</span>
                <span className="code">
                  <span className="visually-hidden">added: </span>+<Words segments={row.new} tag="ins" />
                </span>
              </div>
            )}
          </Fragment>
        );
    }
  });
}

function Side({ line, segments, kind }: { line: number | null; segments: Segment[] | null; kind: 'del' | 'add' | 'same' | 'none' }) {
  return (
    <>
      <span className={`ln ${kind}`}>{line ?? ''}</span>
      <span className={`code ${kind}`}>
        {kind === 'del' && <span className="visually-hidden">removed: </span>}
        {kind === 'add' && <span className="visually-hidden">added: </span>}
        {segments !== null && <Words segments={segments} tag={kind === 'del' ? 'del' : 'ins'} />}
      </span>
    </>
  );
}

function SideRows({ rows }: { rows: DiffRow[] }) {
  return rows.map((row, i) => {
    if (row.kind === 'skipped') return <Skipped key={i} count={row.count} />;
    const same = row.kind === 'same' ? [{ text: row.text, changed: false }] : null;
    return (
      <div key={i} className="diff-row pair">
        {row.kind === 'same' ? (
          <>
            <Side line={row.oldLine} segments={same} kind="same" />
            <Side line={row.newLine} segments={same} kind="same" />
          </>
        ) : (
          <>
            <Side line={row.kind === 'added' ? null : row.oldLine} segments={row.kind === 'added' ? null : row.old} kind={row.kind === 'added' ? 'none' : 'del'} />
            <Side line={row.kind === 'removed' ? null : row.newLine} segments={row.kind === 'removed' ? null : row.new} kind={row.kind === 'removed' ? 'none' : 'add'} />
          </>
        )}
      </div>
    );
  });
}

/** The diff of `before` -> `after` (revision texts), laid out inline or side by side. */
export function DiffView({ before, after, layout, from, to }: { before: string; after: string; layout: DiffLayout; from: number; to: number }) {
  const rows = useMemo(() => diffRows(before, after), [before, after]);
  if (before === after) return <p className="muted">No differences.</p>;
  return layout === 'inline' ? (
    <div className="diff inline" role="region" aria-label="Diff" tabIndex={0}>
      <InlineRows rows={rows} />
    </div>
  ) : (
    <div className="diff side" role="region" aria-label="Side-by-side diff" tabIndex={0}>
      <div className="diff-row pair heading" aria-hidden="true">
        <span className="ln" />
        <span className="code">Revision {from}</span>
        <span className="ln" />
        <span className="code">Revision {to}</span>
      </div>
      <SideRows rows={rows} />
    </div>
  );
}
