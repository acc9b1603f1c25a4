// Two server processes on two ports sharing one database and Redis, as behind a load balancer:
// live events cross nodes, a write through one node is never followed by an older read through
// the other, and a node killed with SIGKILL in the middle of writes loses none it acknowledged.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient, describeEachDatabase, describeWithRedis } from '../harness.js';
import { connect, subscribe } from '../events/ws-client.js';
import type { SpecBody } from '../specs/helpers.js';
import { startTwoNodes, type NodeProcess, type TwoNodes } from './processes.js';

const WS = 'CLU';

describeWithRedis('cluster', (redis) => {
  describeEachDatabase('two server processes', (database) => {
    let nodes: TwoNodes;
    let a: NodeProcess;
    let onA: ApiClient;
    let onB: ApiClient;

    beforeAll(async () => {
      nodes = await startTwoNodes(database, { redisUrl: redis().url, keyPrefix: `${redis().keyPrefix}${database.dialect}:`, key: WS, owner: 'Cluster' });
      ({ a, onA, onB } = nodes);
    }, 120_000);
    afterAll(async () => {
      await nodes.stop();
    });

    const newSpec = async (client: ApiClient, title: string): Promise<SpecBody> => {
      const res = await client.post<SpecBody>(`/api/v1/workspaces/${WS}/specs`, { title });
      expect(res.status, res.text).toBe(201);
      return res.body;
    };
    const put = (client: ApiClient, spec: SpecBody, markdown: string) =>
      client.request<SpecBody>('PUT', `/api/v1/workspaces/${WS}/specs/${spec.number}/content`, { body: { markdown }, headers: { 'if-match': spec.etag } });

    it('a WebSocket subscriber on node A sees a change made through node B', async () => {
      const spec = await newSpec(onA, 'Across nodes');
      const live = await connect(a, { client: onA });
      try {
        expect(await subscribe(live, { spec: spec.key })).toMatchObject({ op: 'subscribed' });
        const res = await put(onB, spec, '# Across nodes\n\nWritten through B.\n');
        expect(res.status, res.text).toBe(200);
        const event = await live.nextEvent((e) => e.type === 'revision.created' && e.data.revision === res.body.revision, 10_000);
        expect(event).toMatchObject({ specId: spec.id });
      } finally {
        live.close();
      }
    });

    it('once a write through B has answered, a read through A never returns older content (200 rounds)', async () => {
      let spec = await newSpec(onB, 'Cache loop');
      for (let i = 0; i < 200; i++) {
        const markdown = `# Cache loop\n\nRound ${i}.\n`;
        const written = await put(onB, spec, markdown);
        expect(written.status, written.text).toBe(200);
        spec = written.body;
        const read = await onA.get<SpecBody>(`/api/v1/workspaces/${WS}/specs/${spec.number}`);
        expect(read.status).toBe(200);
        if (read.body.markdown !== markdown || read.body.revision !== spec.revision) {
          throw new Error(`round ${i}: node A returned revision ${read.body.revision} after B answered ${spec.revision}`);
        }
        expect(read.headers.get('etag')).toBe(spec.etag);
      }
    }, 120_000);

    it('node A killed with SIGKILL in the middle of REST writes: every acknowledged write is there through B', async () => {
      const acknowledged: { number: number; revision: number; markdown: string }[] = [];
      let stop = false;
      // Four writers, each on a spec of its own, as fast as A answers, until A is gone.
      const writer = async (w: number): Promise<void> => {
        let spec = await newSpec(onA, `Writer ${w}`);
        acknowledged.push({ number: spec.number, revision: spec.revision, markdown: spec.markdown });
        for (let i = 0; !stop; i++) {
          const markdown = `# Writer ${w}\n\nWrite ${i}.\n`;
          let res;
          try {
            res = await put(onA, spec, markdown);
          } catch {
            return; // the connection died with the node: not acknowledged
          }
          if (res.status !== 200) return;
          spec = res.body;
          acknowledged.push({ number: spec.number, revision: spec.revision, markdown });
        }
      };
      const writers = [0, 1, 2, 3].map(writer);
      await expect.poll(() => acknowledged.length, { timeout: 30_000, interval: 5 }).toBeGreaterThanOrEqual(40);
      await a.kill();
      stop = true;
      await Promise.all(writers);
      expect(a.child.signalCode).toBe('SIGKILL');
      for (const write of acknowledged) {
        const res = await onB.get<{ markdown: string }>(`/api/v1/workspaces/${WS}/specs/${write.number}/revisions/${write.revision}`);
        expect(res.status, `spec ${write.number} revision ${write.revision}`).toBe(200);
        expect(res.body.markdown).toBe(write.markdown);
      }
      // And B keeps serving writes.
      const after = await newSpec(onB, 'After the crash');
      expect(after.number).toBeGreaterThan(0);
    }, 120_000);
  });
});
