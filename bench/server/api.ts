// The few API calls the benchmarks make outside the timed loops: first-run setup, an API token,
// creating specs. Plain fetch, as any client would.

export interface BenchOwner {
  readonly userId: string;
  readonly workspaceId: string;
  readonly workspaceKey: string;
  /** An API token with the read and write scopes (the timed requests authenticate with it). */
  readonly token: string;
}

const PASSWORD = 'correct horse battery staple';

export class ApiError extends Error {
  constructor(what: string, status: number, body: string) {
    super(`${what}: HTTP ${status} ${body.slice(0, 500)}`);
    this.name = 'ApiError';
  }
}

/** Runs first-run setup on a fresh server, then creates a read+write API token through the session. */
export async function setUpOwner(baseUrl: string, workspaceKey = 'BENCH'): Promise<BenchOwner> {
  const setup = await fetch(`${baseUrl}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench Owner', email: 'bench@example.com', password: PASSWORD, workspace: { name: 'Bench', key: workspaceKey } }),
  });
  const setupText = await setup.text();
  if (setup.status !== 201) throw new ApiError('setup', setup.status, setupText);
  const created = JSON.parse(setupText) as { user: { id: string }; workspace: { id: string } };
  const cookie = setup.headers.getSetCookie().map((line) => line.split(';')[0] ?? '').find((pair) => pair.startsWith('specboard_session='));
  if (cookie === undefined) throw new Error('setup: no session cookie');

  const tokenResponse = await fetch(`${baseUrl}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: new URL(baseUrl).origin, 'x-specboard-csrf': '1' },
    body: JSON.stringify({ name: 'bench', scopes: ['read', 'write'], expiresAt: null }),
  });
  const tokenText = await tokenResponse.text();
  if (tokenResponse.status !== 201) throw new ApiError('creating a token', tokenResponse.status, tokenText);
  const { secret } = JSON.parse(tokenText) as { secret: string };
  return { userId: created.user.id, workspaceId: created.workspace.id, workspaceKey, token: secret };
}

export interface CreatedSpec {
  readonly id: string;
  readonly number: number;
  readonly etag: string;
  /** Path of the spec below /api/v1, e.g. /workspaces/BENCH/specs/3 */
  readonly path: string;
}

/** Creates a spec from Markdown (stored byte for byte) through POST .../specs. */
export async function createSpecOverHttp(baseUrl: string, owner: BenchOwner, markdown: string, labels: readonly string[] = []): Promise<CreatedSpec> {
  const response = await fetch(`${baseUrl}/api/v1/workspaces/${owner.workspaceKey}/specs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
    body: JSON.stringify({ markdown, labels }),
  });
  const text = await response.text();
  if (response.status !== 201) throw new ApiError('creating a spec', response.status, text);
  const etag = response.headers.get('etag');
  if (etag === null) throw new Error('creating a spec: no ETag header');
  const spec = JSON.parse(text) as { id: string; number: number };
  return { id: spec.id, number: spec.number, etag, path: `/workspaces/${owner.workspaceKey}/specs/${spec.number}` };
}
