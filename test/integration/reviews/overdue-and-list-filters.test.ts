// The insights the web client reads: overdue reviews by reviewer, and the spec list's reviewer
// filters (reviewer of the current version, review still awaited) with reviewers on request.
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient } from '../harness.js';
import type { SignedInUser } from '../harness-server.js';
import { createSpec } from '../specs/helpers.js';
import { assign, ok } from './helpers.js';

const HOUR = 3_600_000;

interface Overdue {
  items: { key: string; version: number; reviewer: { id: string; name: string }; role: string; dueAt: string; overdueMs: number }[];
}
interface ListItem {
  key: string;
  reviewers?: { user: { id: string }; role: string }[];
}

describeEachDatabase('reviews: overdue list and reviewer filters of the spec list', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let ws: string;
  let author: SignedInUser;
  let rita: SignedInUser;
  let sam: SignedInUser;

  beforeAll(async () => {
    const s = server();
    ({ owner, ws } = await ownerSession(s));
    author = await s.addMember(owner, ws, 'editor');
    rita = await s.addMember(owner, ws, 'viewer');
    sam = await s.addMember(owner, ws, 'editor');
  });

  it('lists overdue reviews most overdue first; filters by reviewer and awaited review; adds reviewers on request', async () => {
    const s = server();
    const keys = async (query: string) => (await owner.get<{ items: ListItem[] }>(`/api/v1/workspaces/${ws}/specs?${query}`)).body.items.map((i) => i.key).sort();
    const now = s.clock.now().getTime();
    const early = await createSpec(author.client, ws, { title: 'Early' });
    const late = await createSpec(author.client, ws, { title: 'Late' });
    const draft = await createSpec(author.client, ws, { title: 'Draft with a reviewer' });
    await assign(author.client, ws, early.number, rita.id, 'required', new Date(now + HOUR).toISOString());
    await assign(author.client, ws, early.number, sam.id, 'optional', new Date(now + 5 * HOUR).toISOString());
    await assign(author.client, ws, late.number, rita.id, 'required', new Date(now + 2 * HOUR).toISOString());
    await assign(author.client, ws, draft.number, sam.id, 'required', null);
    await ok(author.client, ws, early.number, 'request_review');
    await ok(author.client, ws, late.number, 'request_review');

    const path = `/api/v1/workspaces/${ws}/reviews/overdue`;
    expect((await owner.get<Overdue>(path)).body.items).toEqual([]);
    s.clock.advance(3 * HOUR);
    const overdue = (await rita.client.get<Overdue>(path)).body.items;
    expect(overdue.map((o) => [o.key, o.reviewer.id, o.role])).toEqual([
      [early.key, rita.id, 'required'],
      [late.key, rita.id, 'required'],
    ]);
    expect(overdue[0]?.overdueMs).toBeGreaterThanOrEqual(2 * HOUR);
    expect(overdue[0]?.version).toBe(1);

    expect(await keys(`reviewer=${sam.id}`)).toEqual([early.key, draft.key].sort());
    expect(await keys(`awaitingReview=${sam.id}`)).toEqual([early.key]);
    expect(await keys(`awaitingReview=${rita.id}`)).toEqual([early.key, late.key].sort());
    // A verdict ends the wait and the overdue entry.
    await ok(rita.client, ws, early.number, 'approve');
    expect(await keys(`awaitingReview=${rita.id}`)).toEqual([late.key]);
    expect((await owner.get<Overdue>(path)).body.items.map((o) => o.key)).toEqual([late.key]);

    const plain = await owner.get<{ items: ListItem[] }>(`/api/v1/workspaces/${ws}/specs`);
    expect(plain.body.items.every((i) => i.reviewers === undefined)).toBe(true);
    const withReviewers = await owner.get<{ items: ListItem[] }>(`/api/v1/workspaces/${ws}/specs?include=reviewers&sort=number`);
    expect(withReviewers.body.items.map((i) => [i.key, i.reviewers?.map((r) => r.user.id)])).toEqual([
      [early.key, [rita.id, sam.id]],
      [late.key, [rita.id]],
      [draft.key, [sam.id]],
    ]);
    expect((await owner.request('GET', `/api/v1/workspaces/${ws}/specs?include=everything`)).status).toBe(400);
  });
});
