// Co-editing across two server processes sharing one database and Redis (issue #8): co-editors on
// different nodes converge, and with node A killed (SIGKILL) mid-edit every update that reached a
// server is still there, and a client configured with both addresses moves to B and converges.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient, describeEachDatabase, describeWithRedis } from '../harness.js';
import { collabClient, eventually, type CollabClient } from '../collab/collab-client.js';
import { restReplace, stored } from '../collab/helpers.js';
import { createSpec, specsPath, type SpecBody } from '../specs/helpers.js';
import { failoverClient, type FailoverClient } from './failover-client.js';
import { startTwoNodes, type NodeProcess, type TwoNodes } from './processes.js';

const WS = 'CNO';
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const secondLine = (c: CollabClient): number => c.text.toJSON().indexOf('\n') + 1;

describeWithRedis('cluster', (redis) => {
  describeEachDatabase('co-editing on two nodes', (database) => {
    let nodes: TwoNodes;
    let a: NodeProcess;
    let b: NodeProcess;
    let onA: ApiClient;
    let onB: ApiClient;
    const clients: { destroy(): void }[] = [];

    beforeAll(async () => {
      nodes = await startTwoNodes(database, { redisUrl: redis().url, keyPrefix: `${redis().keyPrefix}${database.dialect}:`, key: WS, owner: 'Nodes' });
      ({ a, b, onA, onB } = nodes);
    }, 120_000);
    afterAll(async () => {
      for (const c of clients) c.destroy();
      await nodes.stop();
    });

    const open = async (client: ApiClient, baseUrl: string, spec: SpecBody): Promise<CollabClient> => {
      const c = collabClient(baseUrl, client, spec.id);
      clients.push(c);
      await c.synced;
      return c;
    };
    const markdownOn = async (client: ApiClient, spec: SpecBody): Promise<string> => {
      const res = await client.get<SpecBody>(specsPath(WS, spec.number));
      expect(res.status, res.text).toBe(200);
      return res.body.markdown;
    };

    it('two co-editors on different nodes converge to the same text', async () => {
      const spec = await createSpec(onA, WS, { title: 'Across nodes' });
      const onNodeA = await open(onA, a.baseUrl, spec);
      const onNodeB = await open(onB, b.baseUrl, spec);
      // Typing at once on both nodes, each at the end of the text (concurrent inserts at one place).
      for (let i = 0; i < 20; i++) {
        onNodeA.text.insert(onNodeA.text.length, ` a${i}.`);
        onNodeB.text.insert(onNodeB.text.length, ` b${i}.`);
        await pause(5);
      }
      onNodeA.text.insert(0, 'A first. ');
      await eventually('both co-editors hold the same text', () => onNodeA.text.toJSON() === onNodeB.text.toJSON() && onNodeA.text.toJSON().includes(' b19.'), 20_000);
      const text = onNodeA.text.toJSON();
      // Every edit once: none lost, none applied twice.
      for (let i = 0; i < 20; i++) for (const token of [` a${i}.`, ` b${i}.`]) expect(text.split(token).length, token).toBe(2);
      expect(text.startsWith('A first. ')).toBe(true);
      onNodeA.destroy();
      onNodeB.destroy();
    }, 60_000);

    /** Waits until the stored Markdown holds every token exactly once (and says what it holds if not). */
    const storedOnce = async (spec: SpecBody, tokens: readonly string[]): Promise<string> => {
      let markdown = '';
      const once = (): boolean => tokens.every((t) => markdown.split(t).length === 2);
      await eventually('a checkpoint stored every edit once', async () => {
        markdown = await markdownOn(onB, spec);
        return once();
      }, 20_000).catch(() => undefined);
      for (const t of tokens) expect(markdown.split(t).length, `${t} once in:\n${markdown}`).toBe(2);
      return markdown;
    };
    /**
     * Both type at once (` a<tag><i>.` and ` b<tag><i>.`, each at the start of the second line:
     * the end of the text is the managed footer, which a checkpoint keeps true) until their copies
     * converge; the tokens typed.
     */
    const typeOnBoth = async (onNodeA: CollabClient, onNodeB: CollabClient, count: number, tag = ''): Promise<string[]> => {
      for (let i = 0; i < count; i++) {
        onNodeA.text.insert(secondLine(onNodeA), ` a${tag}${i}.`);
        onNodeB.text.insert(secondLine(onNodeB), ` b${tag}${i}.`);
        await pause(5);
      }
      const last = ` b${tag}${count - 1}.`;
      await eventually('converged', () => onNodeA.text.toJSON() === onNodeB.text.toJSON() && onNodeA.text.toJSON().includes(last), 20_000);
      return Array.from({ length: count }, (_, i) => [` a${tag}${i}.`, ` b${tag}${i}.`]).flat();
    };

    it('after co-editing on two nodes, the checkpointed Markdown holds each edit once', async () => {
      const spec = await createSpec(onA, WS, { title: 'Checkpoint across nodes' });
      const onNodeA = await open(onA, a.baseUrl, spec);
      const onNodeB = await open(onB, b.baseUrl, spec);
      const tokens = await typeOnBoth(onNodeA, onNodeB, 10);
      // Both leave: each node checkpoints its copy as its last editor goes.
      onNodeA.destroy();
      onNodeB.destroy();
      await storedOnce(spec, tokens);
      // Opened again (on either node), the live text is the stored Markdown: nothing twice there either.
      const again = await open(onA, a.baseUrl, spec);
      await eventually('the reopened text is the stored Markdown', async () => again.text.toJSON() === (await markdownOn(onA, spec)), 20_000);
      again.destroy();
    }, 60_000);

    it('both nodes asked for a checkpoint at the same moment: at most one revision, each edit once, and the live text is the stored Markdown', async () => {
      const spec = await createSpec(onA, WS, { title: 'Checkpoints at once' });
      const onNodeA = await open(onA, a.baseUrl, spec);
      const onNodeB = await open(onB, b.baseUrl, spec);
      // Into the managed footer too (the text ends with "**Approval Date**: "): the commit empties it
      // again, and that change must reach both live copies once.
      onNodeA.text.insert(onNodeA.text.length, ' typed on A');
      const tokens = await typeOnBoth(onNodeA, onNodeB, 10);
      onNodeA.provider.sendStateless(JSON.stringify({ op: 'checkpoint' }));
      onNodeB.provider.sendStateless(JSON.stringify({ op: 'checkpoint' }));
      await eventually('both replies', () => onNodeA.stateless.length > 0 && onNodeB.stateless.length > 0, 20_000);
      const replies = [onNodeA.stateless[0], onNodeB.stateless[0]].map((r) => JSON.parse(r ?? '{}') as { op: string; created: boolean; revision: number });
      for (const reply of replies) expect(reply.op).toBe('checkpoint');
      // The node that lost the race found its text committed by the other (an idle checkpoint may
      // have come first, then neither made one).
      expect(replies.filter((r) => r.created).length).toBeLessThanOrEqual(1);
      expect(replies[0]?.revision).toBe(replies[1]?.revision);
      const markdown = await storedOnce(spec, [...tokens, '**Approval Date**:']);
      expect(markdown).not.toContain('typed on A');
      expect((await stored(onB, WS, spec)).revision).toBe(replies[0]?.revision);
      // The footer the commit kept true reached both live copies once.
      await eventually('both live copies are the stored Markdown', () => onNodeA.text.toJSON() === markdown && onNodeB.text.toJSON() === markdown, 20_000);
      onNodeA.destroy();
      onNodeB.destroy();
    }, 60_000);

    it('REST edits while people co-edit on two nodes are each merged into the live text once', async () => {
      const spec = await createSpec(onA, WS, { title: 'REST across nodes' });
      const onNodeA = await open(onA, a.baseUrl, spec);
      const onNodeB = await open(onB, b.baseUrl, spec);
      const tokens = await typeOnBoth(onNodeA, onNodeB, 5);
      // Both nodes hear of each revision and reconcile at about the same moment; only one may merge it.
      const lines = Array.from({ length: 6 }, (_, i) => `REST line ${i}.`);
      for (const line of lines) {
        await restReplace(lines.indexOf(line) % 2 === 0 ? onA : onB, WS, spec, (markdown) => markdown.replace('## Overview', `${line}\n\n## Overview`));
        await eventually('both copies hold the REST line', () => onNodeA.text.toJSON() === onNodeB.text.toJSON() && onNodeA.text.toJSON().includes(line), 20_000);
      }
      const more = await typeOnBoth(onNodeA, onNodeB, 2, 'x');
      for (const line of lines) expect(onNodeA.text.toJSON().split(line).length, line).toBe(2);
      onNodeA.destroy();
      onNodeB.destroy();
      await storedOnce(spec, [...tokens, ...more, ...lines]);
    }, 90_000);

    it('co-editors on two nodes also typed into the managed footer: the checkpoint keeps it true, the live copies follow once, each edit once', async () => {
      const spec = await createSpec(onA, WS, { title: 'Footer across nodes' });
      const onNodeA = await open(onA, a.baseUrl, spec);
      const onNodeB = await open(onB, b.baseUrl, spec);
      const tokens = await typeOnBoth(onNodeA, onNodeB, 5);
      // The text ends with "**Approval Date**: ", which a draft keeps empty: both type into it.
      onNodeA.text.insert(onNodeA.text.length, ' typed on A');
      onNodeB.text.insert(onNodeB.text.length, ' typed on B');
      await eventually('converged', () => onNodeA.text.toJSON() === onNodeB.text.toJSON() && onNodeA.text.toJSON().includes('typed on A') && onNodeA.text.toJSON().includes('typed on B'), 20_000);
      onNodeA.destroy();
      onNodeB.destroy();
      const markdown = await storedOnce(spec, [...tokens, '**Approval Date**:', '**Document Status**:']);
      expect(markdown).not.toContain('typed on');
      const again = await open(onB, b.baseUrl, spec);
      await eventually('the reopened text is the stored Markdown', async () => again.text.toJSON() === (await markdownOn(onB, spec)), 20_000);
      again.destroy();
    }, 60_000);

    // Last: it kills node A.
    it('node A killed with SIGKILL mid-edit: updates that reached a server are there through B, and a client with both addresses moves to B and converges', async () => {
      const spec = await createSpec(onB, WS, { title: 'Crash mid-edit' });
      const cookie = onA.cookie;
      if (cookie === null) throw new Error('no session cookie');
      const mover: FailoverClient = failoverClient([a.baseUrl, b.baseUrl], cookie, spec.id);
      clients.push(mover);
      await mover.synced;
      const stayer = await open(onB, b.baseUrl, spec);
      const typed: string[] = [];
      /** Tokens the mover typed that node A acknowledged (no unsynced changes left after them). */
      let acknowledged: string[] = [];
      let stop = false;
      const typeOnA = async (): Promise<void> => {
        for (let i = 0; !stop; i++) {
          const token = ` m${i}.`;
          mover.text.insert(mover.text.length, token);
          typed.push(token);
          await pause(10);
          // Every few edits, let node A catch up (a loaded machine may never show an idle moment otherwise).
          if (i % 5 === 4 && mover.node() === 0) await eventually('node A acknowledged', () => !mover.provider.hasUnsyncedChanges || mover.node() !== 0, 5_000).catch(() => undefined);
          if (mover.node() === 0 && !mover.provider.hasUnsyncedChanges) acknowledged = [...typed];
        }
      };
      const typeOnB = async (): Promise<void> => {
        for (let i = 0; i < 30; i++) {
          stayer.text.insert(stayer.text.length, ` s${i}.`);
          await pause(10);
        }
      };
      const typing = typeOnA();
      const other = typeOnB();
      await eventually('node A acknowledged 20 of the mover\'s edits', () => acknowledged.length >= 20, 20_000);
      await a.kill();
      expect(a.child.signalCode).toBe('SIGKILL');
      const reachedA = acknowledged;
      // A few more edits while the mover finds node B.
      await pause(200);
      stop = true;
      await Promise.all([typing, other]);

      // Through node B, with a fresh connection: everything A acknowledged is there.
      const observer = await open(onB, b.baseUrl, spec);
      await eventually('node B holds every update node A acknowledged', () => reachedA.every((t) => observer.text.toJSON().includes(t)), 20_000);
      // The mover reconnected to B and sent the edits A never got: all three converge.
      await eventually('the mover is on node B and everyone converged', () => {
        const text = observer.text.toJSON();
        return mover.node() === 1 && text === mover.text.toJSON() && text === stayer.text.toJSON() && typed.every((t) => text.includes(t));
      }, 30_000);
      const text = observer.text.toJSON();
      for (let i = 0; i < 30; i++) expect(text).toContain(` s${i}.`);
      // Each token once: no update was applied twice as new text.
      for (const token of typed) expect(text.split(token).length, token).toBe(2);
      mover.destroy();
      stayer.destroy();
      observer.destroy();
      mover.destroy();
      stayer.destroy();
      observer.destroy();
    }, 90_000);
  });
});
