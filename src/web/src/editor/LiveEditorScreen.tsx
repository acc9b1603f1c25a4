// The co-editing editor (loaded on demand): everyone on /w/:ws/specs/:n/live edits the same text;
// the server saves it (debounced) and makes revisions at checkpoints, so there is no Save button.
import type { EditorView } from '@codemirror/view';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/client';
import { useMe, useSpec } from '../api/queries';
import { Completeness, ErrorNote, Loading } from '../components/Status';
import { renderMarkdown } from '../markdown/client-render';
import { Link } from '../router';
import { showFindings } from './codemirror';
import { connect, createCollabEditor } from './collab';
import { lintText, templateOf } from './live-lint';

export default function LiveEditorScreen({ ws, n }: { ws: string; n: string }) {
  const spec = useSpec(ws, n);
  const me = useMe();
  if (spec.isPending || me.isPending) return <Loading />;
  if (spec.error !== null) return <ErrorNote error={spec.error} />;
  if (me.error !== null) return <ErrorNote error={me.error} />;
  return <LiveEditor ws={ws} n={n} specId={spec.data.id} title={spec.data.title} templateId={spec.data.templateId} user={{ id: me.data.id, name: me.data.name }} />;
}

interface TemplateDetail {
  id: string;
  name: string;
  version: number;
  source: string;
}

function LiveEditor({ ws, n, specId, title, templateId, user }: { ws: string; n: string; specId: string; title: string; templateId: string; user: { id: string; name: string } }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const detail = useQuery({
    queryKey: ['template', ws, templateId],
    queryFn: () => api<TemplateDetail>(`/workspaces/${encodeURIComponent(ws)}/templates/${encodeURIComponent(templateId)}`),
    staleTime: Infinity,
  });
  const template = useMemo(() => (detail.data === undefined ? null : templateOf(detail.data.id, detail.data.name, detail.data.source, detail.data.version)), [detail.data]);
  const [live, setLive] = useState<{ score: number; errors: number; warnings: number } | null>(null);
  const [status, setStatus] = useState('connecting');
  const [synced, setSynced] = useState(false);
  const [text, setText] = useState('');
  const [preview, setPreview] = useState('');

  useEffect(() => {
    const session = connect(specId, user, setStatus, () => setSynced(true));
    // The editor is created once the server's text has arrived, so it starts from the shared text.
    const start = () => {
      if (view.current !== null || host.current === null) return;
      view.current = createCollabEditor(host.current, session, setText);
      setText(session.text.toJSON());
    };
    session.provider.on('synced', start);
    if (session.provider.isSynced) start();
    return () => {
      session.provider.off('synced', start);
      view.current?.destroy();
      view.current = null;
      session.destroy();
    };
  }, [specId, user.id, user.name]);

  // Preview and lint follow the text, a little behind typing (everyone's typing: the text is shared).
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setPreview(renderMarkdown(text));
      if (template === null || view.current === null) return;
      const result = lintText(text, template);
      showFindings(view.current, [...result.findings]);
      const errors = result.findings.filter((f) => f.severity === 'error').length;
      setLive({ score: result.score, errors, warnings: result.findings.filter((f) => f.severity === 'warning').length });
    }, 300);
    return () => window.clearTimeout(timer);
  }, [text, template]);

  return (
    <section className="editor-screen" aria-label="Live editor">
      <div className="row">
        <h1 className="editor-title">Co-editing: {title}</h1>
        <span className="spacer" />
        <span role="status" className="muted">
          {status === 'connected' ? (synced ? 'Live: changes are shared as you type' : 'Connecting…') : 'Offline: your changes are kept and sent when the connection is back'}
        </span>
        <Link to={`/w/${ws}/specs/${n}`}>Back to spec</Link>
      </div>
      {live !== null && (
        <p className="row">
          <Completeness value={live.score} label="Completeness of the live text" />
          <span className="muted">
            {live.errors} errors, {live.warnings} warnings
          </span>
        </p>
      )}
      <div className="editor-panes">
        <div className="pane">
          <h2 className="pane-title">Markdown</h2>
          <div ref={host} className="cm-host" />
        </div>
        <div className="pane">
          <h2 className="pane-title">Preview</h2>
          <div className="markdown preview" aria-label="Preview" dangerouslySetInnerHTML={{ __html: preview }} />
        </div>
      </div>
    </section>
  );
}
