/**
 * Web client (issue #5): the JavaScript the spec page loads (≤ 250 KB gzip; the editor and Mermaid
 * are separate chunks) and the time to render a 100 KB spec (≤ 200 ms) in headless Chromium,
 * read from the page's Performance API (`spec-render`: from the spec's data (with the HTML the server
 * rendered from its Markdown, once per revision: `?include=html`) to sanitizing it into the page,
 * highlighting the visible code and the next frame; start mark in src/web/src/screens/SpecPage.tsx,
 * end mark in src/web/src/markdown/SpecText.tsx). Each run opens the spec in a new page (cold
 * JavaScript). The server's rendering happens in the fetch, before the measure starts (cached per
 * revision, so only the first run's fetch pays it). Needs `npm run build`
 * (dist/) and /usr/bin/chromium.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type { BenchSuite } from './harness.js';

const root = resolve(import.meta.dirname, '..');
const JS_LIMIT_KB = 250;
const RENDER_LIMIT_MS = 200;
const RUNS = 7;

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

/** About `bytes` of spec Markdown: sections of prose, lists, a table and fenced code. */
function bigSpec(bytes: number): string {
  const parts = ['# Large spec', ''];
  for (let i = 1; parts.join('\n').length < bytes; i++) {
    parts.push(`## Section ${i}`, '', `Requests in section ${i} are limited per client with a token bucket; each **burst** refills over *time*, see [the RFC](https://example.com/rfc/${i}).`, '');
    parts.push('- first point with `code`', '- second point', '- [x] done item', '');
    parts.push('| Setting | Default |', '|---------|---------|', `| burst | ${i} |`, '');
    parts.push('```ts', `const limit${i}: number = ${i * 10}; // per second`, 'export function refill(tokens: number): number {', '  return Math.min(tokens + 1, limit);', '}', '```', '');
  }
  return parts.join('\n');
}

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server not ready at ${url}`);
}

export const suite: BenchSuite = {
  name: 'web',
  description: 'spec page in headless Chromium: JavaScript loaded (gzip) and time to render a 100 KB spec',
  async run(ctx) {
    if (!existsSync(join(root, 'dist/web/index.html')) || !existsSync(join(root, 'dist/server/main.js'))) {
      ctx.check('built', false, 'dist/ missing: run npm run build');
      return;
    }
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'specboard-bench-web-'));
    const server = spawn(process.execPath, ['dist/server/main.js'], {
      cwd: root,
      stdio: 'ignore',
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: `sqlite:${join(dataDir, 'specboard.db')}`, LOG_LEVEL: 'warn', RATE_LIMIT_STRICT: '1000', REDIS_URL: '' },
    });
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    try {
      await waitReady(`${base}/readyz`);
      const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
      const headers = { origin: base, 'x-specboard-csrf': '1' };
      const setup = await context.request.post('/api/v1/setup', {
        headers,
        data: { name: 'Bench Owner', email: 'bench@example.com', password: 'bench password', workspace: { name: 'Bench', key: 'BENCH' } },
      });
      if (setup.status() !== 201) throw new Error(`setup: ${setup.status()}`);
      const markdown = bigSpec(100 * 1024);
      const created = await context.request.post('/api/v1/workspaces/BENCH/specs', { headers, data: { markdown } });
      if (created.status() !== 201) throw new Error(`create spec: ${created.status()}`);
      const { number } = (await created.json()) as { number: number };

      const times: number[] = [];
      let scripts = new Map<string, number>();
      for (let run = 0; run < RUNS; run++) {
        const page = await context.newPage();
        const seen = new Map<string, number>();
        page.on('response', (response) => {
          if (response.request().resourceType() !== 'script') return;
          void response.body().then((body) => seen.set(new URL(response.url()).pathname, gzipSync(body, { level: 9 }).length), () => undefined);
        });
        await page.goto(`/w/BENCH/specs/${number}`);
        await page.waitForFunction(() => performance.getEntriesByName('spec-render').length > 0, null, { timeout: 30_000 });
        times.push(await page.evaluate(() => performance.getEntriesByName('spec-render')[0]?.duration ?? -1));
        await page.waitForLoadState('networkidle');
        if (run === 0) scripts = seen;
        await page.close();
      }
      const totalKb = [...scripts.values()].reduce((a, b) => a + b, 0) / 1024;
      ctx.report(`spec page scripts: ${[...scripts.entries()].map(([path, size]) => `${path.replace('/assets/', '')} ${(size / 1024).toFixed(1)} KB`).join(', ')}`);
      const lazy = [...scripts.keys()].filter((path) => /EditorScreen|mermaid/i.test(path));
      ctx.check('spec-page-js', totalKb <= JS_LIMIT_KB && lazy.length === 0, `${totalKb.toFixed(1)} KB gzip (limit ${JS_LIMIT_KB})${lazy.length > 0 ? `; loaded lazily-meant chunks ${lazy.join(', ')}` : '; editor and Mermaid not loaded'}`);
      const sorted = [...times].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)] ?? -1;
      ctx.report(`100 KB spec (${(markdown.length / 1024).toFixed(0)} KB) render runs: ${times.map((t) => t.toFixed(1)).join(', ')} ms`);
      ctx.check('render-100kb', median <= RENDER_LIMIT_MS, `median ${median.toFixed(1)} ms of ${RUNS} (limit ${RENDER_LIMIT_MS}), worst ${(sorted[sorted.length - 1] ?? -1).toFixed(1)} ms`);
    } finally {
      await browser.close();
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
