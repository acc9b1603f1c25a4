// Page frame: top bar (workspace, search, new spec, account) and the main region.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../api/client';
import { liveEvents, useLiveTopics } from '../api/live-events';
import type { Me } from '../api/types';
import { useShortcut } from '../keyboard';
import { Link, navigate, useLocation } from '../router';
import { Bell } from '../screens/Notifications';

export function Layout({ user, ws, children }: { user: Me; ws: string | null; children: ReactNode }) {
  const client = useQueryClient();
  const membership = user.memberships.find((m) => m.workspaceKey.toLowerCase() === ws?.toLowerCase() || m.workspaceId === ws);
  // Live refresh for every workspace of the user: notifications reach them only through a
  // workspace subscription (docs/events.md), and a workspace topic carries its specs' events too.
  useLiveTopics(user.memberships.map((m) => ({ workspace: m.workspaceKey })));
  const signOut = async () => {
    await api('/auth/sign-out', { method: 'POST' });
    liveEvents(client).reset();
    client.clear();
    navigate('/sign-in', { replace: true });
    await client.invalidateQueries();
  };
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          Specboard
        </Link>
        {membership !== undefined && (
          <Link to={`/w/${membership.workspaceKey}`} className="ws-name">
            {membership.workspaceName}
          </Link>
        )}
        {membership !== undefined && <WorkspaceNav ws={membership.workspaceKey} admin={membership.role === 'owner' || membership.role === 'admin'} />}
        {membership !== undefined && <SearchBox ws={membership.workspaceKey} />}
        <span className="spacer" />
        {membership !== undefined && membership.role !== 'viewer' && (
          <Link to={`/w/${membership.workspaceKey}/new`} className="button primary">
            New spec
          </Link>
        )}
        <Bell />
        <span className="user" title={user.email}>
          {user.name}
        </span>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <main id="main">{children}</main>
    </>
  );
}

/** Workspace sections; Settings only for admins and owners (the server refuses others anyway). */
function WorkspaceNav({ ws, admin }: { ws: string; admin: boolean }) {
  const { pathname } = useLocation();
  const base = `/w/${ws}`;
  const items: [string, string, boolean][] = [
    ['Specs', base, pathname === base || pathname.startsWith(`${base}/specs`) || pathname === `${base}/new`],
    ['Insights', `${base}/insights`, pathname === `${base}/insights`],
  ];
  if (admin) items.push(['Settings', `${base}/settings`, pathname.startsWith(`${base}/settings`)]);
  return (
    <nav aria-label="Workspace" className="ws-nav">
      {items.map(([label, to, current]) => (
        <Link key={to} to={to} aria-current={current ? 'page' : undefined}>
          {label}
        </Link>
      ))}
    </nav>
  );
}

/** Search over the workspace; results show on the workspace home (`?q=`). `/` focuses it. */
function SearchBox({ ws }: { ws: string }) {
  const { search } = useLocation();
  const [text, setText] = useState(search.get('q') ?? '');
  const input = useRef<HTMLInputElement>(null);
  useShortcut(
    '/',
    useCallback(() => input.current?.focus(), []),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = text.trim();
    navigate(q === '' ? `/w/${ws}` : `/w/${ws}?q=${encodeURIComponent(q)}`);
  };
  return (
    <form role="search" className="search" onSubmit={submit}>
      <input
        ref={input}
        type="search"
        aria-label="Search specs"
        placeholder="Search ( / )"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
    </form>
  );
}
