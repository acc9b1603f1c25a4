import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { buildApp, type App, type BuildOptions } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import type { Role, Scope } from '../../src/server/db/index.js';
import type { Clock } from '../../src/server/services/context.js';
import { ApiClient } from './harness-client.js';
import type { TestDatabase } from './harness.js';

export interface TestServerOptions {
  /** Environment variables for loadConfig (the database always comes from the harness). */
  readonly env?: Readonly<Record<string, string>>;
  /** Last word on the configuration. */
  readonly config?: Partial<Config>;
  /** Co-editing timings (docs/collab.md), e.g. a long checkpoint debounce. */
  readonly collab?: BuildOptions['collab'];
}

export interface TestClock extends Clock {
  /** Moves service time forward (expiring sessions, tokens, invites). */
  advance(ms: number): void;
}

export interface SignedInUser {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly name: string;
  /** Holds this user's session cookie. */
  readonly client: ApiClient;
}

export interface TestServer {
  readonly baseUrl: string;
  readonly app: App;
  readonly config: Config;
  readonly clock: TestClock;
  /** A client without credentials. */
  anonymous(): ApiClient;
  /** Runs first-run setup: returns the owner (signed in) and the workspace key. */
  setupOwner(input?: { email?: string; workspaceKey?: string }): Promise<SignedInUser & { workspaceKey: string; workspaceId: string }>;
  /** An admin creates an account in the workspace via the API; the new user is signed in. */
  addMember(admin: ApiClient, workspace: string, role: Role): Promise<SignedInUser>;
  signIn(email: string, password: string): Promise<ApiClient>;
  /** Creates a personal API token through the API; returns a client using it. */
  createToken(session: ApiClient, scopes: Scope[], expiresAt?: string | null): Promise<{ id: string; secret: string; client: ApiClient }>;
  /** A unique email address for this server. */
  uniqueEmail(label?: string): string;
  close(): Promise<void>;
}

function testClock(): TestClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** Builds the real app on a random port with the suite's database. */
export async function startTestServer(database: TestDatabase, options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'specboard-data-'));
  const base = loadConfig({
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RATE_LIMIT_STRICT: '100000',
    RATE_LIMIT_WRITE: '100000',
    RATE_LIMIT_READ: '100000',
    ...options.env,
  });
  const config: Config = {
    ...base,
    host: '127.0.0.1',
    port: 0,
    dataDir,
    database: database.config(),
    webDir: join(dataDir, 'no-web-build'),
    ...options.config,
  };
  const clock = testClock();
  const app = await buildApp(config, options.collab === undefined ? { clock } : { clock, collab: options.collab });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = address.replace('[::1]', 'localhost');
  let counter = 0;
  const uniqueEmail = (label = 'user'): string => `${label}-${++counter}-${Math.random().toString(36).slice(2, 8)}@example.com`;

  const signIn = async (email: string, password: string): Promise<ApiClient> => {
    const client = new ApiClient(baseUrl);
    const res = await client.post('/api/v1/auth/sign-in', { email, password });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.text}`);
    return client;
  };

  return {
    baseUrl,
    app,
    config,
    clock,
    anonymous: () => new ApiClient(baseUrl),
    uniqueEmail,
    signIn,
    async setupOwner(input = {}) {
      const client = new ApiClient(baseUrl);
      const email = input.email ?? uniqueEmail('owner');
      const workspaceKey = input.workspaceKey ?? 'SPEC';
      const res = await client.post<{ user: { id: string; name: string }; workspace: { id: string } }>('/api/v1/setup', {
        name: 'Olive Owner',
        email,
        password: TEST_PASSWORD,
        workspace: { name: 'Specs', key: workspaceKey },
      });
      if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${res.text}`);
      return { id: res.body.user.id, email, password: TEST_PASSWORD, name: res.body.user.name, client, workspaceKey, workspaceId: res.body.workspace.id };
    },
    async addMember(admin, workspace, role) {
      const email = uniqueEmail(role);
      const name = `${role[0]?.toUpperCase() ?? ''}${role.slice(1)} Person`;
      const res = await admin.post<{ userId: string }>(`/api/v1/workspaces/${workspace}/members`, { name, email, password: TEST_PASSWORD, role });
      if (res.status !== 201) throw new Error(`adding a member failed: ${res.status} ${res.text}`);
      return { id: res.body.userId, email, password: TEST_PASSWORD, name, client: await signIn(email, TEST_PASSWORD) };
    },
    async createToken(session, scopes, expiresAt = null) {
      const res = await session.post<{ token: { id: string }; secret: string }>('/api/v1/tokens', { name: `test ${scopes.join('+')}`, scopes, expiresAt });
      if (res.status !== 201) throw new Error(`creating a token failed: ${res.status} ${res.text}`);
      return { id: res.body.token.id, secret: res.body.secret, client: new ApiClient(baseUrl, { token: res.body.secret }) };
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs first-run setup and names the parts most suites keep: the owner's signed-in client and the workspace key. */
export async function ownerSession(server: TestServer): Promise<{ owner: ApiClient; ws: string; name: string }> {
  const o = await server.setupOwner();
  return { owner: o.client, ws: o.workspaceKey, name: o.name };
}

/** Starts a server before the suite's tests and closes it after; call the getter inside tests. */
export function useTestServer(database: TestDatabase, options: TestServerOptions = {}): () => TestServer {
  let server: TestServer | null = null;
  beforeAll(async () => {
    server = await startTestServer(database, options);
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (server === null) throw new Error('useTestServer(): the server starts in beforeAll; call the getter inside a test');
    return server;
  };
}
