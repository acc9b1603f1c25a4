import type { CliCommand } from '../context.js';
import { EXIT_OK } from '../errors.js';
import { serverConfig } from './server-support.js';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  register(program, ctx) {
    program
      .command('migrate')
      .description('apply pending database migrations (the server also does this when it starts)')
      .action(async () => {
        const config = serverConfig(ctx.io);
        const { openDatabase } = await import('../../server/db/index.js');
        const database = openDatabase(config.database);
        try {
          const { applied } = await database.migrate();
          const where = config.database.dialect === 'sqlite' ? config.database.file : 'PostgreSQL';
          ctx.io.stdout.write(applied.length === 0 ? `Database is up to date (${where}).\n` : `Applied ${applied.join(', ')} (${where}).\n`);
        } finally {
          await database.close();
        }
        ctx.exitWith(EXIT_OK);
      });
  },
};
