// Redis stops while people co-edit one spec on two nodes (issue #8): co-editors on the same node keep
// converging (each node serves its own connections from the database), and when Redis returns the
// two nodes exchange what they missed and everyone converges, each edit once, also in the stored
// Markdown. Uses a redis-server of its own (own-redis.ts), stopped and started for real.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient, describeEachDatabase } from '../harness.js';
import { collabClient, eventually, type CollabClient } from '../collab/collab-client.js';
import { createSpec, specsPath, type SpecBody } from '../specs/helpers.js';
import { ownRedis, type OwnRedis } from './own-redis.js';
import { startTwoNodes, type NodeProcess, type TwoNodes } from './processes.js';

const WS = 'CRO';
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDatabase('co-editing on two nodes while Redis is down', (database) => {
  let redis: OwnRedis;
  let nodes: TwoNodes;
  let a: NodeProcess;
  let b: NodeProcess;
  let onA: ApiClient;
  let onB: ApiClient;
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    redis = ownRedis();
    await redis.start();
    nodes = await startTwoNodes(database, { redisUrl: redis.url, keyPrefix: `collab_outage_${database.dialect}:`, key: WS, owner: 'Outage' });
    ({ a, b, onA, onB } = nodes);
  }, 120_000);
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await nodes.stop();
    await redis.stop().catch(() => undefined);
  });

  const open = async (client: ApiClient, baseUrl: string, spec: SpecBody): Promise<CollabClient> => {
    const c = collabClient(baseUrl, client, spec.id);
    clients.push(c);
    await c.synced;
    return c;
  };
  const same = (cs: readonly CollabClient[], tokens: readonly string[]): boolean => {
    const text = cs[0]?.text.toJSON() ?? '';
    return cs.every((c) => c.text.toJSON() === text) && tokens.every((t) => text.includes(t));
  };
  /**
   * Each co-editor types `count` tokens ` <name><tag><i>.` at the start of the second line (the end
   * of the text is the managed footer, which a checkpoint keeps true); the tokens typed.
   */
  const type = async (editors: Readonly<Record<string, CollabClient>>, count: number, tag: string): Promise<string[]> => {
    const tokens: string[] = [];
    for (let i = 0; i < count; i++) {
      for (const [name, c] of Object.entries(editors)) {
        const token = ` ${name}${tag}${i}.`;
        c.text.insert(c.text.toJSON().indexOf('\n') + 1, token);
        tokens.push(token);
      }
      await pause(5);
    }
    return tokens;
  };
  const once = (text: string, tokens: readonly string[]): void => {
    for (const t of tokens) expect(text.split(t).length, `${t} once in:\n${text}`).toBe(2);
  };

  it('co-editors on one node keep converging without Redis; both nodes converge when it returns, each edit once', async () => {
    const spec = await createSpec(onA, WS, { title: 'Redis outage while co-editing' });
    const a1 = await open(onA, a.baseUrl, spec);
    const a2 = await open(onA, a.baseUrl, spec);
    const b1 = await open(onB, b.baseUrl, spec);
    const before = await type({ a1, a2, b1 }, 5, 'x');
    await eventually('all three converged through Redis', () => same([a1, a2, b1], before), 20_000);

    await redis.stop();
    const onNodeA = await type({ a1, a2 }, 10, 'y');
    const onNodeB = await type({ b1 }, 10, 'y');
    // Node A serves its own co-editors without Redis.
    await eventually('the co-editors on node A converged without Redis', () => same([a1, a2], onNodeA), 20_000);
    expect(b1.text.toJSON()).toContain(onNodeB.at(-1));
    // Each node stored what its co-editors typed: a new co-editor on node B sees B's edits.
    const b2 = await open(onB, b.baseUrl, spec);
    await eventually('a second co-editor on node B converged with the first', () => same([b1, b2], onNodeB), 20_000);

    await redis.start();
    const all = [...before, ...onNodeA, ...onNodeB];
    await eventually('both nodes exchanged what they missed and everyone converged', () => same([a1, a2, b1, b2], all), 30_000);
    once(a1.text.toJSON(), all);
    // Typing goes through Redis again.
    const after = await type({ a1, b1 }, 3, 'z');
    await eventually('edits reach the other node through Redis again', () => same([a1, a2, b1, b2], after), 20_000);

    for (const c of [a1, a2, b1, b2]) c.destroy();
    let markdown = '';
    await eventually('the checkpoints stored every edit once', async () => {
      const res = await onB.get<SpecBody>(specsPath(WS, spec.number));
      markdown = res.body.markdown;
      return [...all, ...after].every((t) => markdown.split(t).length === 2);
    }, 20_000).catch(() => undefined);
    once(markdown, [...all, ...after]);
  }, 120_000);
});
