import type { CliCommand } from '../context.js';
import { EXIT_OK } from '../errors.js';
import { serverConfig } from './server-support.js';

export const serveCommand: CliCommand = {
  name: 'serve',
  register(program, ctx) {
    program
      .command('serve')
      .description('run the Specboard server (configured by environment variables; see docs/configuration.md)')
      .option('-p, --port <port>', 'port to listen on (PORT, default 3000)')
      .option('--host <host>', 'interface to listen on (HOST, default 0.0.0.0)')
      .action(async (options: { port?: string; host?: string }) => {
        const config = serverConfig(ctx.io, { PORT: options.port, HOST: options.host });
        // Loaded here so other commands do not pay for the server's start-up cost.
        const { runServer } = await import('../../server/server.js');
        // Runs until SIGTERM/SIGINT; the open server keeps the process alive after this returns.
        await runServer(config);
        ctx.exitWith(EXIT_OK);
      });
  },
};
