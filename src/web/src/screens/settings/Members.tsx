// Members and roles (change role, remove) and invite links (create, copy, revoke).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useMe, useMembers } from '../../api/queries';
import type { Member, Role } from '../../api/types';
import { useInvites, wsPath } from '../../api/workspace-queries';
import { CopyButton } from '../../components/CopyButton';
import { ErrorNote, Loading, TimeAgo } from '../../components/Status';

const ROLES: Role[] = ['owner', 'admin', 'editor', 'viewer'];
const roleWord = (r: Role) => r[0]?.toUpperCase() + r.slice(1);

export function MembersSettings({ ws, canGrantOwner }: { ws: string; canGrantOwner: boolean }) {
  const members = useMembers(ws);
  const me = useMe();
  return (
    <>
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        {members.isPending ? (
          <Loading />
        ) : members.error !== null ? (
          <ErrorNote error={members.error} />
        ) : (
          <ul className="settings-list">
            {members.data.items.map((m) => (
              <MemberRow key={m.userId} ws={ws} member={m} self={m.userId === me.data?.id} canGrantOwner={canGrantOwner} />
            ))}
          </ul>
        )}
      </section>
      <Invites ws={ws} canGrantOwner={canGrantOwner} />
    </>
  );
}

function MemberRow({ ws, member, self, canGrantOwner }: { ws: string; member: Member; self: boolean; canGrantOwner: boolean }) {
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const path = `${wsPath(ws)}/members/${encodeURIComponent(member.userId)}`;
  const done = () => client.invalidateQueries({ queryKey: ['members', ws] });
  const change = useMutation({ mutationFn: (role: Role) => api(path, { method: 'PATCH', body: { role } }), onSuccess: done });
  const remove = useMutation({ mutationFn: () => api(path, { method: 'DELETE' }), onSuccess: done });
  // Only owners grant or take away ownership (the server enforces it; the choice is not offered).
  const choices = ROLES.filter((r) => canGrantOwner || (r !== 'owner' && member.role !== 'owner') || r === member.role);
  return (
    <li>
      <span className="who">
        <strong>{member.name}</strong>
        {self && ' (you)'} <span className="muted">{member.email}</span>
      </span>
      <label className="inline">
        Role
        <select aria-label={`Role of ${member.name}`} value={member.role} disabled={change.isPending || choices.length === 1} onChange={(e) => change.mutate(e.target.value as Role)}>
          {choices.map((r) => (
            <option key={r} value={r}>
              {roleWord(r)}
            </option>
          ))}
        </select>
      </label>
      {!self &&
        (confirming ? (
          <span className="row">
            <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
              Remove {member.name}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" aria-label={`Remove ${member.name} from the workspace`} onClick={() => setConfirming(true)}>
            Remove
          </button>
        ))}
      {change.isSuccess && <span role="status" className="muted">Role changed.</span>}
      {change.error !== null && <ErrorNote error={change.error} />}
      {remove.error !== null && <ErrorNote error={remove.error} />}
    </li>
  );
}

function Invites({ ws, canGrantOwner }: { ws: string; canGrantOwner: boolean }) {
  const client = useQueryClient();
  const invites = useInvites(ws);
  const [role, setRole] = useState<Role>('editor');
  const [email, setEmail] = useState('');
  const [days, setDays] = useState('7');
  const [link, setLink] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => api<{ url: string }>(`${wsPath(ws)}/invites`, { method: 'POST', body: { role, ...(email.trim() === '' ? {} : { email: email.trim() }), expiresInHours: Number(days) * 24 } }),
    onSuccess: async (answer) => {
      setLink(answer.url);
      setEmail('');
      await client.invalidateQueries({ queryKey: ['invites', ws] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api(`${wsPath(ws)}/invites/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['invites', ws] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const pending = invites.data?.items.filter((i) => i.status === 'pending') ?? [];
  return (
    <section aria-labelledby="invites-heading">
      <h2 id="invites-heading">Invite someone</h2>
      <form className="row settings-form" aria-label="New invite link" onSubmit={submit}>
        <label className="inline">
          Role
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.filter((r) => canGrantOwner || r !== 'owner').map((r) => (
              <option key={r} value={r}>
                {roleWord(r)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          Email (optional)
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="inline">
          Valid for
          <select value={days} onChange={(e) => setDays(e.target.value)}>
            <option value="1">1 day</option>
            <option value="7">7 days</option>
            <option value="30">30 days</option>
          </select>
        </label>
        <button type="submit" className="primary" disabled={create.isPending}>
          Create invite link
        </button>
      </form>
      {create.error !== null && <ErrorNote error={create.error} />}
      {link !== null && (
        <div className="secret" role="region" aria-label="New invite link">
          <p>Send this link to the person you invite. It works once.</p>
          <div className="row">
            <input readOnly value={link} aria-label="Invite link" onFocus={(e) => e.target.select()} />
            <CopyButton text={link} label="Copy the invite link" />
          </div>
        </div>
      )}
      <h3>Pending invites</h3>
      {invites.error !== null && <ErrorNote error={invites.error} />}
      {pending.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="settings-list">
          {pending.map((i) => (
            <li key={i.id}>
              <span className="who">
                {roleWord(i.role)} {i.email === null ? '(anyone with the link)' : `for ${i.email}`}{' '}
                <span className="muted">
                  expires <TimeAgo iso={i.expiresAt} />
                </span>
              </span>
              <button type="button" disabled={revoke.isPending} onClick={() => revoke.mutate(i.id)} aria-label={`Revoke the ${i.role} invite ${i.email ?? ''}`.trim()}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      {revoke.error !== null && <ErrorNote error={revoke.error} />}
    </section>
  );
}
