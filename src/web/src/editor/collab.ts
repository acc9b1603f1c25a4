// Co-editing (issue #7): the spec's live Yjs document over /api/v1/collab (Hocuspocus; document name =
// spec id, text in the Y.Text "markdown"), bound to CodeMirror by y-codemirror.next with remote
// cursors (awareness: name and colour). The Y.Doc keeps every local edit while offline; the provider
// reconnects by itself and the edits sync then.
import { HocuspocusProvider } from '@hocuspocus/provider';
import { EditorView } from '@codemirror/view';
import { markdown } from '@codemirror/lang-markdown';
import { lintGutter } from '@codemirror/lint';
import { basicSetup } from 'codemirror';
import { yCollab } from 'y-codemirror.next';
import * as Y from 'yjs';

/** The Y.Text the server keeps a spec's Markdown in (src/server/collab/names.ts). */
export const TEXT_NAME = 'markdown';

const COLOURS = ['#1f5fbf', '#b3261e', '#1d7a3e', '#a86400', '#6232b5', '#0b7285', '#c2255c'];

/** A stable colour per user id, so everyone sees the same colour for the same person. */
export function colourOf(id: string): string {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  return COLOURS[Math.abs(hash) % COLOURS.length] ?? '#1f5fbf';
}

export interface Session {
  provider: HocuspocusProvider;
  text: Y.Text;
  destroy(): void;
}

/** Connects to the live document of a spec (cookie authentication; the browser sends Origin). */
export function connect(specId: string, user: { id: string; name: string }, onStatus: (status: string) => void, onSynced: () => void): Session {
  const doc = new Y.Doc();
  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api/v1/collab`;
  // The session cookie authenticates the upgrade; the token only makes the provider send its auth message.
  const provider = new HocuspocusProvider({ url, name: specId, document: doc, token: 'session-cookie', onStatus: ({ status }) => onStatus(status), onSynced: () => onSynced() });
  provider.awareness?.setLocalStateField('user', { name: user.name, color: colourOf(user.id), colorLight: `${colourOf(user.id)}33` });
  return {
    provider,
    text: doc.getText(TEXT_NAME),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** A CodeMirror view (in a shadow root, for the CSP) bound to the shared text with remote cursors. */
export function createCollabEditor(host: HTMLElement, session: Session, onChange: (text: string) => void): EditorView {
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const parent = document.createElement('div');
  parent.style.height = '100%';
  shadow.replaceChildren(parent);
  return new EditorView({
    parent,
    root: shadow,
    doc: session.text.toJSON(),
    extensions: [
      EditorView.theme({
        '&': { height: '100%', fontSize: '14px', backgroundColor: '#fff' },
        '.cm-scroller': { fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace" },
      }),
      basicSetup,
      markdown(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': 'Spec Markdown (live)' }),
      lintGutter(),
      yCollab(session.text, session.provider.awareness),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onChange(update.state.doc.toString());
      }),
    ],
  });
}
