// Child entry point: the baseline. A bare Fastify server with one route that replays a recorded
// response (status, headers, body) from memory: what the same framework on the same process model
// costs when there is no authentication, database, rate limit or logging behind the route.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { reportReady } from './child.js';
import { BARE_PATH, parseRecordedResponse } from './recorded.js';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: serve-bare.ts <recorded-response.json>');
const recorded = parseRecordedResponse(readFileSync(file, 'utf8'));

const app = Fastify({ logger: false });
app.get(BARE_PATH, (_request, reply) => reply.code(recorded.status).headers(recorded.headers).send(recorded.body));
const url = await app.listen({ host: '127.0.0.1', port: 0 });
// SIGTERM from the bench; a lost IPC channel means the bench process died: never outlive it.
let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('disconnect', stop);
reportReady(url);
