// A redis-server of the test's own on a spare port, which the test may stop and start again
// (never the shared one on 6379).
import { execFileSync } from 'node:child_process';
import { Redis } from 'ioredis';

export interface OwnRedis {
  readonly url: string;
  readonly port: number;
  start(): Promise<void>;
  /** `SHUTDOWN NOSAVE`: the server is gone when this resolves. */
  stop(): Promise<void>;
}

async function answers(port: number): Promise<boolean> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 500 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server: ${what}`);
}

export function ownRedis(): OwnRedis {
  const port = 6390 + Math.floor(Math.random() * 2000);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      execFileSync('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'yes']);
      await until(() => answers(port), `did not start on port ${port}`);
    },
    async stop() {
      try {
        execFileSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave'], { stdio: 'ignore' });
      } catch {
        // The connection drops as the server exits; redis-cli may report that.
      }
      await until(async () => !(await answers(port)), `still answers on port ${port}`);
    },
  };
}
