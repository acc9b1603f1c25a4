import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliCommand } from '../context.js';
import { CliError, EXIT_OK } from '../errors.js';
import { serverConfig } from './server-support.js';

export const backupCommand: CliCommand = {
  name: 'backup',
  register(program, ctx) {
    program
      .command('backup <file>')
      .description('copy the SQLite database to <file> while the server runs (online, consistent); PostgreSQL: use pg_dump')
      .option('--force', 'overwrite <file> if it exists', false)
      .action(async (file: string, options: { force: boolean }) => {
        const config = serverConfig(ctx.io);
        if (config.database.dialect !== 'sqlite') {
          throw new CliError('backup_unsupported', 'DATABASE_URL is PostgreSQL: back it up with pg_dump (see docs/deploy.md)');
        }
        const target = resolve(ctx.io.cwd, file);
        if (target === config.database.file) throw new CliError('backup_same_file', 'the backup cannot be the database itself', { file });
        if (existsSync(target) && !options.force) throw new CliError('file_exists', 'already exists (use --force to overwrite)', { file });
        const { backupSqlite } = await import('../../server/db/backup.js');
        try {
          const { pages } = await backupSqlite(config.database.file, target);
          ctx.io.stdout.write(`Backed up ${config.database.file} to ${target} (${pages} pages).\n`);
        } catch (error) {
          throw new CliError('backup_failed', error instanceof Error ? error.message : String(error), { file });
        }
        ctx.exitWith(EXIT_OK);
      });
  },
};
