// The co-editing editor (loaded on demand): everyone on /w/:ws/specs/:n/live edits the same text;
// the server saves it (debounced) and makes revisions at checkpoints, so there is no Save button.
import type { EditorView } from '@codemirror/view';
import { useEffect, useRef, useState } from 'react';
import { useMe, useSpec } from '../api/queries';
import { ErrorNote, Loading } from '../components/Status';
import { renderMarkdown } from '../markdown/render';
import { Link } from '../router';
import { connect, createCollabEditor } from './collab';

export default function LiveEditorScreen({ ws, n }: { ws: string; n: string }) {
  const spec = useSpec(ws, n);
  const me = useMe();
  if (spec.isPending || me.isPending) return <Loading />;
  if (spec.error !== null) return <ErrorNote error={spec.error} />;
  if (me.error !== null) return <ErrorNote error={me.error} />;
  return <LiveEditor ws={ws} n={n} specId={spec.data.id} title={spec.data.title} user={{ id: me.data.id, name: me.data.name }} />;
}

function LiveEditor({ ws, n, specId, title, user }: { ws: string; n: string; specId: string; title: string; user: { id: string; name: string } }) {
  const host = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState('connecting');
  const [synced, setSynced] = useState(false);
  const [text, setText] = useState('');
  const [preview, setPreview] = useState('');

  useEffect(() => {
    const session = connect(specId, user, setStatus, () => setSynced(true));
    let view: EditorView | null = null;
    // The editor is created once the server's text has arrived, so it starts from the shared text.
    const start = () => {
      if (view !== null || host.current === null) return;
      view = createCollabEditor(host.current, session, setText);
      setText(session.text.toJSON());
    };
    session.provider.on('synced', start);
    if (session.provider.isSynced) start();
    return () => {
      session.provider.off('synced', start);
      view?.destroy();
      session.destroy();
    };
  }, [specId, user.id, user.name]);

  useEffect(() => {
    const timer = window.setTimeout(() => setPreview(renderMarkdown(text)), 300);
    return () => window.clearTimeout(timer);
  }, [text]);

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
