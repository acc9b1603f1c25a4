// Comment threads of a spec: on a section or on selected text, replies, resolve/reopen, the
// blocking flag, the outdated marker, and suggestions (accept / dismiss). Controls the user may
// not use are not shown (rules: docs/comments.md).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { keys, specPath, useThreads } from '../api/queries';
import type { SectionNode, Thread } from '../api/types';
import { ErrorNote, Loading, TimeAgo } from '../components/Status';

/** Text selected in the rendered spec, with the section it is in. */
export interface Selected {
  quote: string;
  sectionPath: string;
}

/** The selection inside `article`, if any, and the section (nearest heading above it) it is in. */
export function selectionIn(article: HTMLElement): Selected | null {
  const selection = window.getSelection();
  if (selection === null || selection.isCollapsed || selection.rangeCount === 0) return null;
  const quote = selection.toString().trim();
  const start = selection.getRangeAt(0).startContainer;
  if (quote === '' || quote.includes('\n') || !article.contains(start)) return null;
  let block: Element | null = start instanceof Element ? start : start.parentElement;
  while (block !== null && block.parentElement !== article) block = block.parentElement;
  for (let el: Element | null = block; el !== null; el = el.previousElementSibling) {
    if (/^H[1-6]$/.test(el.tagName) && el.id.startsWith('sec-')) return { quote, sectionPath: el.id.slice(4) };
  }
  return null;
}

function flatten(nodes: SectionNode[], out: SectionNode[] = []): SectionNode[] {
  for (const node of nodes) {
    out.push(node);
    flatten(node.children, out);
  }
  return out;
}

interface Props {
  ws: string;
  n: string;
  sections: SectionNode[];
  selected: Selected | null;
  onClearSelected: () => void;
  meId: string;
  authorId: string;
  writable: boolean;
  locked: boolean;
}

export function CommentsPanel({ ws, n, sections, selected, onClearSelected, meId, authorId, writable, locked }: Props) {
  const threads = useThreads(ws, n);
  const titles = new Map(flatten(sections).map((s) => [s.path, s.title]));
  const items = threads.data?.items ?? [];
  const open = items.filter((t) => !t.resolved).length;
  return (
    <section className="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">
        Comments <span className="muted">({open} open)</span>
      </h2>
      <NewThread ws={ws} n={n} sections={sections} selected={selected} onDone={onClearSelected} />
      {threads.isPending && <Loading />}
      {threads.error !== null && <ErrorNote error={threads.error} />}
      <ol className="threads">
        {items.map((t) => (
          <ThreadItem key={t.id} ws={ws} n={n} thread={t} sectionTitle={titles.get(t.anchor.current?.sectionPath ?? t.anchor.sectionPath) ?? t.anchor.sectionPath} meId={meId} authorId={authorId} writable={writable} locked={locked} />
        ))}
      </ol>
    </section>
  );
}

function useRefresh(ws: string, n: string) {
  const client = useQueryClient();
  return async (contentChanged = false) => {
    const work = [client.invalidateQueries({ queryKey: keys.threads(ws, n) }), client.invalidateQueries({ queryKey: keys.review(ws, n) })];
    if (contentChanged) {
      work.push(client.invalidateQueries({ queryKey: keys.spec(ws, n) }), client.invalidateQueries({ queryKey: keys.lint(ws, n) }), client.invalidateQueries({ queryKey: keys.revisions(ws, n) }));
    }
    await Promise.all(work);
  };
}

function NewThread({ ws, n, sections, selected, onDone }: { ws: string; n: string; sections: SectionNode[]; selected: Selected | null; onDone: () => void }) {
  const id = useId();
  const refresh = useRefresh(ws, n);
  const all = flatten(sections);
  const [section, setSection] = useState('');
  const [body, setBody] = useState('');
  const [blocking, setBlocking] = useState(false);
  const [suggest, setSuggest] = useState(false);
  const [suggestion, setSuggestion] = useState('');
  const sectionPath = selected?.sectionPath ?? (section === '' ? (all[0]?.path ?? '') : section);
  const create = useMutation({
    mutationFn: () =>
      api<Thread>(`${specPath(ws, n)}/threads`, {
        method: 'POST',
        body: { sectionPath, body, blocking, ...(selected !== null ? { quote: selected.quote } : {}), ...(selected !== null && suggest ? { suggestion } : {}) },
      }),
    onSuccess: async () => {
      setBody('');
      setBlocking(false);
      setSuggest(false);
      setSuggestion('');
      onDone();
      await refresh();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  if (all.length === 0) return null;
  return (
    <form className="stack thread-form" aria-label="New comment" onSubmit={submit}>
      {selected !== null ? (
        <p className="quote-line">
          On the selected text <q>{selected.quote}</q>{' '}
          <button type="button" onClick={onDone}>
            Comment on a section instead
          </button>
        </p>
      ) : (
        <label>
          Section
          <select value={sectionPath} onChange={(e) => setSection(e.target.value)}>
            {all.map((s) => (
              <option key={s.path} value={s.path}>
                {'\u00a0'.repeat((s.level - 1) * 2)}
                {s.title}
              </option>
            ))}
          </select>
        </label>
      )}
      <label htmlFor={`${id}-body`}>Comment</label>
      <textarea id={`${id}-body`} rows={2} required value={body} onChange={(e) => setBody(e.target.value)} />
      <label className="inline">
        <input type="checkbox" checked={blocking} onChange={(e) => setBlocking(e.target.checked)} />
        Blocking (approval waits until resolved)
      </label>
      {selected !== null && (
        <label className="inline">
          <input type="checkbox" checked={suggest} onChange={(e) => setSuggest(e.target.checked)} />
          Suggest a replacement
        </label>
      )}
      {selected !== null && suggest && (
        <label>
          Replacement text
          <textarea rows={2} value={suggestion} onChange={(e) => setSuggestion(e.target.value)} />
        </label>
      )}
      {create.error !== null && <ErrorNote error={create.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending || body.trim() === ''}>
          Add comment
        </button>
      </div>
    </form>
  );
}

interface ThreadProps {
  ws: string;
  n: string;
  thread: Thread;
  sectionTitle: string;
  meId: string;
  authorId: string;
  writable: boolean;
  locked: boolean;
}

function ThreadItem({ ws, n, thread, sectionTitle, meId, authorId, writable, locked }: ThreadProps) {
  const refresh = useRefresh(ws, n);
  const [reply, setReply] = useState('');
  const base = `${specPath(ws, n)}/threads/${thread.id}`;
  const act = useMutation({
    mutationFn: ({ path, method = 'POST', body }: { path: string; method?: 'POST' | 'PATCH'; body?: unknown }) => api(`${base}${path}`, { method, body }),
    onSuccess: async (_data, vars) => {
      if (vars.path === '/comments') setReply('');
      await refresh(vars.path === '/accept');
    },
  });
  const mine = thread.author.id === meId;
  const mayResolve = mine || meId === authorId || writable;
  const mayFlag = mine || writable;
  const openSuggestion = thread.suggestion !== null && thread.suggestion.state === 'open';
  const label = `Thread on ${sectionTitle}${thread.anchor.quote !== null ? `: ${thread.anchor.quote}` : ''}`;
  return (
    <li className={`thread${thread.resolved ? ' resolved' : ''}`}>
      <article aria-label={label}>
        <p className="thread-head">
          <strong>{sectionTitle}</strong>
          {thread.blocking && <span className="badge badge-rejected">Blocking</span>}
          {thread.outdated && (
            <span className="badge" title="The text this thread is about has changed">
              Outdated
            </span>
          )}
          {thread.resolved && <span className="badge badge-approved">Resolved</span>}
          {thread.kind === 'suggestion' && <span className="badge badge-in_review">Suggestion {thread.suggestion?.state}</span>}
        </p>
        {thread.anchor.quote !== null && <blockquote className="thread-quote">{thread.anchor.quote}</blockquote>}
        {thread.suggestion !== null && (
          <p className="suggestion">
            Replace with: <ins>{thread.suggestion.text === '' ? '(delete)' : thread.suggestion.text}</ins>
          </p>
        )}
        <ul className="thread-comments">
          {thread.comments.map((c) => (
            <li key={c.id}>
              <strong>{c.author.name}</strong> <TimeAgo iso={c.createdAt} />
              {c.editedAt !== null && <span className="muted"> (edited)</span>}
              <p>{c.deletedAt !== null ? <em className="muted">deleted</em> : c.body}</p>
            </li>
          ))}
        </ul>
        <form
          className="row reply"
          onSubmit={(e) => {
            e.preventDefault();
            act.mutate({ path: '/comments', body: { body: reply } });
          }}
        >
          <input aria-label={`Reply to ${label}`} placeholder="Reply…" value={reply} onChange={(e) => setReply(e.target.value)} />
          <button type="submit" disabled={act.isPending || reply.trim() === ''}>
            Reply
          </button>
        </form>
        <div className="actions wrap">
          {mayResolve && (
            <button type="button" disabled={act.isPending} onClick={() => act.mutate({ path: thread.resolved ? '/reopen' : '/resolve' })}>
              {thread.resolved ? 'Reopen' : 'Resolve'}
            </button>
          )}
          {mayFlag && !thread.resolved && (
            <button type="button" disabled={act.isPending} onClick={() => act.mutate({ path: '', method: 'PATCH', body: { blocking: !thread.blocking } })}>
              {thread.blocking ? 'Not blocking' : 'Mark blocking'}
            </button>
          )}
          {openSuggestion && writable && !locked && (
            <button type="button" className="primary" disabled={act.isPending} onClick={() => act.mutate({ path: '/accept' })}>
              Accept suggestion
            </button>
          )}
          {openSuggestion && (mine || meId === authorId || writable) && (
            <button type="button" disabled={act.isPending} onClick={() => act.mutate({ path: '/dismiss' })}>
              Dismiss suggestion
            </button>
          )}
        </div>
        {act.error !== null && <ErrorNote error={act.error} />}
      </article>
    </li>
  );
}
