// The options every command that talks to a server shares. Kept free of the HTTP client so that
// registering the commands costs nothing at start-up.
import type { Command } from 'commander';

/** What `--server`, `--token` and `--workspace` parse to (each may instead come from the environment). */
export interface ConnectionFlags {
  server?: string;
  token?: string;
  workspace?: string;
}

/** Adds `--server`, `--token` and `-w, --workspace` to a command. */
export function addConnectionOptions(command: Command): Command {
  return command
    .option('-w, --workspace <key>', 'workspace key or id (SPECBOARD_WORKSPACE)')
    .option('--server <url>', 'Specboard server, e.g. https://specs.example.com (SPECBOARD_URL)')
    .option('--token <token>', 'API token (SPECBOARD_TOKEN; the variable keeps it out of the process list)');
}
