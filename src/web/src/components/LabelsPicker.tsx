// A spec's labels as chips. Editors remove them (× or Backspace in the empty field) and add them:
// typed (Enter) or picked from the workspace's labels (GET .../labels), saved with PATCH `labels`.
import { useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { ApiError, api } from '../api/client';
import { fetchSpec, keys, specPath } from '../api/queries';
import type { Spec } from '../api/types';
import { useWorkspaceLabels, type WorkspaceLabel } from '../api/workspace-queries';

// The server's LabelName (src/server/api/routes/spec-schemas.ts): checked here first so a bad
// label is explained where it was typed, not as a 400.
const LABEL_PATTERN = /^[^\s,](?:[^\r\n,]*[^\s,])?$/;
const MAX_LENGTH = 100;
const MAX_LABELS = 50;
const MAX_SUGGESTIONS = 8;

/** Why `name` (trimmed) cannot be added, or null. */
export function labelProblem(name: string, current: readonly string[]): string | null {
  if (name.length > MAX_LENGTH) return `A label is at most ${MAX_LENGTH} characters.`;
  if (name.includes(',')) return 'A label cannot contain a comma.';
  if (!LABEL_PATTERN.test(name)) return 'A label is one line of text.';
  if (current.length >= MAX_LABELS && !current.includes(name)) return `A spec has at most ${MAX_LABELS} labels.`;
  return null;
}

/** Workspace labels not on the spec that match the text: prefix matches first, then the most used. */
function suggestionsFor(all: readonly WorkspaceLabel[], current: readonly string[], text: string): WorkspaceLabel[] {
  const needle = text.trim().toLowerCase();
  const rank = (l: WorkspaceLabel) => (l.name.toLowerCase().startsWith(needle) ? 0 : 1);
  return all
    .filter((l) => !current.includes(l.name) && l.name.toLowerCase().includes(needle))
    .sort((a, b) => rank(a) - rank(b) || b.specs - a.specs || a.name.localeCompare(b.name))
    .slice(0, MAX_SUGGESTIONS);
}

type Change = { add: string } | { remove: string };

function applied(labels: readonly string[], change: Change): string[] {
  // Sorted by code unit like the server's normalizeLabels, so the chips do not jump after saving.
  return 'add' in change ? [...new Set([...labels, change.add])].sort() : labels.filter((l) => l !== change.remove);
}

export function LabelsPicker({ ws, n, labels, editable }: { ws: string; n: string; labels: readonly string[]; editable: boolean }) {
  const client = useQueryClient();
  const workspaceLabels = useWorkspaceLabels(ws, editable);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // Changes are saved one after another, each on the labels the previous one left.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const id = useId();
  const suggestions = useMemo(() => suggestionsFor(workspaceLabels.data ?? [], labels, text), [workspaceLabels.data, labels, text]);
  const listOpen = open && suggestions.length > 0;

  async function save(change: Change): Promise<void> {
    const key = keys.spec(ws, n);
    let base = client.getQueryData<Spec>(key);
    for (let attempt = 0; base !== undefined; attempt++) {
      try {
        // Labels are not part of the text (no new revision), but If-Match still tells us when
        // what we show is stale.
        const saved = await api<Spec>(specPath(ws, n), { method: 'PATCH', body: { labels: applied(base.labels, change) }, headers: { 'if-match': base.etag } });
        client.setQueryData<Spec>(key, (old) => (old === undefined ? old : { ...old, labels: saved.labels, etag: saved.etag, updatedAt: saved.updatedAt }));
        void client.invalidateQueries({ queryKey: ['labels', ws] });
        return;
      } catch (e) {
        if (!(e instanceof ApiError) || e.status !== 412 || attempt > 0) throw e;
        // The spec changed meanwhile: re-read it and make the same change to what is there now.
        base = await client.fetchQuery({ queryKey: key, queryFn: () => fetchSpec(ws, n), staleTime: 0 });
      }
    }
  }

  function change(next: Change, done: string) {
    setError(null);
    queue.current = queue.current
      .then(() => save(next))
      .then(
        () => setAnnouncement(done),
        (e: unknown) => setError(`Labels not saved: ${e instanceof Error ? e.message : String(e)}`),
      );
  }

  function add(raw: string) {
    const name = raw.trim();
    if (name === '') return;
    const problem = labelProblem(name, labels);
    if (problem !== null) {
      setError(problem);
      return;
    }
    setText('');
    setActive(-1);
    setOpen(false);
    if (!labels.includes(name)) change({ add: name }, `Label ${name} added`);
  }

  function remove(name: string) {
    change({ remove: name }, `Label ${name} removed`);
    input.current?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter') {
      e.preventDefault();
      add(listOpen && active >= 0 ? (suggestions[active]?.name ?? text) : text);
    } else if (e.key === 'Backspace' && text === '' && labels.length > 0) {
      e.preventDefault();
      remove(labels[labels.length - 1] ?? '');
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (suggestions.length === 0 ? -1 : (a + step + suggestions.length) % suggestions.length));
    } else if (e.key === 'Escape' && listOpen) {
      e.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  }

  const chips =
    labels.length === 0 ? (
      <span className="muted">{editable ? 'No labels yet' : 'None'}</span>
    ) : (
      <ul className="label-chips" aria-label="Labels">
        {labels.map((l) => (
          <li key={l} className="label-chip">
            <span>{l}</span>
            {editable && (
              <button type="button" className="chip-remove" aria-label={`Remove label ${l}`} onClick={() => remove(l)}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
    );
  if (!editable) return chips;
  const optionId = (i: number) => `${id}-option-${i}`;
  return (
    <div className="labels-picker">
      {chips}
      <label htmlFor={`${id}-input`} className="visually-hidden">
        Add a label
      </label>
      <div className="label-combo">
        <input
          ref={input}
          id={`${id}-input`}
          type="text"
          role="combobox"
          placeholder="Add a label"
          autoComplete="off"
          maxLength={MAX_LENGTH + 50}
          aria-autocomplete="list"
          aria-expanded={listOpen}
          aria-controls={`${id}-list`}
          aria-activedescendant={listOpen && active >= 0 ? optionId(active) : undefined}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? `${id}-error` : undefined}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(-1);
            setError(null);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        <ul role="listbox" id={`${id}-list`} aria-label="Label suggestions" className="label-suggestions" hidden={!listOpen}>
          {listOpen &&
            suggestions.map((s, i) => (
              <li
                key={s.name}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                // Keeps the focus (and the list) in the field while the option is clicked.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => add(s.name)}
              >
                {s.name} <span className="muted">({s.specs})</span>
              </li>
            ))}
        </ul>
      </div>
      {error !== null && (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      )}
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </div>
  );
}
