import type { Command } from 'commander';
import type { CliIo } from './io.js';

/** What every command gets: the outside world and a way to set the exit code. */
export interface CliContext {
  readonly io: CliIo;
  readonly version: string;
  /** Raises the process exit code (a later lower code never hides an earlier higher one). */
  exitWith(code: number): void;
}

/** A command module: one file under src/cli/commands/, listed in commands/index.ts. */
export interface CliCommand {
  readonly name: string;
  /** Adds the command (and its subcommands) to the program. */
  register(program: Command, ctx: CliContext): void;
}
