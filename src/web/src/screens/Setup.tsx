// First run: the server has no user yet; create the owner and the first workspace.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { keys } from '../api/queries';
import { ErrorNote } from '../components/Status';
import { navigate } from '../router';

export function Setup() {
  const client = useQueryClient();
  const [form, setForm] = useState({ name: '', email: '', password: '', workspaceName: 'Specs', workspaceKey: 'SPEC' });
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [field]: event.target.value });
  const create = useMutation({
    mutationFn: () =>
      api('/setup', {
        method: 'POST',
        body: { name: form.name, email: form.email, password: form.password, workspace: { name: form.workspaceName, key: form.workspaceKey } },
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: keys.setup });
      await client.invalidateQueries({ queryKey: keys.me });
      navigate(`/w/${form.workspaceKey}`, { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <main id="main" className="narrow">
      <h1>Welcome to Specboard</h1>
      <p>Create the owner account and the first workspace.</p>
      <form className="stack" onSubmit={submit}>
        <label>
          Your name
          <input required autoComplete="name" value={form.name} onChange={set('name')} />
        </label>
        <label>
          Email
          <input required type="email" autoComplete="email" value={form.email} onChange={set('email')} />
        </label>
        <label>
          Password (at least 8 characters)
          <input required type="password" minLength={8} autoComplete="new-password" value={form.password} onChange={set('password')} />
        </label>
        <label>
          Workspace name
          <input required value={form.workspaceName} onChange={set('workspaceName')} />
        </label>
        <label>
          Workspace key (prefix of spec numbers, e.g. SPEC-1)
          <input required pattern="[A-Z][A-Z0-9]{1,9}" value={form.workspaceKey} onChange={(e) => set('workspaceKey')({ target: { value: e.target.value.toUpperCase() } })} />
        </label>
        {create.error !== null && <ErrorNote error={create.error} />}
        <button type="submit" className="primary" disabled={create.isPending}>
          Create owner account
        </button>
      </form>
    </main>
  );
}
