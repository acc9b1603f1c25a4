// The signed-in user's API tokens: create with scopes (the secret is shown once, with a copy
// button), list, revoke.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useTokens, type ApiToken, type Scope } from '../../api/workspace-queries';
import { CopyButton } from '../../components/CopyButton';
import { ErrorNote, Loading, TimeAgo } from '../../components/Status';

const SCOPES: [Scope, string][] = [
  ['read', 'Read: view specs, reviews and comments'],
  ['write', 'Write: edit specs, review, comment'],
  ['admin', 'Admin: manage members, templates and policy'],
];

export function TokensSettings() {
  const client = useQueryClient();
  const tokens = useTokens();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['read']);
  const [expires, setExpires] = useState('');
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const create = useMutation({
    mutationFn: () =>
      api<{ token: ApiToken; secret: string }>('/tokens', {
        method: 'POST',
        body: { name: name.trim(), scopes, ...(expires === '' ? {} : { expiresAt: new Date(`${expires}T23:59:59Z`).toISOString() }) },
      }),
    onSuccess: async (answer) => {
      setCreated({ name: answer.token.name, secret: answer.secret });
      setName('');
      await client.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tokens'] }),
  });
  const toggle = (scope: Scope, on: boolean) => setScopes((s) => (on ? [...s, scope] : s.filter((x) => x !== scope)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    create.mutate();
  };
  return (
    <>
      <section aria-labelledby="new-token-heading">
        <h2 id="new-token-heading">New API token</h2>
        <p className="muted">A token acts as you, limited to its scopes, in every workspace you belong to. Send it as <code>Authorization: Bearer …</code>.</p>
        <form className="stack settings-form" aria-label="New API token" onSubmit={submit}>
          <label>
            Name
            <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <fieldset>
            <legend>Scopes</legend>
            {SCOPES.map(([scope, label]) => (
              <label key={scope} className="inline">
                <input type="checkbox" checked={scopes.includes(scope)} onChange={(e) => toggle(scope, e.target.checked)} />
                {label}
              </label>
            ))}
          </fieldset>
          <label>
            Expires (optional)
            <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
          </label>
          <div>
            <button type="submit" className="primary" disabled={create.isPending || scopes.length === 0 || name.trim() === ''}>
              Create token
            </button>
          </div>
        </form>
        {create.error !== null && <ErrorNote error={create.error} />}
        {created !== null && (
          <div className="secret" role="region" aria-label="New token secret">
            <p>
              <strong>Copy the secret of “{created.name}” now:</strong> it is shown only this once.
            </p>
            <div className="row">
              <input readOnly value={created.secret} aria-label="Token secret" onFocus={(e) => e.target.select()} />
              <CopyButton text={created.secret} label="Copy the token secret" />
              <button type="button" onClick={() => setCreated(null)}>
                Done
              </button>
            </div>
          </div>
        )}
      </section>
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Your tokens</h2>
        {tokens.isPending ? (
          <Loading />
        ) : tokens.error !== null ? (
          <ErrorNote error={tokens.error} />
        ) : tokens.data.items.length === 0 ? (
          <p className="muted">No tokens yet.</p>
        ) : (
          <ul className="settings-list" aria-label="Tokens">
            {tokens.data.items.map((t) => (
              <li key={t.id}>
                <span className="who">
                  <strong>{t.name}</strong> <code>{t.prefix}…</code> <span className="muted">{t.scopes.join(', ')}</span>
                  <span className="muted">
                    {' '}
                    · created <TimeAgo iso={t.createdAt} />
                    {' · '}
                    {t.lastUsedAt === null ? 'never used' : <>used <TimeAgo iso={t.lastUsedAt} /></>}
                    {t.expiresAt !== null && (
                      <>
                        {' · expires '}
                        <TimeAgo iso={t.expiresAt} />
                      </>
                    )}
                  </span>
                </span>
                {t.revokedAt !== null ? (
                  <span className="badge badge-rejected">Revoked</span>
                ) : (
                  <button type="button" disabled={revoke.isPending} onClick={() => revoke.mutate(t.id)} aria-label={`Revoke token ${t.name}`}>
                    Revoke
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {revoke.error !== null && <ErrorNote error={revoke.error} />}
      </section>
    </>
  );
}
