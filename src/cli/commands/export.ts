import type { CliCommand } from '../context.js';
import { addConnectionOptions, type ConnectionFlags } from '../remote/options.js';

interface ExportFlags extends ConnectionFlags {
  manifest?: string;
  force: boolean;
  quiet: boolean;
}

export const exportCommand: CliCommand = {
  name: 'export',
  register(program, ctx) {
    const command = program
      .command('export')
      .description("write every spec of a workspace into a folder as Markdown, exactly as stored")
      .argument('<dir>', 'folder to write to (created if missing)')
      .option('--manifest <file>', "take file paths from this import manifest (default: the folder's own .specboard-import.json)")
      .option('--force', 'overwrite files changed locally or not written by an earlier import or export', false)
      .option('-q, --quiet', 'print only failures', false);
    addConnectionOptions(command).action(async (dir: string, flags: ExportFlags) => {
      // Loaded here so that other commands do not pay for the HTTP client at start-up.
      const [{ resolveConnection }, { exportFolder }] = await Promise.all([import('../remote/connection.js'), import('../remote/export-specs.js')]);
      const connection = resolveConnection(flags, ctx.io.env);
      ctx.exitWith(await exportFolder(ctx, connection, { dir, manifest: flags.manifest, force: flags.force, quiet: flags.quiet }));
    });
  },
};
