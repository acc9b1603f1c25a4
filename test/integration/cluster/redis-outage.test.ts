// Redis unavailable: two nodes keep serving reads and writes from the database, /readyz says
// "degraded" (still 200), events still reach other nodes (through the outbox poll), and everything
// goes back to Redis when it returns. Uses a redis-server of its own, stopped and started for real.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, startTestServer, type ApiClient, type TestServer } from '../harness.js';
import { createSpec, getSpec, putContent } from '../specs/helpers.js';
import { connect, subscribe } from '../events/ws-client.js';
import { ownRedis, type OwnRedis } from './own-redis.js';

interface Ready {
  status: string;
  redis?: string;
}

async function readiness(server: TestServer): Promise<{ code: number; body: Ready }> {
  const res = await server.anonymous().get<Ready>('/readyz');
  return { code: res.status, body: res.body };
}

describeEachDatabase('Redis outage', (database) => {
  let redis: OwnRedis;
  let nodes: TestServer[] = [];
  beforeAll(async () => {
    redis = ownRedis();
    await redis.start();
    const env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: `outage_${database.dialect}:` };
    nodes = [await startTestServer(database, { env }), await startTestServer(database, { env })];
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.close()));
    await redis.stop().catch(() => undefined);
  });

  it('serves reads and writes without Redis, reports degraded, and recovers when Redis returns', async () => {
    const [a, b] = nodes;
    if (a === undefined || b === undefined) throw new Error('two nodes expected');
    for (const node of nodes) expect(await readiness(node)).toEqual({ code: 200, body: { status: 'ready', database: database.dialect, redis: 'ok' } });
    const setup = await a.setupOwner({ workspaceKey: 'OUT' });
    const onB: ApiClient = await b.signIn(setup.email, setup.password);
    let spec = await createSpec(setup.client, 'OUT', { title: 'Outage' });
    const live = await connect(b, { client: onB });
    await subscribe(live, { spec: spec.key });

    await redis.stop();
    for (const node of nodes) {
      await expect.poll(async () => (await readiness(node)).body.status, { timeout: 10_000 }).toBe('degraded');
      expect(await readiness(node)).toEqual({ code: 200, body: { status: 'degraded', database: database.dialect, redis: 'unavailable' } });
    }
    // Writes through A, reads through B, and back; rate-limited routes let requests through.
    for (let i = 0; i < 5; i++) {
      const [writer, reader] = i % 2 === 0 ? [setup.client, onB] : [onB, setup.client];
      const put = await putContent(writer, 'OUT', spec.number, `# Outage\n\nWrite ${i} without Redis.\n`, spec.etag);
      expect(put.status, put.text).toBe(200);
      spec = put.body;
      const read = await getSpec(reader, 'OUT', spec.number);
      expect(read.body.markdown).toBe(`# Outage\n\nWrite ${i} without Redis.\n`);
    }
    // B's subscriber still hears of A's writes: the outbox poll stands in for the Redis notice.
    expect((await live.nextEvent((e) => e.type === 'revision.created' && e.data.revision === spec.revision - 1, 10_000)).specId).toBe(spec.id);

    await redis.start();
    for (const node of nodes) await expect.poll(async () => (await readiness(node)).body, { timeout: 15_000 }).toEqual({ status: 'ready', database: database.dialect, redis: 'ok' });
    const listener = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await listener.connect();
      const notices: string[] = [];
      listener.on('message', (_channel: string, message: string) => notices.push(message));
      await listener.subscribe(`outage_${database.dialect}:events:outbox`);
      const put = await putContent(setup.client, 'OUT', spec.number, '# Outage\n\nRedis is back.\n', spec.etag);
      expect(put.status).toBe(200);
      const event = await live.nextEvent((e) => e.type === 'revision.created' && e.data.revision === put.body.revision, 10_000);
      // The notice went over Redis again.
      await expect.poll(() => notices.some((n) => n.includes(`"upTo":${event.id}`)), { timeout: 5000 }).toBe(true);
    } finally {
      listener.disconnect();
      live.close();
    }
  });
});
