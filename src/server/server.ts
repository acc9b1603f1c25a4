import { buildApp, type App, type BuildOptions } from './app.js';
import type { Config } from './config.js';

export interface RunningServer {
  readonly app: App;
  /** e.g. http://127.0.0.1:3000 */
  readonly url: string;
  /** Stops accepting connections, lets in-flight requests finish, closes the database. */
  stop(): Promise<void>;
}

/** Builds the app (migrating the database) and listens on config.host:config.port. */
export async function startServer(config: Config, options: BuildOptions = {}): Promise<RunningServer> {
  const app = await buildApp(config, options);
  try {
    const url = await app.listen({ port: config.port, host: config.host });
    return { app, url, stop: () => app.close() };
  } catch (error) {
    await app.close();
    throw error;
  }
}

/**
 * Runs until SIGTERM or SIGINT, then shuts down gracefully within config.shutdownTimeoutMs
 * (a second signal, or the timeout, ends the process at once with exit code 1).
 */
export async function runServer(config: Config): Promise<void> {
  const server = await startServer(config);
  const log = server.app.log;
  log.info({ url: server.url, database: server.app.database.dialect }, 'specboard server started');
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      log.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out: exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    server.stop().then(
      () => {
        log.info('shutdown complete');
        process.exitCode = 0;
      },
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
