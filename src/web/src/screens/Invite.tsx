// An invite link (/invites/:token): see what it grants, then create an account (or join while
// signed in).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { keys, useInvite, useMe } from '../api/queries';
import { ErrorNote, Loading } from '../components/Status';
import { navigate } from '../router';

export function InviteScreen({ token }: { token: string }) {
  const client = useQueryClient();
  const invite = useInvite(token);
  const me = useMe();
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const accept = useMutation({
    mutationFn: (body: object) => api(`/invites/${encodeURIComponent(token)}/accept`, { method: 'POST', body }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: keys.me });
      navigate(`/w/${invite.data?.workspace.key ?? ''}`, { replace: true });
    },
  });
  if (invite.isPending) return <Loading />;
  if (invite.error !== null) {
    return (
      <main id="main" className="narrow">
        <h1>Invite</h1>
        <ErrorNote error={invite.error} />
        <p>The link may have expired or been used already. Ask for a new one.</p>
      </main>
    );
  }
  const { workspace, role, email } = invite.data;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate({ name: form.name, email: email ?? form.email, password: form.password });
  };
  return (
    <main id="main" className="narrow">
      <h1>Join {workspace.name}</h1>
      <p>
        You are invited to <strong>{workspace.name}</strong> ({workspace.key}) as <strong>{role}</strong>.
      </p>
      {me.data !== undefined ? (
        <>
          <p>Signed in as {me.data.name}.</p>
          {accept.error !== null && <ErrorNote error={accept.error} />}
          <button type="button" className="primary" onClick={() => accept.mutate({})} disabled={accept.isPending}>
            Join {workspace.name}
          </button>
        </>
      ) : (
        <form className="stack" onSubmit={submit}>
          <label>
            Your name
            <input required autoComplete="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </label>
          <label>
            Email
            <input
              required
              type="email"
              autoComplete="email"
              value={email ?? form.email}
              readOnly={email !== null}
              onChange={(e) => setForm({ ...form, email: e.target.value })}
            />
          </label>
          <label>
            Choose a password (at least 8 characters)
            <input required type="password" minLength={8} autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
          </label>
          {accept.error !== null && <ErrorNote error={accept.error} />}
          <button type="submit" className="primary" disabled={accept.isPending}>
            Create account and join
          </button>
        </form>
      )}
    </main>
  );
}
