// `npm start` entry point: configuration from the environment, then serve until SIGTERM.
import { ConfigError, loadConfig } from './config.js';
import { runServer } from './server.js';

try {
  await runServer(loadConfig());
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`specboard: could not start the server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
}
