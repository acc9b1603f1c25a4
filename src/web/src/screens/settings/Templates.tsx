// Templates: built-in and the workspace's own; upload a Markdown template; edit one (a changed
// source publishes a new version; specs keep the version they were created from).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useTemplates } from '../../api/queries';
import { useTemplateDetail, wsPath, type TemplateDetail } from '../../api/workspace-queries';
import { ErrorNote, Loading } from '../../components/Status';

export function TemplatesSettings({ ws }: { ws: string }) {
  const templates = useTemplates(ws);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      <section aria-labelledby="templates-heading">
        <h2 id="templates-heading">Templates</h2>
        {templates.isPending ? (
          <Loading />
        ) : templates.error !== null ? (
          <ErrorNote error={templates.error} />
        ) : (
          <ul className="settings-list" aria-label="Templates">
            {templates.data.items.map((t) => (
              <li key={t.id}>
                <span className="who">
                  <strong>{t.name}</strong> <span className="muted">{t.builtin ? 'built-in' : `version ${t.currentVersion}`}</span>
                  {t.description !== '' && <span className="muted"> · {t.description}</span>}
                </span>
                <button type="button" aria-expanded={open === t.id} onClick={() => setOpen(open === t.id ? null : t.id)} aria-label={`${t.builtin ? 'View' : 'Edit'} template ${t.name}`}>
                  {t.builtin ? 'View' : 'Edit'}
                </button>
                {open === t.id && <TemplateEditor ws={ws} id={t.id} />}
              </li>
            ))}
          </ul>
        )}
      </section>
      <UploadTemplate ws={ws} />
    </>
  );
}

function TemplateEditor({ ws, id }: { ws: string; id: string }) {
  const detail = useTemplateDetail(ws, id);
  if (detail.isPending) return <Loading />;
  if (detail.error !== null) return <ErrorNote error={detail.error} />;
  return <TemplateSourceForm ws={ws} template={detail.data} />;
}

function TemplateSourceForm({ ws, template }: { ws: string; template: TemplateDetail }) {
  const client = useQueryClient();
  const [source, setSource] = useState(template.source);
  const save = useMutation({
    mutationFn: () => api<TemplateDetail>(`${wsPath(ws)}/templates/${encodeURIComponent(template.id)}`, { method: 'PATCH', body: { source } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['templates', ws] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="stack template-editor" aria-label={`Template ${template.name}`} onSubmit={submit}>
      <label>
        Markdown of {template.name}
        <textarea rows={14} value={source} readOnly={template.builtin} onChange={(e) => setSource(e.target.value)} />
      </label>
      {!template.builtin && (
        <div className="row">
          <button type="submit" className="primary" disabled={save.isPending || source === template.source}>
            Save as version {template.currentVersion + 1}
          </button>
          {save.isSuccess && <span role="status">Saved version {save.data.currentVersion}.</span>}
        </div>
      )}
      {save.error !== null && <ErrorNote error={save.error} />}
    </form>
  );
}

function UploadTemplate({ ws }: { ws: string }) {
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [source, setSource] = useState('');
  const create = useMutation({
    mutationFn: () => api<TemplateDetail>(`${wsPath(ws)}/templates`, { method: 'POST', body: { name: name.trim(), description, source } }),
    onSuccess: async () => {
      setName('');
      setDescription('');
      setSource('');
      await client.invalidateQueries({ queryKey: ['templates', ws] });
    },
  });
  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file === undefined) return;
    setSource(await file.text());
    if (name.trim() === '') setName(file.name.replace(/\.(md|markdown)$/i, ''));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <section aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload a template</h2>
      <form className="stack settings-form" aria-label="Upload a template" onSubmit={submit}>
        <label>
          Markdown file
          <input type="file" accept=".md,.markdown,text/markdown,text/plain" onChange={(e) => void readFile(e)} />
        </label>
        <label>
          Name
          <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Description (optional)
          <input maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <label>
          Markdown (from the file, or paste it here)
          <textarea required rows={8} value={source} onChange={(e) => setSource(e.target.value)} />
        </label>
        <div className="row">
          <button type="submit" className="primary" disabled={create.isPending || source === '' || name.trim() === ''}>
            Upload template
          </button>
          {create.isSuccess && <span role="status">Template “{create.data.name}” created.</span>}
        </div>
      </form>
      {create.error !== null && <ErrorNote error={create.error} />}
    </section>
  );
}
