// Spec page: rendered Markdown, outline with per-section completeness, metadata and actions.
import { useCallback, useEffect, useMemo, type MouseEvent } from 'react';
import { headingPaths, useLint, useSpec, useWorkspace } from '../api/queries';
import { canWrite, type LintResult, type SectionNode } from '../api/types';
import { Completeness, ErrorNote, Field, Loading, StatusBadge, TimeAgo } from '../components/Status';
import { useShortcut } from '../keyboard';
import { renderMarkdown, sectionAnchor } from '../markdown/render';
import { Link, navigate } from '../router';

export function SpecPage({ ws, n }: { ws: string; n: string }) {
  const spec = useSpec(ws, n);
  const lint = useLint(ws, n);
  const workspace = useWorkspace(ws);
  const writable = canWrite(workspace.data?.role);
  const html = useMemo(() => (spec.data === undefined ? '' : renderMarkdown(spec.data.markdown, { headingPaths: headingPaths(spec.data.sections), hideTitle: true })), [spec.data]);
  useShortcut(
    'e',
    useCallback(() => {
      if (writable) navigate(`/w/${ws}/specs/${n}/edit`);
    }, [writable, ws, n]),
  );
  // A link to a section (from search) scrolls there once the text is rendered.
  useEffect(() => {
    if (html === '' || window.location.hash === '') return;
    document.getElementById(decodeURIComponent(window.location.hash.slice(1)))?.scrollIntoView();
  }, [html]);

  if (spec.isPending) return <Loading />;
  if (spec.error !== null) return <ErrorNote error={spec.error} />;
  const data = spec.data;
  return (
    <div className="spec-layout">
      <div className="spec-head">
        <p className="muted key">{data.key}</p>
        <h1 className="spec-title">{data.title}</h1>
        <StatusBadge status={data.status} />
        <span className="spacer" />
        <nav aria-label="Spec actions" className="actions">
          {writable && (
            <Link to={`/w/${ws}/specs/${n}/edit`} className="button primary" aria-keyshortcuts="e">
              Edit
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
      <article className="markdown" aria-label="Spec text" dangerouslySetInnerHTML={{ __html: html }} />
      <aside className="meta" aria-label="Details">
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
          <Field label="Version">Revision {data.revision}</Field>
          <Field label="Template">
            {data.templateId} v{data.templateVersion}
          </Field>
          <Field label="Created">
            <TimeAgo iso={data.createdAt} />
          </Field>
          <Field label="Updated">
            <TimeAgo iso={data.updatedAt} />
          </Field>
          {data.labels.length > 0 && <Field label="Labels">{data.labels.join(', ')}</Field>}
        </dl>
      </aside>
    </div>
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
  target.scrollIntoView();
  window.history.replaceState(null, '', `#${encodeURIComponent(sectionAnchor(path))}`);
}
