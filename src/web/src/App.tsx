// Which screen the current path shows, after the first-run and sign-in gates.
import { lazy, Suspense, type ReactNode } from 'react';
import { ApiError } from './api/client';
import { useMe, useSetupStatus } from './api/queries';
import { ErrorNote, Loading } from './components/Status';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Layout } from './components/Layout';
import { matchPath, Redirect, useLocation } from './router';
import { HistoryScreen } from './screens/History';
import { Home } from './screens/Home';
import { InsightsScreen } from './screens/Insights';
import { InviteScreen } from './screens/Invite';
import { NewSpec } from './screens/NewSpec';
import { NotificationsScreen } from './screens/Notifications';
import { SettingsScreen } from './screens/settings/Settings';
import { Setup } from './screens/Setup';
import { SignIn } from './screens/SignIn';
import { SpecPage } from './screens/SpecPage';

// CodeMirror is loaded only when someone edits: the spec page bundle stays small.
const EditorScreen = lazy(() => import('./editor/EditorScreen'));
const LiveEditorScreen = lazy(() => import('./editor/LiveEditorScreen'));

export function App() {
  const { pathname } = useLocation();
  const setup = useSetupStatus();
  const invite = matchPath('/invites/:token', pathname);
  const me = useMe();

  if (invite !== null) return <InviteScreen token={invite.token ?? ''} />;
  if (setup.isPending) return <Loading />;
  if (setup.data?.needed === true) return <Setup />;
  if (me.isPending) return <Loading />;
  if (me.error instanceof ApiError && me.error.status === 401) return <SignIn />;
  if (me.error !== null) return <ErrorNote error={me.error} />;
  if (pathname === '/setup' || pathname === '/sign-in') return <Redirect to="/" />;

  const user = me.data;
  if (pathname === '/') {
    const first = user.memberships[0];
    if (first === undefined) {
      return (
        <Layout user={user} ws={null}>
          <p>You are not a member of any workspace yet. Ask an admin for an invite link.</p>
        </Layout>
      );
    }
    return <Redirect to={`/w/${first.workspaceKey}`} />;
  }

  const routes: [string, (p: Record<string, string>) => ReactNode][] = [
    ['/notifications', () => <NotificationsScreen />],
    ['/w/:ws', (p) => <Home ws={p.ws ?? ''} />],
    ['/w/:ws/new', (p) => <NewSpec ws={p.ws ?? ''} />],
    ['/w/:ws/insights', (p) => <InsightsScreen ws={p.ws ?? ''} />],
    ['/w/:ws/settings', (p) => <SettingsScreen ws={p.ws ?? ''} section="members" />],
    ['/w/:ws/settings/:section', (p) => <SettingsScreen ws={p.ws ?? ''} section={p.section ?? ''} />],
    ['/w/:ws/specs/:n', (p) => <SpecPage ws={p.ws ?? ''} n={p.n ?? ''} />],
    ['/w/:ws/specs/:n/edit', (p) => <EditorScreen ws={p.ws ?? ''} n={p.n ?? ''} />],
    ['/w/:ws/specs/:n/live', (p) => <LiveEditorScreen ws={p.ws ?? ''} n={p.n ?? ''} />],
    ['/w/:ws/specs/:n/history', (p) => <HistoryScreen ws={p.ws ?? ''} n={p.n ?? ''} />],
  ];
  for (const [pattern, render] of routes) {
    const params = matchPath(pattern, pathname);
    if (params !== null) {
      return (
        <Layout user={user} ws={params.ws ?? null}>
          <ErrorBoundary resetKey={pathname}>
            <Suspense fallback={<Loading />}>{render(params)}</Suspense>
          </ErrorBoundary>
        </Layout>
      );
    }
  }
  return (
    <Layout user={user} ws={null}>
      <h1>Not found</h1>
      <p>There is no page at this address.</p>
    </Layout>
  );
}
