// Spec page: rendered Markdown, outline with per-section completeness, metadata and actions.
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useLint, useMe, useReview, useSpec, useVersion, useVersions, useWorkspace } from '../api/queries';
import { canWrite, type LintResult, type SectionNode, type VersionInfo } from '../api/types';
import { Completeness, ErrorNote, Field, Loading, StatusBadge, TimeAgo, statusLabel } from '../components/Status';
import { LabelsPicker } from '../components/LabelsPicker';
import { PresenceList } from '../components/PresenceList';
import { CommentsPanel, selectionIn, type Selected } from './CommentsPanel';
import { Reviewers, ReviewPanel } from './ReviewPanel';
import { useShortcut } from '../keyboard';
import { scrollToElement } from '../markdown/anchor';
import { headingPaths, sectionAnchor } from '../../../core/render/anchors';
import type { UnsanitizedHtml } from '../markdown/render';
import { SpecText } from '../markdown/SpecText';
import { Link, navigate } from '../router';

type ClientRender = typeof import('../markdown/client-render');
let clientRender: ClientRender | null = null;

/** The browser's Markdown renderer, loaded on first need (markdown-it stays out of the page's first script). */
function loadClientRender(): Promise<ClientRender> {
  return import('../markdown/client-render').then((module) => (clientRender = module));
}

export function SpecPage({ ws, n }: { ws: string; n: string }) {
  const spec = useSpec(ws, n);
  const lint = useLint(ws, n);
  const workspace = useWorkspace(ws);
  const review = useReview(ws, n);
  const versions = useVersions(ws, n);
  const me = useMe();
  // null: the current version; a number: an older version, shown read-only.
  const [picked, setPicked] = useState<number | null>(null);
  const articleRef = useRef<HTMLElement>(null);
  // Text selected in the spec (offered for a comment) and the selection being commented on.
  const [pending, setPending] = useState<Selected | null>(null);
  const [selected, setSelected] = useState<Selected | null>(null);
  const noteSelection = () => setPending(articleRef.current === null ? null : selectionIn(articleRef.current));
  const current = review.data?.version.number ?? null;
  const older = picked !== null && picked !== current ? picked : null;
  const oldVersion = useVersion(ws, n, older);
  const locked = review.data?.locked === true;
  const writable = canWrite(workspace.data?.role);
  const editable = writable && !locked && older === null;
  // The current revision comes rendered by the server (the spec's `html`); an older version, or a
  // spec view without `html` (e.g. a conflict's copy), is rendered here with the lazily loaded renderer.
  const [renderer, setRenderer] = useState<ClientRender | null>(clientRender);
  const needsRenderer = older !== null || (spec.data !== undefined && spec.data.html === undefined);
  useEffect(() => {
    if (needsRenderer && renderer === null) void loadClientRender().then(setRenderer);
  }, [needsRenderer, renderer]);
  // Sanitized and put on the page by SpecText before it is painted. Memoized on the text itself, not
  // the spec object: a labels edit or a refetch makes a new object with the same text, and a new
  // `html` would have SpecText sanitize and replace the whole article and redraw its diagrams.
  const olderMarkdown = oldVersion.data?.markdown;
  const servedHtml = spec.data?.html;
  const currentMarkdown = spec.data?.markdown;
  const currentSections = spec.data?.sections;
  const html = useMemo((): UnsanitizedHtml | null => {
    if (older !== null) return olderMarkdown === undefined || renderer === null ? null : renderer.markdownHtml(olderMarkdown, { hideTitle: true, deferHighlight: true });
    if (currentMarkdown === undefined || (servedHtml === undefined && renderer === null)) return null;
    // bench/web.bench.ts measures from here to the first frame showing the text.
    performance.mark('spec-render-start');
    if (servedHtml !== undefined) return { unsanitized: servedHtml };
    return renderer?.markdownHtml(currentMarkdown, { headingPaths: headingPaths(currentSections ?? []), hideTitle: true, deferHighlight: true }) ?? null;
  }, [older, olderMarkdown, servedHtml, currentMarkdown, currentSections, renderer]);
  useShortcut(
    'e',
    useCallback(() => {
      if (editable) navigate(`/w/${ws}/specs/${n}/edit`);
    }, [editable, ws, n]),
  );
  if (spec.isPending) return <Loading />;
  if (spec.error !== null) return <ErrorNote error={spec.error} />;
  const data = spec.data;
  const shown: VersionInfo | undefined = older !== null ? oldVersion.data : review.data?.version;
  return (
    <div className="spec-layout">
      <div className="spec-head">
        <p className="muted key">{data.key}</p>
        <h1 className="spec-title">{data.title}</h1>
        <StatusBadge status={data.status} />
        <span className="spacer" />
        <nav aria-label="Spec actions" className="actions">
          {(versions.data?.items.length ?? 0) > 1 && (
            <label className="inline">
              Version
              <select value={picked ?? current ?? ''} onChange={(e) => setPicked(Number(e.target.value))}>
                {versions.data?.items.map((v) => (
                  <option key={v.number} value={v.number}>
                    v{v.number} {statusLabel(v.status).toLowerCase()}
                    {v.number === current ? ' (current)' : ''}
                  </option>
                ))}
              </select>
            </label>
          )}
          {editable && (
            <Link to={`/w/${ws}/specs/${n}/edit`} className="button primary" aria-keyshortcuts="e">
              Edit
            </Link>
          )}
          {editable && (
            <Link to={`/w/${ws}/specs/${n}/live`} className="button">
              Write together
            </Link>
          )}
          <Link to={`/w/${ws}/specs/${n}/history`} className="button">
            History
          </Link>
        </nav>
      </div>
      <aside className="outline" aria-label="Outline">
        <h2>Outline</h2>
        <Outline sections={data.sections} lint={lint.data} />
      </aside>
      <div className="spec-body">
        {shown !== undefined && shown.decidedAt !== null && <Decision version={shown} />}
        {older !== null && (
          <p className="note" role="note">
            You are reading version {older} ({statusLabel(oldVersion.data?.status ?? '')}), not the current one.
          </p>
        )}
        {older === null && pending !== null && (
          <p className="selection-bar">
            <button
              type="button"
              onClick={() => {
                setSelected(pending);
                setPending(null);
                const comments = document.getElementById('comments-title');
                if (comments !== null) scrollToElement(comments);
              }}
            >
              Comment on the selected text
            </button>
          </p>
        )}
        <SpecText html={html} ref={articleRef} onSelect={noteSelection} />
        {older === null && me.data !== undefined && (
          <CommentsPanel ws={ws} n={n} sections={data.sections} selected={selected} onClearSelected={() => setSelected(null)} meId={me.data.id} authorId={data.author.id} writable={writable} locked={locked} />
        )}
      </div>
      <aside className="meta" aria-label="Details">
        <PresenceList specKey={data.key} specId={data.id} meId={me.data?.id} />
        {older === null && review.data !== undefined && me.data !== undefined && <ReviewPanel ws={ws} n={n} review={review.data} lint={lint.data} meId={me.data.id} writable={writable} />}
        {older !== null && oldVersion.data !== undefined && (
          <section className="review" aria-label={`Review of version ${older}`}>
            <h2>Review of version {older}</h2>
            <Reviewers reviewers={oldVersion.data.reviewers} verdicts={oldVersion.data.verdicts} />
          </section>
        )}
        {review.error !== null && <ErrorNote error={review.error} />}
        <h2>Details</h2>
        <dl>
          <Field label="Status">
            <StatusBadge status={data.status} />
          </Field>
          <Field label="Completeness">
            <Completeness value={lint.data?.score ?? data.completeness} label="Spec completeness" />
          </Field>
          <Field label="Lint">
            {data.lint.errors} errors, {data.lint.warnings} warnings
          </Field>
          <Field label="Author">{data.author.name}</Field>
          <Field label="Version">
            {current !== null ? `v${current}, ` : ''}Revision {data.revision}
          </Field>
          <Field label="Template">
            {data.templateId} v{data.templateVersion}
          </Field>
          <Field label="Created">
            <TimeAgo iso={data.createdAt} />
          </Field>
          <Field label="Updated">
            <TimeAgo iso={data.updatedAt} />
          </Field>
          <Field label="Labels">
            <LabelsPicker ws={ws} n={n} labels={data.labels} editable={writable && older === null} />
          </Field>
        </dl>
      </aside>
    </div>
  );
}

/** The decision at the top of a decided version: who decided, when, and what they said. */
function Decision({ version }: { version: VersionInfo }) {
  return (
    <section className={`decision decision-${version.status.replace(/[^a-z_]/g, '')}`} aria-label="Decision">
      <p>
        <strong>
          Version {version.number} {statusLabel(version.status).toLowerCase()}
        </strong>{' '}
        {version.decidedAt !== null && <TimeAgo iso={version.decidedAt} />}
        {version.supersededBy !== null && <> · superseded by {version.supersededBy}</>}
      </p>
      {version.decisionSummary !== null && version.decisionSummary !== '' && <p className="decision-summary">{version.decisionSummary}</p>}
    </section>
  );
}

/** The section tree, each with its lint completeness. */
export function Outline({ sections, lint }: { sections: SectionNode[]; lint: LintResult | undefined }) {
  const scores = new Map(lint?.sections.map((s) => [s.path, s.score]));
  const list = (nodes: SectionNode[]) => (
    <ul>
      {nodes.map((node) => {
        const score = scores.get(node.path);
        return (
          <li key={node.path}>
            <a href={`#${encodeURIComponent(sectionAnchor(node.path))}`} onClick={(e) => jump(e, node.path)}>
              {node.title}
            </a>
            {score !== undefined && <Completeness value={score} label={`${node.title} completeness`} />}
            {node.children.length > 0 && list(node.children)}
          </li>
        );
      })}
    </ul>
  );
  return sections.length === 0 ? <p className="muted">No sections.</p> : list(sections);
}

function jump(event: MouseEvent, path: string): void {
  const target = document.getElementById(sectionAnchor(path));
  if (target === null) return;
  event.preventDefault();
  scrollToElement(target);
  window.history.replaceState(null, '', `#${encodeURIComponent(sectionAnchor(path))}`);
}
