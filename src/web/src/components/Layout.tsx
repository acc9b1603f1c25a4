// Page frame: top bar (workspace, search, new spec, account) and the main region.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../api/client';
import type { Me } from '../api/types';
import { useShortcut } from '../keyboard';
import { Link, navigate, useLocation } from '../router';
import { Bell } from '../screens/Notifications';

export function Layout({ user, ws, children }: { user: Me; ws: string | null; children: ReactNode }) {
  const client = useQueryClient();
  const membership = user.memberships.find((m) => m.workspaceKey.toLowerCase() === ws?.toLowerCase() || m.workspaceId === ws);
  const signOut = async () => {
    await api('/auth/sign-out', { method: 'POST' });
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
