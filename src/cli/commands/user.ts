import type { Role } from '../../server/db/index.js';
import type { CliCommand } from '../context.js';
import { CliError, EXIT_OK } from '../errors.js';
import type { CliIo } from '../io.js';
import { asCliError, serverConfig } from './server-support.js';

const ROLES: readonly Role[] = ['owner', 'admin', 'editor', 'viewer'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface CreateOptions {
  email: string;
  name: string;
  passwordStdin: boolean;
  workspace?: string;
  role: string;
}

export const userCommand: CliCommand = {
  name: 'user',
  register(program, ctx) {
    const user = program.command('user').description('manage user accounts directly in the database');
    user
      .command('create')
      .description('create an account (and its workspace, when --workspace names one that does not exist yet)')
      .requiredOption('--email <email>', 'email address (sign-in name)')
      .requiredOption('--name <name>', 'display name')
      .option('--password-stdin', 'read the password from stdin (otherwise from SPECBOARD_PASSWORD)', false)
      .option('--workspace <key>', 'join this workspace (created with the user as owner if missing)')
      .option('--role <role>', `role in --workspace: ${ROLES.join(', ')}`, 'viewer')
      .action(async (options: CreateOptions) => {
        const password = await readPassword(ctx.io, options.passwordStdin);
        const role = ROLES.find((r) => r === options.role);
        if (role === undefined) throw new CliError('invalid_role', `--role must be one of ${ROLES.join(', ')}`);
        if (!EMAIL.test(options.email)) throw new CliError('invalid_email', `${options.email} is not an email address`);
        if (options.workspace !== undefined && !/^[A-Z][A-Z0-9]{1,9}$/.test(options.workspace)) {
          throw new CliError('invalid_workspace_key', '--workspace must be 2-10 upper-case letters or digits, starting with a letter');
        }
        const config = serverConfig(ctx.io);
        // Loaded here so other commands do not pay for the server's start-up cost.
        const [{ openDatabase }, { systemClock }, { operatorCreateUser }] = await Promise.all([
          import('../../server/db/index.js'),
          import('../../server/services/context.js'),
          import('../../server/services/operator.js'),
        ]);
        const database = openDatabase(config.database);
        try {
          await database.migrate();
          const deps = { db: database.db, clock: systemClock, settings: { sessionTtlHours: config.sessionTtlHours, inviteTtlHours: config.inviteTtlHours, cacheTokens: false } };
          const result = await operatorCreateUser(deps, {
            email: options.email,
            name: options.name,
            password,
            workspace: options.workspace === undefined ? undefined : { key: options.workspace, role },
          }).catch((error: unknown) => {
            throw asCliError(error);
          });
          ctx.io.stdout.write(`Created user ${result.user.email} (${result.user.id}).\n`);
          if (result.workspace !== null) {
            const verb = result.workspace.created ? 'Created workspace' : 'Added to workspace';
            ctx.io.stdout.write(`${verb} ${result.workspace.key} as ${result.workspace.role}.\n`);
          }
        } finally {
          await database.close();
        }
        ctx.exitWith(EXIT_OK);
      });
  },
};

async function readPassword(io: CliIo, fromStdin: boolean): Promise<string> {
  let password = io.env.SPECBOARD_PASSWORD ?? '';
  if (fromStdin) {
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  if (password === '') throw new CliError('password_required', 'give the password on stdin with --password-stdin, or in SPECBOARD_PASSWORD');
  if (password.length < 8) throw new CliError('password_too_short', 'the password needs at least 8 characters');
  return password;
}
