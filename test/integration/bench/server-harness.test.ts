// The server benchmark's moving parts against a real server process (no timings asserted: speed
// belongs in bench/): servers start and stop, the baseline replays the app's response byte for
// byte, load runs refuse error responses, seeding makes specs the API lists and finds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpecOverHttp, setUpOwner, type BenchOwner } from '../../../bench/server/api.js';
import { measureLatency } from '../../../bench/server/latency.js';
import { LoadRunError, runLoad } from '../../../bench/server/load.js';
import { postgresUnavailable } from '../../../bench/server/postgres.js';
import { BARE_PATH, recordResponse } from '../../../bench/server/recorded.js';
import { seedSpecs } from '../../../bench/server/seed.js';
import { startAppServer, startBareServer, type AppServer } from '../../../bench/server/servers.js';
import { RARE_WORD, specOfSize } from '../../../bench/server/spec-text.js';
import { measureSqliteSize } from '../../../bench/server/sqlite-size.js';

describe('bench/server harness', () => {
  let app: AppServer;
  let owner: BenchOwner;
  let auth: Record<string, string>;

  beforeAll(async () => {
    app = await startAppServer({ logLevel: 'silent' });
    owner = await setUpOwner(app.url);
    auth = { authorization: `Bearer ${owner.token}` };
  });
  afterAll(async () => {
    await app.stop();
  });

  it('starts the app as its own process and authenticates the API token it set up', async () => {
    expect(app.pid).not.toBe(process.pid);
    const me = await fetch(`${app.url}/api/v1/me`, { headers: auth });
    expect(me.status).toBe(200);
  });

  it('the bare baseline sends the recorded status, headers and body of the app route', async () => {
    const spec = await createSpecOverHttp(app.url, owner, specOfSize(5 * 1024));
    const url = `${app.url}/api/v1${spec.path}`;
    const recorded = await recordResponse(url, auth);
    const bare = await startBareServer(recorded);
    try {
      const [fromApp, fromBare] = await Promise.all([fetch(url, { headers: auth }), fetch(`${bare.url}${BARE_PATH}`, { headers: auth })]);
      expect(fromBare.status).toBe(fromApp.status);
      expect(await fromBare.text()).toBe(await fromApp.text());
      for (const name of ['content-type', 'etag', 'cache-control', 'vary', 'content-length']) expect(fromBare.headers.get(name)).toBe(fromApp.headers.get(name));
      const load = await runLoad({ url: `${bare.url}${BARE_PATH}`, headers: auth, connections: 2, durationSeconds: 1 });
      expect(load.requests).toBeGreaterThan(0);
      expect(load.bytesPerRequest).toBeGreaterThan(Buffer.byteLength(recorded.body));
    } finally {
      await bare.stop();
    }
  });

  it('a load run that gets error responses is refused, not reported', async () => {
    await expect(runLoad({ url: `${app.url}/api/v1/me`, connections: 1, durationSeconds: 1 })).rejects.toThrow(LoadRunError);
  });

  it('seeds specs the API then lists by label, pages through and finds by word', async () => {
    const seeded = await seedSpecs({ dialect: 'sqlite', file: app.sqliteFile }, owner, 60, 1);
    expect(seeded.specs).toBe(60);
    expect(seeded.indexedSections).toBeGreaterThanOrEqual(60 * 11);
    const page = (await (await fetch(`${app.url}/api/v1/workspaces/${owner.workspaceKey}/specs?limit=10&label=backend`, { headers: auth })).json()) as { items: { labels: string[] }[]; nextCursor: string | null };
    expect(page.items).toHaveLength(10);
    for (const item of page.items) expect(item.labels).toContain('backend');
    expect(page.nextCursor).not.toBeNull();
    const found = (await (await fetch(`${app.url}/api/v1/search?q=${RARE_WORD}`, { headers: auth })).json()) as { items: { key: string }[] };
    expect(found.items.length).toBeGreaterThan(0);
    // A spec created through the API after seeding takes the next number.
    const after = await createSpecOverHttp(app.url, owner, '# After the seed\n');
    expect(after.number).toBeGreaterThan(60);
    const latency = await measureLatency(`${app.url}/api/v1/search?q=${RARE_WORD}`, { headers: auth, warmup: 1, samples: 5, maxSeconds: 30 });
    expect(latency.samples).toBe(5);
    expect(latency.p50).toBeLessThanOrEqual(latency.p95);
  });

  it('measures the SQLite file after a checkpoint, table by table', async () => {
    const size = await measureSqliteSize(app.sqliteFile);
    expect(size.walBytes).toBe(0);
    expect(size.fileBytes).toBeGreaterThan(0);
    expect(size.objects.get('specs')).toBeGreaterThan(0);
    expect(size.objects.get('revisions')).toBeGreaterThan(0);
  });

  it('says why PostgreSQL cannot be used instead of failing', async () => {
    expect(await postgresUnavailable('postgres://postgres@127.0.0.1:1/none')).toMatch(/ECONNREFUSED|connect/i);
  });
});
