import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands/index.js';
import type { CliCommand, CliContext } from './context.js';
import { CliError, EXIT_OK, EXIT_USAGE, formatCliError, oneLine } from './errors.js';
import type { CliIo } from './io.js';
import { packageVersion } from './version.js';

/** The top-level program with every command registered; output goes to `ctx.io`. */
export function createProgram(ctx: CliContext, commands: readonly CliCommand[] = COMMANDS): Command {
  const program = new Command('specboard')
    .description('Write, lint and manage technical specifications from templates.')
    .version(ctx.version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
      // Errors are printed by runCli, in the CLI's one-line format.
      outputError: () => undefined,
    })
    .showSuggestionAfterError(true);
  for (const command of commands) command.register(program, ctx);
  return program;
}

/**
 * Runs `specboard` with the arguments after the program name; resolves to the exit code. Every
 * failure is one line on stderr (`specboard: [file: ]message (code)`), never a stack trace unless
 * SPECBOARD_DEBUG is set.
 */
export async function runCli(args: readonly string[], io: CliIo, commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  let exitCode = EXIT_OK;
  const ctx: CliContext = {
    io,
    version: packageVersion(),
    exitWith: (code) => {
      exitCode = Math.max(exitCode, code);
    },
  };
  const program = createProgram(ctx, commands);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportFailure(error, args, program, io);
  }
}

function reportFailure(error: unknown, args: readonly string[], program: Command, io: CliIo): number {
  if (error instanceof CliError) {
    io.stderr.write(`${formatCliError(error)}\n`);
    return error.exitCode;
  }
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT_OK;
    // Help shown because no command was given: it already went to stderr; that run did nothing.
    if (error.code === 'commander.help') return EXIT_USAGE;
    const command = program.commands.find((c) => args.includes(c.name()));
    const code = error.code.replace(/^commander\./, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const message = oneLine(error.message.replace(/^error:\s*/i, ''));
    io.stderr.write(`specboard: ${message} (${code})\n`);
    io.stderr.write(`Run 'specboard ${command ? `${command.name()} ` : ''}--help' for usage.\n`);
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`specboard: internal error: ${oneLine(message)} (internal_error)\n`);
  if (io.env.SPECBOARD_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return EXIT_USAGE;
}
