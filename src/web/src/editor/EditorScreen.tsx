// The spec editor (loaded on demand): CodeMirror with the server's lint in the gutter, a live
// preview, and saving with If-Match. A 412 shows both versions side by side; nothing is dropped.
import type { EditorView } from '@codemirror/view';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api/client';
import { keys, specPath, useLint, useReview, useSpec } from '../api/queries';
import type { Spec, SpecWritten } from '../api/types';
import { Completeness, ErrorNote, Loading } from '../components/Status';
import { renderMarkdown } from '../markdown/client-render';
import { Link } from '../router';
import { createEditor, replaceText, showFindings } from './codemirror';
import { clearDraft, loadDraft, saveDraft } from './drafts';

interface Base {
  etag: string;
  revision: number;
  text: string;
}

interface Conflict {
  mine: string;
  theirs: Spec;
}

export default function EditorScreen({ ws, n }: { ws: string; n: string }) {
  const spec = useSpec(ws, n);
  const review = useReview(ws, n);
  if (spec.isPending || review.isPending) return <Loading />;
  if (spec.error !== null) return <ErrorNote error={spec.error} />;
  // An approved (or superseded) version is locked: the server would refuse every save (423).
  if (review.data?.locked === true) {
    return (
      <section className="narrow">
        <h1>{spec.data.key} is locked</h1>
        <p role="alert">
          Version {review.data.version.number} is {review.data.version.status}: its text can no longer change. Revise it on the spec page to start the next version.
        </p>
        <Link to={`/w/${ws}/specs/${n}`}>Back to the spec</Link>
      </section>
    );
  }
  return <Editor ws={ws} n={n} initial={spec.data} />;
}

function Editor({ ws, n, initial }: { ws: string; n: string; initial: Spec }) {
  const client = useQueryClient();
  const lint = useLint(ws, n);
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const draft = useRef(loadDraft(ws, n));
  const restored = draft.current !== null && draft.current.text !== initial.markdown;
  const [base, setBase] = useState<Base>(() =>
    restored && draft.current !== null
      ? { etag: draft.current.etag, revision: draft.current.revision, text: initial.markdown }
      : { etag: initial.etag, revision: initial.revision, text: initial.markdown },
  );
  const [text, setText] = useState(restored && draft.current !== null ? draft.current.text : initial.markdown);
  const [preview, setPreview] = useState(() => renderMarkdown(text));
  const [summary, setSummary] = useState('');
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<string | null>(restored ? 'Your unsaved changes from last time were restored.' : null);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const dirty = text !== base.text;

  useEffect(() => {
    if (host.current === null) return;
    const editor = createEditor(host.current, text, setText);
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Created once: the editor owns its text afterwards; `text` only seeds it.
  }, []);

  // Preview and draft follow the text, a little behind typing.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setPreview(renderMarkdown(text));
      if (text !== base.text) saveDraft(ws, n, { text, etag: base.etag, revision: base.revision });
    }, 150);
    return () => window.clearTimeout(timer);
  }, [text, base, ws, n]);

  // The server's findings are for the saved revision: shown once they match it.
  useEffect(() => {
    if (view.current !== null && lint.data !== undefined && lint.data.revision === base.revision) showFindings(view.current, lint.data.findings);
  }, [lint.data, base.revision]);

  const afterSave = useCallback(
    async (saved: SpecWritten, sent: string) => {
      // The answer carries the text only when the server stored something else than was sent.
      const stored = saved.markdown ?? sent;
      setBase({ etag: saved.etag, revision: saved.revision, text: stored });
      if (stored !== sent && view.current !== null) replaceText(view.current, stored);
      clearDraft(ws, n);
      await Promise.all([
        client.invalidateQueries({ queryKey: keys.spec(ws, n) }),
        client.invalidateQueries({ queryKey: keys.lint(ws, n) }),
        client.invalidateQueries({ queryKey: keys.revisions(ws, n) }),
        client.invalidateQueries({ queryKey: keys.specs(ws) }),
      ]);
    },
    [client, ws, n],
  );

  const save = useCallback(
    async (etag: string, markdown: string) => {
      setSaving(true);
      setError(null);
      try {
        const body = summary.trim() === '' ? { markdown } : { markdown, summary: summary.trim() };
        const saved = await api<SpecWritten>(`${specPath(ws, n)}/content`, { method: 'PUT', body, headers: { 'if-match': etag } });
        await afterSave(saved, markdown);
        setConflict(null);
        setSummary('');
        setMessage(saved.revision === base.revision ? 'No changes to save.' : `Saved revision ${saved.revision}.`);
      } catch (caught) {
        if (caught instanceof ApiError && caught.status === 412) {
          const theirs = await api<Spec>(specPath(ws, n));
          setConflict({ mine: markdown, theirs });
          setMessage(null);
        } else setError(caught);
      } finally {
        setSaving(false);
      }
    },
    [afterSave, summary, ws, n, base.revision],
  );

  const saveNow = useCallback(() => {
    if (!saving && conflict === null) void save(base.etag, view.current?.state.doc.toString() ?? text);
  }, [saving, conflict, save, base.etag, text]);

  // Ctrl/Cmd+S anywhere on the page (the browser's "save page" is never what is meant here).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        saveNow();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [saveNow]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const keepMine = () => {
    if (conflict !== null) void save(conflict.theirs.etag, conflict.mine);
  };
  const takeTheirs = () => {
    if (conflict === null || view.current === null) return;
    // Their text becomes the base; mine stays in the panel (and in the draft) until dismissed.
    setBase({ etag: conflict.theirs.etag, revision: conflict.theirs.revision, text: conflict.theirs.markdown });
    replaceText(view.current, conflict.theirs.markdown);
    client.setQueryData(keys.spec(ws, n), conflict.theirs);
    void client.invalidateQueries({ queryKey: keys.lint(ws, n) });
    setMessage('Loaded the saved version. Your text is still shown below until you close it.');
  };

  return (
    <section className="editor-screen" aria-label="Editor">
      <div className="row editor-bar">
        <h1 className="editor-title">
          Editing {initial.key}: {initial.title}
        </h1>
        <span className="spacer" />
        {lint.data !== undefined && <Completeness value={lint.data.score} label="Completeness of the saved revision" />}
        <label className="inline summary">
          <span className="visually-hidden">Change summary</span>
          <input placeholder="What changed (optional)" maxLength={1000} value={summary} onChange={(e) => setSummary(e.target.value)} />
        </label>
        <button type="button" className="primary" onClick={saveNow} disabled={saving || conflict !== null} aria-keyshortcuts="Control+S Meta+S">
          {saving ? 'Saving…' : 'Save'}
        </button>
        <Link to={`/w/${ws}/specs/${n}`} className="button">
          Done
        </Link>
      </div>
      <p className="status-line" role="status" aria-live="polite">
        {message ?? (dirty ? `Unsaved changes (based on revision ${base.revision}).` : `Revision ${base.revision}, saved.`)}
        {lint.data !== undefined && lint.data.revision === base.revision && ` Lint: ${lint.data.errors} errors, ${lint.data.warnings} warnings.`}
      </p>
      {error !== null && <ErrorNote error={error} />}
      {conflict !== null && <ConflictPanel conflict={conflict} onKeepMine={keepMine} onTakeTheirs={takeTheirs} onClose={() => {
            setConflict(null);
            if (!dirty) clearDraft(ws, n);
          }} saving={saving} loadedTheirs={base.etag === conflict.theirs.etag && text === conflict.theirs.markdown} />}
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

function ConflictPanel(props: { conflict: Conflict; saving: boolean; loadedTheirs: boolean; onKeepMine: () => void; onTakeTheirs: () => void; onClose: () => void }) {
  const { conflict } = props;
  return (
    <div className="conflict" role="alert" aria-label="Conflict">
      <h2>Someone else saved this spec while you were editing</h2>
      <p>
        Revision {conflict.theirs.revision} by {conflict.theirs.author.name} is newer than the one you started from. Both versions are below;
        nothing has been lost.
      </p>
      <div className="conflict-panes">
        <label>
          Your version (not saved)
          <textarea readOnly value={conflict.mine} rows={12} />
        </label>
        <label>
          Saved version (revision {conflict.theirs.revision})
          <textarea readOnly value={conflict.theirs.markdown} rows={12} />
        </label>
      </div>
      <div className="row">
        {!props.loadedTheirs && (
          <>
            <button type="button" className="primary" onClick={props.onKeepMine} disabled={props.saving}>
              Save my version over theirs
            </button>
            <button type="button" onClick={props.onTakeTheirs}>
              Load their version into the editor
            </button>
          </>
        )}
        {props.loadedTheirs && (
          <button type="button" onClick={props.onClose}>
            Close (I have copied what I need)
          </button>
        )}
      </div>
    </div>
  );
}
