import { dirname, relative, resolve } from 'node:path';
import { LintConfigError, validateLintConfig, type LintConfig } from '../core.js';
import { CliError } from '../errors.js';
import { readTextFile } from '../files/read-text-file.js';
import { findConfigFile } from './find-config.js';

const MAX_CONFIG_BYTES = 1024 * 1024;

export interface LoadedConfig {
  /** The file used, as shown in messages; null when none applies. */
  readonly display: string | null;
  readonly lint: LintConfig;
  /** The config's `template`, made relative to `cwd` when it is a path. */
  readonly template: string | undefined;
}

/** Loads `--config FILE`, or else the `.specboard.json` that applies in `cwd` (none is fine). */
export async function loadConfig(explicit: string | undefined, cwd: string): Promise<LoadedConfig> {
  const path = explicit === undefined ? await findConfigFile(cwd) : resolve(cwd, explicit);
  if (path === null) return { display: null, lint: {}, template: undefined };
  const display = explicit ?? (relative(cwd, path) || path);
  const text = await readTextFile(path, display, MAX_CONFIG_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError('invalid_config', `not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { file: display });
  }
  // TypeBox takes ~0.3 s to load: only runs that have a config file pay for it.
  const { checkConfigFile } = await import('./config-schema.js');
  const checked = checkConfigFile(value);
  if ('problem' in checked) throw new CliError('invalid_config', checked.problem, { file: display });
  const { config } = checked;
  let lint: LintConfig;
  try {
    lint = validateLintConfig(config);
  } catch (error) {
    if (error instanceof LintConfigError) throw new CliError(error.code, error.message, { file: display });
    throw error;
  }
  return { display, lint, template: templateRelativeToCwd(config.template, dirname(path), cwd) };
}

function templateRelativeToCwd(template: string | undefined, configDir: string, cwd: string): string | undefined {
  if (template === undefined || !/[\\/]|\.md$/i.test(template)) return template;
  return relative(cwd, resolve(configDir, template)) || template;
}
