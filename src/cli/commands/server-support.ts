// Shared by the server commands (serve, migrate, user): configuration from the environment and
// server errors turned into the CLI's one-line errors.
import { ConfigError, loadConfig, type Config } from '../../server/config.js';
import { AppError } from '../../server/errors/index.js';
import type { CliIo } from '../io.js';
import { CliError } from '../errors.js';

/** The server configuration from the environment (the same variables as `npm start`). */
export function serverConfig(io: CliIo, overrides: Readonly<Record<string, string | undefined>> = {}): Config {
  try {
    const env = { ...io.env };
    for (const [key, value] of Object.entries(overrides)) if (value !== undefined) env[key] = value;
    return loadConfig(env, io.cwd);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError('invalid_config', error.problems.join('; '));
    throw error;
  }
}

/** Server-side failures (AppError codes such as email_taken) as CLI errors with the same code. */
export function asCliError(error: unknown): unknown {
  if (error instanceof AppError) return new CliError(error.code, error.message);
  return error;
}
