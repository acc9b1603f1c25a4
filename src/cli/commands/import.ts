import type { CliCommand } from '../context.js';
import { DEFAULT_MAX_BYTES, parseSize } from '../options/size.js';
import { addConnectionOptions, type ConnectionFlags } from '../remote/options.js';

interface ImportFlags extends ConnectionFlags {
  force: boolean;
  quiet: boolean;
  maxSize: number;
}

export const importCommand: CliCommand = {
  name: 'import',
  register(program, ctx) {
    const command = program
      .command('import')
      .description('make every Markdown file under a folder a spec (again: update them), byte for byte')
      .argument('<dir>', 'folder to import (recursively; dot folders and node_modules are skipped)')
      .option('--force', 'overwrite specs that changed on the server since the last import or export', false)
      .option('-q, --quiet', 'print only failures', false)
      .option('--max-size <size>', 'largest file to import, e.g. 512KB, 10MB', parseSize, DEFAULT_MAX_BYTES);
    addConnectionOptions(command).action(async (dir: string, flags: ImportFlags) => {
      // Loaded here so that other commands do not pay for the HTTP client at start-up.
      const [{ resolveConnection }, { importFolder }] = await Promise.all([import('../remote/connection.js'), import('../remote/import-specs.js')]);
      const connection = resolveConnection(flags, ctx.io.env);
      ctx.exitWith(await importFolder(ctx, connection, { dir, force: flags.force, quiet: flags.quiet, maxBytes: flags.maxSize }));
    });
  },
};
