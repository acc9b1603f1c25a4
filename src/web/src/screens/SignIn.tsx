// Password sign-in; the server sets the session cookie.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { keys } from '../api/queries';
import { ErrorNote } from '../components/Status';

export function SignIn() {
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => api('/auth/sign-in', { method: 'POST', body: { email, password } }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.me }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  return (
    <main id="main" className="narrow">
      <h1>Sign in to Specboard</h1>
      <form className="stack" onSubmit={submit}>
        <label>
          Email
          <input required type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password
          <input required type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {signIn.error !== null && <ErrorNote error={signIn.error} />}
        <button type="submit" className="primary" disabled={signIn.isPending}>
          Sign in
        </button>
      </form>
    </main>
  );
}
