// Settings of a workspace (admins and owners): members and invites, templates, approval policy,
// webhooks; and the signed-in user's API tokens (anyone may manage their own).
import type { ReactNode } from 'react';
import { useWorkspace } from '../../api/queries';
import { ErrorNote, Loading } from '../../components/Status';
import { Link } from '../../router';
import { MembersSettings } from './Members';
import { PolicySettingsForm } from './Policy';
import { TemplatesSettings } from './Templates';
import { TokensSettings } from './Tokens';
import { WebhooksSettings } from './Webhooks';

const SECTIONS: [string, string][] = [
  ['members', 'Members'],
  ['tokens', 'API tokens'],
  ['templates', 'Templates'],
  ['policy', 'Approval policy'],
  ['webhooks', 'Webhooks'],
];

export function SettingsScreen({ ws, section }: { ws: string; section: string }) {
  const workspace = useWorkspace(ws);
  if (workspace.isPending) return <Loading />;
  if (workspace.error !== null) return <ErrorNote error={workspace.error} />;
  const admin = workspace.data.role === 'owner' || workspace.data.role === 'admin';
  const visible = admin ? SECTIONS : SECTIONS.filter(([id]) => id === 'tokens');
  let body: ReactNode;
  if (section === 'tokens') body = <TokensSettings />;
  else if (!admin) body = <p>Only admins and owners of this workspace can change its settings.</p>;
  else if (section === 'members') body = <MembersSettings ws={ws} canGrantOwner={workspace.data.role === 'owner'} />;
  else if (section === 'templates') body = <TemplatesSettings ws={ws} />;
  else if (section === 'policy') body = <PolicySettingsForm ws={ws} />;
  else if (section === 'webhooks') body = <WebhooksSettings ws={ws} />;
  else body = <p>There is no such settings page.</p>;
  const title = SECTIONS.find(([id]) => id === section)?.[1] ?? 'Settings';
  return (
    <div className="settings">
      <h1>Settings: {title}</h1>
      <nav aria-label="Settings" className="tabs">
        {visible.map(([id, label]) => (
          <Link key={id} to={`/w/${ws}/settings/${id}`} aria-current={id === section ? 'page' : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      {body}
    </div>
  );
}
