// Event ids follow commit order even when transactions race (PostgreSQL assigns them at commit
// under an advisory lock; SQLite has one writer): a reader that only ever asks for "after my
// cursor" never skips an event that commits later with a smaller id.
import { beforeAll, expect, it } from 'vitest';
import { latestEventId, readEvents } from '../../../src/server/events/outbox.js';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient } from '../harness.js';
import { createSpec, putContent, type SpecBody } from '../specs/helpers.js';
import { connect, subscribe, type EventEnvelopeLike } from './ws-client.js';

describeEachDatabase('live events: ids in commit order', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let ws: string;
  beforeAll(async () => {
    ({ owner, ws } = await ownerSession(server()));
  });

  it('ids are monotonic under concurrent writes: a polling reader and a subscriber miss none', async () => {
    const s = server();
    const { db } = s.app.deps;
    const specs: SpecBody[] = [];
    for (let i = 0; i < 6; i++) specs.push(await createSpec(owner, ws, { title: `Race ${i}` }));
    const live = await connect(s, { client: owner });
    await subscribe(live, { workspace: ws });
    const start = await latestEventId(db);

    // A reader that trusts the ids: everything after its cursor, again and again.
    const polled: number[] = [];
    let writing = true;
    const poller = (async () => {
      let cursor = start;
      while (writing) {
        const rows = await readEvents(db, cursor, Number.MAX_SAFE_INTEGER, 1000);
        for (const row of rows) polled.push(row.envelope.id);
        cursor = rows.at(-1)?.envelope.id ?? cursor;
        await new Promise((r) => setImmediate(r));
      }
      for (const row of await readEvents(db, cursor, Number.MAX_SAFE_INTEGER, 1000)) polled.push(row.envelope.id);
    })();

    const rounds = 5;
    for (let round = 0; round < rounds; round++) {
      const results = await Promise.all(specs.map((spec, i) => putContent(owner, ws, spec.number, `# Race ${i}\n\nRound ${round}.\n`, `"${spec.id}:${round + 1}"`)));
      for (const res of results) expect(res.status, res.text).toBe(200);
    }
    writing = false;
    await poller;

    const stored = (await db.selectFrom('eventOutbox').select('id').where('id', '>', start).orderBy('id').execute()).map((r) => Number(r.id));
    expect(stored.length).toBe(specs.length * rounds * 2);
    expect(polled).toEqual(stored);

    const delivered: EventEnvelopeLike[] = [];
    while (delivered.length < stored.length) delivered.push(await live.nextEvent((e) => e.id > start));
    expect(delivered.map((e) => e.id)).toEqual(stored);
    live.close();
  });
});
