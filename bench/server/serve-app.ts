// Child entry point: the real Specboard server, configured from the environment exactly as
// `npm start` (src/server/main.ts) is, listening until SIGTERM.
import { loadConfig } from '../../src/server/config.js';
import { startServer } from '../../src/server/server.js';
import { reportReady } from './child.js';

const server = await startServer(loadConfig());
// SIGTERM from the bench; a lost IPC channel means the bench process died: never outlive it.
let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('disconnect', stop);
reportReady(server.url);
