// The CodeMirror 6 setup of the spec editor: Markdown, line wrapping, the lint gutter fed with the
// server's findings (the server is the one lint authority; no client-side rules).
import { markdown } from '@codemirror/lang-markdown';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import { basicSetup, EditorView } from 'codemirror';
import type { LintFinding } from '../api/types';

/**
 * A new editor in `host` holding `doc`; `onChange` gets the text after every change. It lives in a
 * shadow root: CodeMirror then styles itself with a constructed stylesheet (adoptedStyleSheets),
 * which the app's CSP (`style-src 'self'`, no inline `<style>`) allows.
 */
export function createEditor(host: HTMLElement, doc: string, onChange: (text: string) => void): EditorView {
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const parent = document.createElement('div');
  parent.style.height = '100%';
  shadow.replaceChildren(parent);
  return new EditorView({
    parent,
    root: shadow,
    doc,
    extensions: [
      EditorView.theme({
        '&': { height: '100%', fontSize: '14px', backgroundColor: '#fff' },
        '.cm-scroller': { fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace" },
      }),
      basicSetup,
      markdown(),
      lintGutter(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': 'Spec Markdown' }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onChange(update.state.doc.toString());
      }),
    ],
  });
}

function position(doc: Text, line: number, column: number): number {
  const target = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return Math.min(target.from + Math.max(column - 1, 0), target.to);
}

/** Shows the server's lint findings (1-based line/column) as diagnostics in the gutter. */
export function showFindings(view: EditorView, findings: LintFinding[]): void {
  const doc = view.state.doc;
  const diagnostics: Diagnostic[] = findings.map((finding) => {
    const from = position(doc, finding.line, finding.column);
    const to = Math.max(from, position(doc, finding.endLine, finding.endColumn));
    return {
      from,
      to,
      severity: finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'info',
      message: finding.message,
      source: finding.ruleId,
    };
  });
  view.dispatch(setDiagnostics(view.state, diagnostics));
}

/** Replaces the whole text (e.g. with the server's version after a conflict). */
export function replaceText(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}
