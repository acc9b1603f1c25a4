import { Option } from 'commander';
import type { CliCommand, CliContext } from '../context.js';
import { EXIT_OK } from '../errors.js';
import { parseExpiry } from '../remote/duration.js';
import { addConnectionOptions, type ConnectionFlags } from '../remote/options.js';

const ROLES = ['viewer', 'editor', 'admin', 'owner'] as const;

interface InviteOptions extends ConnectionFlags {
  role: (typeof ROLES)[number];
  email?: string;
  expires?: number;
}

export const inviteCommand: CliCommand = {
  name: 'invite',
  register(program, ctx) {
    const command = program
      .command('invite')
      .description('create a one-time invite link to a workspace (needs an admin-scope token) and print it')
      .addOption(new Option('-r, --role <role>', 'role the invite grants').choices(ROLES).default('editor'))
      .option('--email <address>', 'only this email address can accept it')
      .option('--expires <duration>', 'valid for e.g. 48h, 7d, 2w (default: the server setting, 7 days)', parseExpiry);
    addConnectionOptions(command).action(async (options: InviteOptions) => {
      await runInvite(options, ctx);
      ctx.exitWith(EXIT_OK);
    });
  },
};

async function runInvite(options: InviteOptions, ctx: CliContext): Promise<void> {
  // Loaded here so that other commands do not pay for the HTTP client at start-up.
  const [{ resolveConnection }, { RemoteClient }, { createInvite }] = await Promise.all([
    import('../remote/connection.js'),
    import('../remote/client.js'),
    import('../remote/api.js'),
  ]);
  const connection = resolveConnection(options, ctx.io.env);
  const client = new RemoteClient(connection, { userAgent: `specboard-cli/${ctx.version}` });
  const created = await createInvite(client, connection.workspace, { role: options.role, email: options.email, expiresInHours: options.expires });
  // The link alone on stdout, so `link=$(specboard invite ...)` works; the details go to stderr.
  ctx.io.stdout.write(`${created.url}\n`);
  const who = created.invite.email === null ? 'anyone with the link' : created.invite.email;
  ctx.io.stderr.write(`Invite to ${connection.workspace} as ${created.invite.role} for ${who}; single use, expires ${created.invite.expiresAt}.\n`);
}
