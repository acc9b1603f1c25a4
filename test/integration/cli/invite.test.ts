import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, useTestServer } from '../harness.js';
import { tempDir } from './helpers.js';
import { connectTo, runHere, runProcess, type Remote } from './remote-helpers.js';

interface Preview {
  workspace: { key: string };
  role: string;
  email: string | null;
  expiresAt: string;
}

describeEachDatabase('specboard invite', (database) => {
  const server = useTestServer(database);
  let remote: Remote;
  let dir: { path: string; cleanup: () => void };
  beforeAll(async () => {
    remote = await connectTo(server());
    dir = tempDir();
  });
  afterAll(() => dir.cleanup());

  /** The token in an invite link, as the invites API takes it. */
  function tokenOf(link: string): string {
    const match = /\/invites\/(sbi_[^/\s]+)$/.exec(link.trim());
    if (match?.[1] === undefined) throw new Error(`not an invite link: ${link}`);
    return match[1];
  }

  it('prints only the invite link on stdout (the real program); accepting it grants the role', async () => {
    const email = server().uniqueEmail('invitee');
    const run = await runProcess(['invite', '--role', 'viewer', '--email', email, '--expires', '48h'], { cwd: dir.path, env: remote.env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^${server().baseUrl}/invites/sbi_\\S+\\n$`));
    expect(run.stderr).toMatch(new RegExp(`^Invite to ${remote.workspace} as viewer for ${email}; single use, expires \\S+\\.\\n$`));

    const anon = server().anonymous();
    const preview = await anon.get<Preview>(`/api/v1/invites/${tokenOf(run.stdout)}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ workspace: { key: remote.workspace }, role: 'viewer', email });
    const accepted = await anon.post(`/api/v1/invites/${tokenOf(run.stdout)}/accept`, { name: 'Vic Viewer', email, password: 'a long password' });
    expect(accepted.status, accepted.text).toBe(201);
    expect(accepted.body).toMatchObject({ role: 'viewer', workspace: { key: remote.workspace } });
  });

  it('--expires sets the lifetime exactly (48h, 7d, 2w)', async () => {
    for (const [flag, hours] of [['48h', 48], ['7d', 168], ['2w', 336]] as const) {
      const run = await runHere(['invite', '--expires', flag], { cwd: dir.path, env: remote.env });
      expect(run.code, run.stderr).toBe(0);
      const preview = await server().anonymous().get<Preview>(`/api/v1/invites/${tokenOf(run.stdout)}`);
      const listed = await remote.owner.get<{ items: { createdAt: string; expiresAt: string }[] }>(`/api/v1/workspaces/${remote.workspace}/invites`);
      const invite = listed.body.items.find((i) => i.expiresAt === preview.body.expiresAt);
      expect(invite).toBeDefined();
      expect(Date.parse(invite?.expiresAt ?? '') - Date.parse(invite?.createdAt ?? '')).toBe(hours * 3_600_000);
    }
  });

  it('defaults to an editor invite for anyone, with the server\'s lifetime', async () => {
    const run = await runHere(['invite'], { cwd: dir.path, env: remote.env });
    expect(run.code, run.stderr).toBe(0);
    const preview = await server().anonymous().get<Preview>(`/api/v1/invites/${tokenOf(run.stdout)}`);
    expect(preview.body).toMatchObject({ role: 'editor', email: null });
    const days = (Date.parse(preview.body.expiresAt) - server().clock.now().getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(server().config.inviteTtlHours / 24);
  });

  it('refuses a bad --role or --expires before calling the server (exit 2, one line)', async () => {
    const env = { ...remote.env, SPECBOARD_URL: 'http://127.0.0.1:9' };
    for (const [args, says] of [
      [['--role', 'king'], /Allowed choices are viewer, editor, admin, owner/],
      [['--expires', '3x'], /expected a duration such as 48h, 7d or 2w/],
      [['--expires', '0h'], /from 1h to 90d/],
      [['--expires', '91d'], /from 1h to 90d/],
    ] as const) {
      const run = await runHere(['invite', ...args], { cwd: dir.path, env });
      expect(run.code).toBe(2);
      expect(run.stderr.split('\n')[0]).toMatch(says);
      expect(run.stderr).toMatch(/\((invalid_argument)\)\n/);
    }
  });

  it('an editor cannot invite: one line naming forbidden (403); a bad email is validation_failed', async () => {
    const editor = await server().addMember(remote.owner, remote.workspace, 'editor');
    const token = await server().createToken(editor.client, ['read', 'write', 'admin']);
    const denied = await runHere(['invite'], { cwd: dir.path, env: { ...remote.env, SPECBOARD_TOKEN: token.secret } });
    expect(denied.code).toBe(2);
    expect(denied.stderr).toMatch(/^specboard: server answered 403: .+ \(forbidden\)\n$/);
    const badEmail = await runHere(['invite', '--email', 'not-an-email'], { cwd: dir.path, env: remote.env });
    expect(badEmail.code).toBe(2);
    expect(badEmail.stderr).toMatch(/^specboard: server answered 400: email: .+ \(validation_failed\)\n$/);
  });
});
