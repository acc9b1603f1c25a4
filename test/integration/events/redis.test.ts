// Several server instances on one database: the Redis bus carries "events up to N" notices and
// presence between them, so a change made through one reaches subscribers of the other at once.
import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { describeEachDatabase, describeWithRedis, startTestServer } from '../harness.js';
import { createSpec, putContent } from '../specs/helpers.js';
import { connect, subscribe } from './ws-client.js';

describeWithRedis('live events across instances', (redis) => {
  describeEachDatabase('two servers on one database', (database) => {
    it('an edit through one server reaches a subscriber of the other (notices on Redis), with presence and revocation', async () => {
      const prefix = `${redis().keyPrefix}${database.dialect}:events:`;
      const env = { REDIS_URL: redis().url, REDIS_KEY_PREFIX: prefix };
      const a = await startTestServer(database, { env });
      const b = await startTestServer(database, { env });
      const listener = new Redis(redis().url, { lazyConnect: true, maxRetriesPerRequest: 1 });
      try {
        const setup = await a.setupOwner({ workspaceKey: 'MULTI' });
        const owner = setup.client;
        const member = await a.addMember(owner, 'MULTI', 'viewer');
        const spec = await createSpec(owner, 'MULTI', { title: 'Two nodes' });
        await listener.connect();
        const notices: string[] = [];
        listener.on('message', (_channel: string, message: string) => notices.push(message));
        await listener.subscribe(`${prefix}events:outbox`);

        const onA = await connect(a, { client: owner });
        await subscribe(onA, { spec: spec.key });
        const onB = await connect(b, { client: member.client });
        const subscribed = await subscribe(onB, { spec: spec.key });
        expect(subscribed).toMatchObject({ op: 'subscribed', specId: spec.id });
        // B heard of A's viewer through Redis; A hears of B's.
        expect((subscribed.viewers as { userId: string }[]).map((v) => v.userId).sort()).toEqual([setup.id, member.id].sort());
        expect(await onA.next((m) => m.op === 'presence' && (m.viewer as { userId: string }).userId === member.id)).toMatchObject({ state: 'join', specId: spec.id });

        const before = Date.now();
        expect((await putContent(owner, 'MULTI', spec.number, '# Two nodes\n\nChanged on A.\n', spec.etag)).status).toBe(200);
        const event = await onB.nextEvent((e) => e.type === 'revision.created');
        expect(Date.now() - before).toBeLessThan(1000);
        // On Redis a notice is `<sending node>|<message>` (a node handles its own messages locally).
        expect(notices.map((n) => (JSON.parse(n.slice(n.indexOf('|') + 1)) as { upTo: number }).upTo)).toContain(event.id);

        // Removed through A: B's connection closes within a second.
        const removedAt = Date.now();
        expect((await owner.delete(`/api/v1/workspaces/MULTI/members/${member.id}`)).status).toBe(204);
        const closed = await onB.closed;
        expect(closed.code).toBe(4403);
        expect(closed.at - removedAt).toBeLessThan(1000);
        onA.close();
      } finally {
        listener.disconnect();
        await a.close();
        await b.close();
      }
    });
  });

  // Its own database (first-run setup happens once per database).
  describeEachDatabase('two servers on one database, signing out', (database) => {
    it('signing out through one server closes that session\'s connection on the other within a second (4401)', async () => {
      const env = { REDIS_URL: redis().url, REDIS_KEY_PREFIX: `${redis().keyPrefix}${database.dialect}:signout:` };
      const a = await startTestServer(database, { env });
      const b = await startTestServer(database, { env });
      try {
        const setup = await a.setupOwner({ workspaceKey: 'OUT' });
        const onB = await connect(b, { client: setup.client });
        await subscribe(onB, { workspace: 'OUT' });
        const before = Date.now();
        expect((await setup.client.post('/api/v1/auth/sign-out')).status).toBe(204);
        const closed = await onB.closed;
        expect(closed).toMatchObject({ code: 4401, reason: 'credentials_revoked' });
        expect(closed.at - before).toBeLessThan(1000);
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
});
