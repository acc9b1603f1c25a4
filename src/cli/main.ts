// Entry point of the `specboard` command (bin/specboard.js imports the compiled dist/cli/main.js).
import { processIo } from './io.js';
import { runCli } from './run.js';

// `specboard lint ... | head` closes our stdout early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), processIo());
