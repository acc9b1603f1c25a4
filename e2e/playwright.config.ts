// Browser tests against a real server process (node dist/server/main.js) on a free port with a
// temporary SQLite data directory, in Debian's Chromium (browser downloads are not possible here).
import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

// Workers re-read this file: the runner's choice travels to them in the environment.
process.env.E2E_PORT ??= String(await freePort());
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'specboard-e2e-'));
const port = Number(process.env.E2E_PORT);
const dataDir = process.env.E2E_DATA_DIR;
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: '.',
  outputDir: join(root, 'test-results', 'e2e'),
  // One server, one database: the first-run project creates the owner the others sign in as.
  workers: 1,
  fullyParallel: false,
  forbidOnly: process.env.CI === 'true',
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: join(root, '.e2e-results.json') }]],
  globalTeardown: './teardown.ts',
  use: {
    baseURL,
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage'] },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'first-run', testMatch: /first-run\.setup\.ts/ },
    { name: 'app', testMatch: /\.spec\.ts$/, dependencies: ['first-run'], use: { storageState: join(dataDir, 'owner-state.json') } },
  ],
  webServer: {
    command: 'node dist/server/main.js',
    cwd: root,
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: `sqlite:${join(dataDir, 'specboard.db')}`,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_STRICT: '1000',
      // e2e/webhooks.spec.ts delivers to a receiver on 127.0.0.1, a loopback target refused by default.
      WEBHOOKS_ALLOW_PRIVATE: '1',
    },
  },
});
