// A real HTTP server standing in for a webhook receiver: records every request and answers what
// the test says (200 "ok" unless told otherwise).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly deliveryId: string;
  readonly eventId: number;
}

export interface Answer {
  status: number;
  body?: string;
}

export interface Receiver {
  readonly url: string;
  readonly received: Received[];
  /** Status and body for the next requests (default 200 "ok"); a promise holds the answer back until it settles. */
  respond(answer: (request: Received) => Answer | Promise<Answer>): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  let answer: (request: Received) => Answer | Promise<Answer> = () => ({ status: 200, body: 'ok' });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: Received = {
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        deliveryId: String(req.headers['x-specboard-delivery']),
        eventId: Number(req.headers['x-specboard-event-id']),
      };
      received.push(request);
      void Promise.resolve(answer(request)).then(({ status, body = '' }) => res.writeHead(status, { 'content-type': 'text/plain' }).end(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    respond(next) {
      answer = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
