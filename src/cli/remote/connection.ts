import { CliError } from '../errors.js';
import type { ConnectionFlags } from './options.js';

/** Where the server's API is and how to authenticate to it. */
export interface Connection {
  /** The server as given, normalised to end with `/` (a path prefix behind a proxy is kept). */
  readonly server: URL;
  /** `<server>/api/v1/`. */
  readonly api: URL;
  readonly token: string;
  /** Workspace key or id. */
  readonly workspace: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function given(flag: string | undefined, env: Env, variable: string): string | undefined {
  const value = (flag ?? env[variable])?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/**
 * The connection from flags, falling back to SPECBOARD_URL, SPECBOARD_TOKEN and
 * SPECBOARD_WORKSPACE; anything missing or malformed is a usage error (exit 2) saying what to set.
 */
export function resolveConnection(flags: ConnectionFlags, env: Env): Connection {
  const server = given(flags.server, env, 'SPECBOARD_URL');
  if (server === undefined) {
    throw new CliError('server_required', 'no server given: pass --server URL or set SPECBOARD_URL (e.g. https://specs.example.com)');
  }
  const url = parseServerUrl(server);
  const token = given(flags.token, env, 'SPECBOARD_TOKEN');
  if (token === undefined) {
    throw new CliError('token_required', 'no API token given: set SPECBOARD_TOKEN or pass --token (create one in Settings > API tokens)');
  }
  if (/\s/.test(token)) throw new CliError('invalid_token_format', 'the API token contains white space');
  const workspace = given(flags.workspace, env, 'SPECBOARD_WORKSPACE');
  if (workspace === undefined) throw new CliError('workspace_required', 'no workspace given: pass --workspace KEY or set SPECBOARD_WORKSPACE');
  return { server: url, api: new URL('api/v1/', url), token, workspace };
}

function parseServerUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliError('invalid_server_url', `${text} is not a URL (expected e.g. https://specs.example.com)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError('invalid_server_url', `${text} is not an http:// or https:// URL`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new CliError('invalid_server_url', 'put the API token in SPECBOARD_TOKEN, not in the server URL');
  }
  url.search = '';
  url.hash = '';
  // Accept the API root too (https://host/api/v1), as people copy it from the API docs.
  url.pathname = url.pathname.replace(/\/api\/v1\/?$/, '/');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}
