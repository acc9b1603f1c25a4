// New spec: a title and a template; the new spec opens in the editor.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { keys, useTemplates } from '../api/queries';
import type { Spec } from '../api/types';
import { ErrorNote, Loading } from '../components/Status';
import { navigate } from '../router';

export function NewSpec({ ws }: { ws: string }) {
  const client = useQueryClient();
  const templates = useTemplates(ws);
  const [title, setTitle] = useState('');
  const [templateId, setTemplateId] = useState('');
  const items = templates.data?.items ?? [];
  const chosen = templateId === '' ? (items[0]?.id ?? '') : templateId;
  const create = useMutation({
    mutationFn: () =>
      api<Spec>(`/workspaces/${encodeURIComponent(ws)}/specs`, {
        method: 'POST',
        body: { title, templateId: chosen === '' ? undefined : chosen },
      }),
    onSuccess: async (spec) => {
      await client.invalidateQueries({ queryKey: keys.specs(ws) });
      navigate(`/w/${ws}/specs/${spec.number}/edit`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <section className="narrow">
      <h1>New spec</h1>
      <form className="stack" onSubmit={submit}>
        <label>
          Title
          <input required autoFocus maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        {templates.isPending ? (
          <Loading label="Loading templates…" />
        ) : templates.error !== null ? (
          <ErrorNote error={templates.error} />
        ) : (
          <fieldset className="templates">
            <legend>Template</legend>
            {items.map((template) => (
              <label key={template.id} className="template-choice">
                <input type="radio" name="template" value={template.id} checked={chosen === template.id} onChange={() => setTemplateId(template.id)} />
                <span>
                  <strong>{template.name}</strong>
                  <span className="muted"> v{template.currentVersion}{template.builtin ? ' · built-in' : ''}</span>
                  <br />
                  <span className="muted">{template.description}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {create.error !== null && <ErrorNote error={create.error} />}
        <button type="submit" className="primary" disabled={create.isPending}>
          Create and edit
        </button>
      </form>
    </section>
  );
}
