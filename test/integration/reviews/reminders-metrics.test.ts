import { beforeAll, expect, it } from 'vitest';
import { sendOverdueReminders } from '../../../src/server/services/reviews/index.js';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient } from '../harness.js';
import type { SignedInUser } from '../harness-server.js';
import { createSpec } from '../specs/helpers.js';
import { assign, ok, review } from './helpers.js';

const HOUR = 3_600_000;

interface Metrics {
  medianTimeToDecisionMs: number | null;
  decidedCount: number;
  waiting: { key: string; version: number; waitingMs: number; overdue: boolean; overdueReviewers: string[] }[];
}

interface Notifications {
  items: { kind: string; spec: { key: string } | null; actor: { id: string } | null; details: Record<string, unknown> }[];
}

describeEachDatabase('reviews: overdue reminders and review metrics', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let ws: string;
  let author: SignedInUser;
  let reviewer: SignedInUser;

  beforeAll(async () => {
    const s = server();
    ({ owner, ws } = await ownerSession(s));
    author = await s.addMember(owner, ws, 'editor');
    reviewer = await s.addMember(owner, ws, 'viewer');
  });

  it('flags overdue reviews, reminds once, and measures time to decision', async () => {
    const s = server();
    const metricsPath = `/api/v1/workspaces/${ws}/reviews`;
    const spec = await createSpec(author.client, ws, { title: 'Timed' });
    const due = new Date(s.clock.now().getTime() + HOUR).toISOString();
    await assign(author.client, ws, spec.number, reviewer.id, 'required', due);
    await ok(author.client, ws, spec.number, 'request_review');

    const asked = await reviewer.client.get<Notifications>('/api/v1/notifications');
    expect(asked.body.items.map((n) => [n.kind, n.spec?.key])).toContainEqual(['review_requested', spec.key]);

    const listPath = `/api/v1/workspaces/${ws}/specs?status=in_review`;
    const listed = () => owner.get<{ items: { key: string; overdue: boolean }[] }>(listPath).then((r) => r.body.items.map((i) => [i.key, i.overdue]));
    expect(await listed()).toEqual([[spec.key, false]]);
    let metrics = (await owner.get<Metrics>(metricsPath)).body;
    expect(metrics.waiting.map((w) => [w.key, w.overdue])).toEqual([[spec.key, false]]);
    expect(await sendOverdueReminders(s.app.deps)).toBe(0);

    s.clock.advance(2 * HOUR);
    const state = await review(author.client, ws, spec.number);
    expect(state.reviewers[0]).toMatchObject({ overdue: true, verdict: null });
    metrics = (await owner.get<Metrics>(metricsPath)).body;
    expect(metrics.waiting[0]).toMatchObject({ key: spec.key, overdue: true, overdueReviewers: [reviewer.id] });
    expect(metrics.waiting[0]?.waitingMs).toBeGreaterThanOrEqual(2 * HOUR);
    expect(await listed()).toEqual([[spec.key, true]]);

    expect(await sendOverdueReminders(s.app.deps)).toBe(1);
    expect(await sendOverdueReminders(s.app.deps)).toBe(0);
    const reminded = await reviewer.client.get<Notifications>('/api/v1/notifications');
    const reminder = reminded.body.items.find((n) => n.kind === 'reminder');
    expect(reminder).toMatchObject({ spec: { key: spec.key }, actor: null, details: { version: 1, dueAt: due } });

    const decided = await ok(reviewer.client, ws, spec.number, 'approve');
    expect(decided.version.timeToDecisionMs).toBeGreaterThanOrEqual(2 * HOUR);
    const authorNews = await author.client.get<Notifications>('/api/v1/notifications');
    expect(authorNews.body.items.map((n) => n.kind)).toEqual(expect.arrayContaining(['verdict', 'decision']));

    const approvedList = await owner.get<{ items: { key: string; overdue: boolean }[] }>(`/api/v1/workspaces/${ws}/specs`);
    expect(approvedList.body.items.find((i) => i.key === spec.key)?.overdue).toBe(false);
    metrics = (await owner.get<Metrics>(metricsPath)).body;
    expect(metrics.waiting).toEqual([]);
    expect(metrics.decidedCount).toBe(1);
    expect(metrics.medianTimeToDecisionMs).toBe(decided.version.timeToDecisionMs);
  });
});
