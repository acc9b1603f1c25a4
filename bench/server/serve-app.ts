// Child entry point: the real Specboard server, configured from the environment exactly as
// `npm start` (src/server/main.ts) is, listening until SIGTERM.
import { loadConfig } from '../../src/server/config.js';
import { startServer } from '../../src/server/server.js';
import { reportReady } from './child.js';

const server = await startServer(loadConfig());
process.once('SIGTERM', () => {
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
reportReady(server.url);
