// The authorization matrix: every route in the route table x every kind of caller. Expected
// statuses are derived from each route's declared access rule, so a route whose behaviour
// drifts from its declaration fails, and a route without a row here fails the first test.
import { beforeAll, expect, it } from 'vitest';
import type { RouteAccess, RouteEntry } from '../../../src/server/api/route-table.js';
import type { Role } from '../../../src/server/db/index.js';
import { roleAtLeast, scopeAllows } from '../../../src/server/policies/index.js';
import { notify } from '../../../src/server/services/notifications/index.js';
import { ApiClient, describeEachDatabase, useTestServer, type TestServer } from '../harness.js';
import { TEST_PASSWORD, type SignedInUser } from '../harness-server.js';

const ACTORS = ['anonymous', 'viewer', 'editor', 'admin', 'owner', 'outsider', 'expiredToken', 'readToken'] as const;
type Actor = (typeof ACTORS)[number];

const WS = 'MATRIX';
const DAY = 24 * 3_600_000;

interface Fixture {
  server: TestServer;
  users: Record<'viewer' | 'editor' | 'admin' | 'owner' | 'outsider', SignedInUser>;
  clients: Record<Actor, ApiClient>;
  templateId: string;
  counter(): number;
  /** A new viewer in MATRIX (a target for role changes and removals). */
  freshMember(): Promise<string>;
  freshInvite(): Promise<{ id: string; token: string }>;
  freshTemplate(): Promise<string>;
  /** A new workspace where viewer, editor, admin and owner hold those roles. */
  freshWorkspace(): Promise<string>;
  /** Number of a spec in MATRIX that nobody changes (read routes). */
  specNumber: number;
  /** A new spec in MATRIX (write routes), with its ETag. */
  freshSpec(client?: ApiClient): Promise<{ number: number; etag: string }>;
  /** A new, soft-deleted spec in MATRIX. */
  freshDeletedSpec(): Promise<number>;
}

interface Call {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Use this client instead of the actor's own. */
  client?: ApiClient;
}

interface MatrixCase {
  /** Status for a caller who is allowed. */
  ok: number;
  request(fx: Fixture, actor: Actor): Call | Promise<Call>;
  /** The call ends the actor's sessions: sign the fixture back in afterwards. */
  endsSessions?: boolean;
}

const account = (fx: Fixture) => ({ name: 'Matrix Person', email: fx.server.uniqueEmail('matrix'), password: TEST_PASSWORD });

/** One row per route: `METHOD url` exactly as in the route table. */
const CASES: Record<string, MatrixCase> = {
  'GET /api/v1/openapi.json': { ok: 200, request: () => ({ path: '/api/v1/openapi.json' }) },
  // The live-events WebSocket endpoint. The matrix speaks plain HTTP, so an allowed caller gets 426
  // upgrade_required here (the access rule is still checked first); the upgrade itself, with its
  // Origin rule and subscription authorization, is tested in test/integration/events/*.test.ts.
  'GET /api/v1/events': { ok: 426, request: () => ({ path: '/api/v1/events' }) },
  // The co-editing WebSocket endpoint, likewise (test/integration/collab/*.test.ts).
  'GET /api/v1/collab': { ok: 426, request: () => ({ path: '/api/v1/collab' }) },
  'GET /api/v1/setup': { ok: 200, request: () => ({ path: '/api/v1/setup' }) },
  'POST /api/v1/setup': {
    ok: 409,
    request: (fx) => ({ path: '/api/v1/setup', body: { ...account(fx), workspace: { name: 'x', key: 'XX' } } }),
  },
  'POST /api/v1/auth/sign-in': {
    ok: 200,
    request: (fx) => ({ path: '/api/v1/auth/sign-in', body: { email: fx.users.viewer.email, password: TEST_PASSWORD } }),
  },
  'POST /api/v1/auth/sign-out': {
    ok: 204,
    // A second session of the same user, so the fixture's own session survives.
    request: async (fx, actor) => {
      const user = sessionUser(fx, actor);
      return { path: '/api/v1/auth/sign-out', client: user ? await fx.server.signIn(user.email, TEST_PASSWORD) : fx.clients[actor] };
    },
  },
  'POST /api/v1/auth/sign-out-everywhere': { ok: 204, endsSessions: true, request: () => ({ path: '/api/v1/auth/sign-out-everywhere' }) },
  'GET /api/v1/me': { ok: 200, request: () => ({ path: '/api/v1/me' }) },
  'PATCH /api/v1/me': { ok: 200, request: () => ({ path: '/api/v1/me', body: { name: 'Renamed' } }) },
  'POST /api/v1/me/password': {
    ok: 204,
    request: () => ({ path: '/api/v1/me/password', body: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD } }),
  },
  'GET /api/v1/tokens': { ok: 200, request: () => ({ path: '/api/v1/tokens' }) },
  'POST /api/v1/tokens': { ok: 201, request: () => ({ path: '/api/v1/tokens', body: { name: 'matrix', scopes: ['read'] } }) },
  'DELETE /api/v1/tokens/:id': {
    ok: 204,
    request: async (fx, actor) => {
      const user = sessionUser(fx, actor);
      const owner = user ?? fx.users.owner;
      const token = await fx.server.createToken(owner.client, ['read']);
      return { path: `/api/v1/tokens/${token.id}` };
    },
  },
  'GET /api/v1/workspaces': { ok: 200, request: () => ({ path: '/api/v1/workspaces' }) },
  'POST /api/v1/workspaces': { ok: 201, request: (fx) => ({ path: '/api/v1/workspaces', body: { name: 'New', key: `NW${fx.counter()}` } }) },
  'GET /api/v1/workspaces/:ws': { ok: 200, request: () => ({ path: `/api/v1/workspaces/${WS}` }) },
  'PATCH /api/v1/workspaces/:ws': { ok: 200, request: () => ({ path: `/api/v1/workspaces/${WS}`, body: { name: 'Matrix' } }) },
  'DELETE /api/v1/workspaces/:ws': { ok: 204, request: async (fx) => ({ path: `/api/v1/workspaces/${await fx.freshWorkspace()}` }) },
  'GET /api/v1/workspaces/:ws/labels': { ok: 200, request: () => ({ path: `/api/v1/workspaces/${WS}/labels` }) },
  'GET /api/v1/workspaces/:ws/audit-events': { ok: 200, request: () => ({ path: `/api/v1/workspaces/${WS}/audit-events` }) },
  'GET /api/v1/audit': { ok: 200, request: () => ({ path: '/api/v1/audit' }) },
  'GET /api/v1/workspaces/:ws/members': { ok: 200, request: () => ({ path: `/api/v1/workspaces/${WS}/members` }) },
  'POST /api/v1/workspaces/:ws/members': {
    ok: 201,
    request: (fx) => ({ path: `/api/v1/workspaces/${WS}/members`, body: { ...account(fx), role: 'viewer' } }),
  },
  'PATCH /api/v1/workspaces/:ws/members/:userId': {
    ok: 200,
    request: async (fx) => ({ path: `/api/v1/workspaces/${WS}/members/${await fx.freshMember()}`, body: { role: 'editor' } }),
  },
  'DELETE /api/v1/workspaces/:ws/members/:userId': {
    ok: 204,
    request: async (fx) => ({ path: `/api/v1/workspaces/${WS}/members/${await fx.freshMember()}` }),
  },
  'GET /api/v1/workspaces/:ws/invites': { ok: 200, request: () => ({ path: `/api/v1/workspaces/${WS}/invites` }) },
  'POST /api/v1/workspaces/:ws/invites': { ok: 201, request: () => ({ path: `/api/v1/workspaces/${WS}/invites`, body: { role: 'viewer' } }) },
  'DELETE /api/v1/workspaces/:ws/invites/:id': {
    ok: 204,
    request: async (fx) => ({ path: `/api/v1/workspaces/${WS}/invites/${(await fx.freshInvite()).id}` }),
  },
  'GET /api/v1/invites/:token': { ok: 200, request: async (fx) => ({ path: `/api/v1/invites/${(await fx.freshInvite()).token}` }) },
  'POST /api/v1/invites/:token/accept': {
    ok: 201,
    request: async (fx) => ({ path: `/api/v1/invites/${(await fx.freshInvite()).token}/accept`, body: account(fx) }),
  },
  'GET /api/v1/workspaces/:ws/templates': { ok: 200, request: () => ({ path: `/api/v1/workspaces/${WS}/templates` }) },
  'POST /api/v1/workspaces/:ws/templates': {
    ok: 201,
    request: () => ({ path: `/api/v1/workspaces/${WS}/templates`, body: { name: 'T', source: '# T\n\n## Overview\n' } }),
  },
  'GET /api/v1/workspaces/:ws/templates/:templateId': { ok: 200, request: (fx) => ({ path: `/api/v1/workspaces/${WS}/templates/${fx.templateId}` }) },
  'PATCH /api/v1/workspaces/:ws/templates/:templateId': {
    ok: 200,
    request: async (fx) => ({ path: `/api/v1/workspaces/${WS}/templates/${await fx.freshTemplate()}`, body: { source: '# T2\n' } }),
  },
  'DELETE /api/v1/workspaces/:ws/templates/:templateId': {
    ok: 204,
    request: async (fx) => ({ path: `/api/v1/workspaces/${WS}/templates/${await fx.freshTemplate()}` }),
  },
  'GET /api/v1/workspaces/:ws/templates/:templateId/versions/:version': {
    ok: 200,
    request: (fx) => ({ path: `/api/v1/workspaces/${WS}/templates/${fx.templateId}/versions/1` }),
  },
  'GET /api/v1/search': { ok: 200, request: () => ({ path: '/api/v1/search?q=matrix' }) },
  'POST /api/v1/workspaces/:ws/specs': { ok: 201, request: () => ({ path: `/api/v1/workspaces/${WS}/specs`, body: { title: 'Matrix spec' } }) },
  'GET /api/v1/workspaces/:ws/specs': { ok: 200, request: () => ({ path: `/api/v1/workspaces/${WS}/specs` }) },
  'GET /api/v1/workspaces/:ws/specs/:spec': { ok: 200, request: (fx) => ({ path: `/api/v1/workspaces/${WS}/specs/${fx.specNumber}` }) },
  'GET /api/v1/specs/:key': { ok: 200, request: (fx) => ({ path: `/api/v1/specs/${WS}-${fx.specNumber}` }) },
  'PATCH /api/v1/workspaces/:ws/specs/:spec': {
    ok: 200,
    request: async (fx) => ({ path: `/api/v1/workspaces/${WS}/specs/${(await fx.freshSpec()).number}`, body: { labels: ['matrix'] } }),
  },
  'DELETE /api/v1/workspaces/:ws/specs/:spec': { ok: 204, request: async (fx) => ({ path: `/api/v1/workspaces/${WS}/specs/${(await fx.freshSpec()).number}` }) },
  'POST /api/v1/workspaces/:ws/specs/:spec/restore': { ok: 200, request: async (fx) => ({ path: `/api/v1/workspaces/${WS}/specs/${await fx.freshDeletedSpec()}/restore` }) },
  'PUT /api/v1/workspaces/:ws/specs/:spec/content': {
    ok: 200,
    request: async (fx) => {
      const spec = await fx.freshSpec();
      return { path: `/api/v1/workspaces/${WS}/specs/${spec.number}/content`, body: { markdown: '# Changed\n' }, headers: { 'if-match': spec.etag } };
    },
  },
  'POST /api/v1/workspaces/:ws/specs/:spec/edits': {
    ok: 200,
    request: async (fx) => {
      const spec = await fx.freshSpec();
      const edit = { op: 'setSectionBody', path: 'overview/purpose', markdown: 'Why we do it.' };
      return { path: `/api/v1/workspaces/${WS}/specs/${spec.number}/edits`, body: edit, headers: { 'if-match': spec.etag } };
    },
  },
  'GET /api/v1/workspaces/:ws/specs/:spec/lint': { ok: 200, request: (fx) => ({ path: `/api/v1/workspaces/${WS}/specs/${fx.specNumber}/lint` }) },
  'GET /api/v1/workspaces/:ws/specs/:spec/revisions': { ok: 200, request: (fx) => ({ path: `/api/v1/workspaces/${WS}/specs/${fx.specNumber}/revisions` }) },
  'GET /api/v1/workspaces/:ws/specs/:spec/revisions/:n': { ok: 200, request: (fx) => ({ path: `/api/v1/workspaces/${WS}/specs/${fx.specNumber}/revisions/1` }) },
  'GET /api/v1/workspaces/:ws/specs/:spec/diff': { ok: 200, request: (fx) => ({ path: `/api/v1/workspaces/${WS}/specs/${fx.specNumber}/diff?from=1&to=1` }) },
  'POST /api/v1/workspaces/:ws/specs/:spec/revisions/:n/restore': {
    ok: 200,
    request: async (fx) => ({ path: `/api/v1/workspaces/${WS}/specs/${(await fx.freshSpec()).number}/revisions/1/restore` }),
  },
  'GET /api/v1/notifications': { ok: 200, request: () => ({ path: '/api/v1/notifications?unread=true' }) },
  'POST /api/v1/notifications/read-all': { ok: 200, request: () => ({ path: '/api/v1/notifications/read-all' }) },
  'POST /api/v1/notifications/:id/read': { ok: 204, request: async (fx, actor) => ({ path: `/api/v1/notifications/${await freshNotification(fx, actor)}/read` }) },
  'POST /api/v1/notifications/:id/unread': { ok: 204, request: async (fx, actor) => ({ path: `/api/v1/notifications/${await freshNotification(fx, actor)}/unread` }) },
  'GET /api/v1/workspaces/:ws/specs/:spec/threads': { ok: 200, request: (fx) => ({ path: `/api/v1/workspaces/${WS}/specs/${fx.specNumber}/threads` }) },
  'POST /api/v1/workspaces/:ws/specs/:spec/threads': { ok: 201, request: (fx) => ({ path: `/api/v1/workspaces/${WS}/specs/${fx.specNumber}/threads`, body: { sectionPath: 'overview', body: 'A matrix comment' } }) },
  'GET /api/v1/workspaces/:ws/specs/:spec/threads/:thread': { ok: 200, request: async (fx) => ({ path: (await freshThread(fx, 'owner')).path }) },
  'PATCH /api/v1/workspaces/:ws/specs/:spec/threads/:thread': { ok: 200, request: async (fx, actor) => ({ path: (await freshThread(fx, actor)).path, body: { blocking: true } }) },
  'POST /api/v1/workspaces/:ws/specs/:spec/threads/:thread/resolve': { ok: 200, request: async (fx, actor) => ({ path: `${(await freshThread(fx, actor)).path}/resolve` }) },
  'POST /api/v1/workspaces/:ws/specs/:spec/threads/:thread/reopen': { ok: 200, request: async (fx, actor) => ({ path: `${(await freshThread(fx, actor)).path}/reopen` }) },
  'POST /api/v1/workspaces/:ws/specs/:spec/threads/:thread/comments': { ok: 201, request: async (fx) => ({ path: `${(await freshThread(fx, 'owner')).path}/comments`, body: { body: 'A reply' } }) },
  'PATCH /api/v1/workspaces/:ws/specs/:spec/threads/:thread/comments/:comment': {
    ok: 200,
    request: async (fx, actor) => {
      const thread = await freshThread(fx, actor);
      return { path: `${thread.path}/comments/${thread.commentId}`, body: { body: 'Edited' } };
    },
  },
  'DELETE /api/v1/workspaces/:ws/specs/:spec/threads/:thread/comments/:comment': {
    ok: 204,
    request: async (fx, actor) => {
      const thread = await freshThread(fx, actor);
      return { path: `${thread.path}/comments/${thread.commentId}` };
    },
  },
  'POST /api/v1/workspaces/:ws/specs/:spec/threads/:thread/accept': { ok: 200, request: async (fx) => ({ path: `${(await freshThread(fx, 'owner', true)).path}/accept` }) },
  'POST /api/v1/workspaces/:ws/specs/:spec/threads/:thread/dismiss': { ok: 200, request: async (fx, actor) => ({ path: `${(await freshThread(fx, actor, true)).path}/dismiss` }) },
  'GET /api/v1/workspaces/:ws/specs/:spec/review': { ok: 200, request: (fx) => ({ path: `/api/v1/workspaces/${WS}/specs/${fx.specNumber}/review` }) },
  'POST /api/v1/workspaces/:ws/specs/:spec/review/request': { ok: 200, request: async (fx) => ({ path: `/api/v1/workspaces/${WS}/specs/${(await fx.freshSpec()).number}/review/request` }) },
  'POST /api/v1/workspaces/:ws/specs/:spec/review/approve': { ok: 200, request: async (fx, actor) => ({ path: `/api/v1/workspaces/${WS}/specs/${await specInReview(fx, actor)}/review/approve`, body: {} }) },
  'POST /api/v1/workspaces/:ws/specs/:spec/review/request-changes': {
    ok: 200,
    request: async (fx, actor) => ({ path: `/api/v1/workspaces/${WS}/specs/${await specInReview(fx, actor)}/review/request-changes`, body: { summary: 'More detail' } }),
  },
  'POST /api/v1/workspaces/:ws/specs/:spec/review/reject': {
    ok: 200,
    request: async (fx, actor) => ({ path: `/api/v1/workspaces/${WS}/specs/${await specInReview(fx, actor)}/review/reject`, body: { summary: 'Not needed' } }),
  },
  'POST /api/v1/workspaces/:ws/specs/:spec/withdraw': { ok: 200, request: async (fx, actor) => ({ path: `/api/v1/workspaces/${WS}/specs/${await specBy(fx, actor)}/withdraw` }) },
  'POST /api/v1/workspaces/:ws/specs/:spec/revise': { ok: 200, request: async (fx) => ({ path: `/api/v1/workspaces/${WS}/specs/${await approvedSpec(fx)}/revise` }) },
  'POST /api/v1/workspaces/:ws/specs/:spec/supersede': {
    ok: 200,
    request: async (fx) => ({ path: `/api/v1/workspaces/${WS}/specs/${await approvedSpec(fx)}/supersede`, body: { by: String(fx.specNumber) } }),
  },
  'PUT /api/v1/workspaces/:ws/specs/:spec/reviewers/:userId': {
    ok: 200,
    request: async (fx) => ({ path: `/api/v1/workspaces/${WS}/specs/${(await fx.freshSpec()).number}/reviewers/${fx.users.viewer.id}`, body: { role: 'required' } }),
  },
  'DELETE /api/v1/workspaces/:ws/specs/:spec/reviewers/:userId': {
    ok: 200,
    request: async (fx) => {
      const number = (await fx.freshSpec()).number;
      await fixtureCall(fx.users.owner.client, 'PUT', `/api/v1/workspaces/${WS}/specs/${number}/reviewers/${fx.users.viewer.id}`, { role: 'optional' });
      return { path: `/api/v1/workspaces/${WS}/specs/${number}/reviewers/${fx.users.viewer.id}` };
    },
  },
  'GET /api/v1/workspaces/:ws/specs/:spec/versions': { ok: 200, request: (fx) => ({ path: `/api/v1/workspaces/${WS}/specs/${fx.specNumber}/versions` }) },
  'GET /api/v1/workspaces/:ws/specs/:spec/versions/:version': { ok: 200, request: (fx) => ({ path: `/api/v1/workspaces/${WS}/specs/${fx.specNumber}/versions/1` }) },
  'GET /api/v1/workspaces/:ws/specs/:spec/review-policy': { ok: 200, request: (fx) => ({ path: `/api/v1/workspaces/${WS}/specs/${fx.specNumber}/review-policy` }) },
  'PATCH /api/v1/workspaces/:ws/specs/:spec/review-policy': {
    ok: 200,
    request: (fx) => ({ path: `/api/v1/workspaces/${WS}/specs/${fx.specNumber}/review-policy`, body: { minApprovals: null } }),
  },
  'GET /api/v1/workspaces/:ws/review-policy': { ok: 200, request: () => ({ path: `/api/v1/workspaces/${WS}/review-policy` }) },
  'PATCH /api/v1/workspaces/:ws/review-policy': { ok: 200, request: () => ({ path: `/api/v1/workspaces/${WS}/review-policy`, body: { minApprovals: 1 } }) },
  'GET /api/v1/workspaces/:ws/reviews': { ok: 200, request: () => ({ path: `/api/v1/workspaces/${WS}/reviews` }) },
  'GET /api/v1/workspaces/:ws/reviews/overdue': { ok: 200, request: () => ({ path: `/api/v1/workspaces/${WS}/reviews/overdue` }) },
  // Webhooks: inactive ones at a public address, so nothing is ever sent from this suite.
  'GET /api/v1/workspaces/:ws/webhooks': { ok: 200, request: () => ({ path: `/api/v1/workspaces/${WS}/webhooks` }) },
  'POST /api/v1/workspaces/:ws/webhooks': { ok: 201, request: () => ({ path: `/api/v1/workspaces/${WS}/webhooks`, body: MATRIX_WEBHOOK }) },
  'GET /api/v1/workspaces/:ws/webhooks/:id': { ok: 200, request: async (fx) => ({ path: `/api/v1/workspaces/${WS}/webhooks/${await freshWebhook(fx)}` }) },
  'PATCH /api/v1/workspaces/:ws/webhooks/:id': { ok: 200, request: async (fx) => ({ path: `/api/v1/workspaces/${WS}/webhooks/${await freshWebhook(fx)}`, body: { description: 'Matrix' } }) },
  'DELETE /api/v1/workspaces/:ws/webhooks/:id': { ok: 204, request: async (fx) => ({ path: `/api/v1/workspaces/${WS}/webhooks/${await freshWebhook(fx)}` }) },
  'GET /api/v1/workspaces/:ws/webhooks/:id/deliveries': { ok: 200, request: async (fx) => ({ path: `/api/v1/workspaces/${WS}/webhooks/${await freshWebhook(fx)}/deliveries` }) },
  'POST /api/v1/workspaces/:ws/webhooks/:id/deliveries/:delivery/redeliver': {
    ok: 201,
    request: async (fx) => {
      const { webhookId, deliveryId } = await freshDelivery(fx);
      return { path: `/api/v1/workspaces/${WS}/webhooks/${webhookId}/deliveries/${deliveryId}/redeliver` };
    },
  },
};

async function fixtureCall(client: ApiClient, method: string, path: string, body: unknown = {}): Promise<void> {
  const res = await client.request(method, path, { body });
  if (res.status !== 200) throw new Error(`fixture: ${method} ${path} failed: ${res.text}`);
}

/**
 * A spec in review with the actor's user as its required reviewer (for member actors), written by
 * someone else (the admin when the actor is the owner), so the actor's approval is not a self-approval.
 */
async function specInReview(fx: Fixture, actor: Actor): Promise<number> {
  const user = actor === 'outsider' ? null : sessionUser(fx, actor);
  const author = actor === 'owner' ? fx.users.admin.client : fx.users.owner.client;
  const res = await author.post<{ number: number }>(`/api/v1/workspaces/${WS}/specs`, { title: 'In review' });
  if (res.status !== 201) throw new Error(`fixture: creating a spec failed: ${res.text}`);
  const base = `/api/v1/workspaces/${WS}/specs/${res.body.number}`;
  await fixtureCall(author, 'PUT', `${base}/reviewers/${(user ?? fx.users.editor).id}`, { role: 'required' });
  await fixtureCall(author, 'POST', `${base}/review/request`);
  return res.body.number;
}

/** A draft written by the actor's user when they may write specs (the owner's otherwise). */
async function specBy(fx: Fixture, actor: Actor): Promise<number> {
  const user = actor === 'editor' || actor === 'admin' || actor === 'owner' ? fx.users[actor] : fx.users.owner;
  return (await fx.freshSpec(user.client)).number;
}

/** A new approved spec (written by the owner, approved by the admin). */
async function approvedSpec(fx: Fixture): Promise<number> {
  const { number } = await fx.freshSpec();
  const base = `/api/v1/workspaces/${WS}/specs/${number}`;
  await fixtureCall(fx.users.owner.client, 'PUT', `${base}/reviewers/${fx.users.admin.id}`, { role: 'required' });
  await fixtureCall(fx.users.owner.client, 'POST', `${base}/review/request`);
  await fixtureCall(fx.users.admin.client, 'POST', `${base}/review/approve`);
  return number;
}

/**
 * A new thread opened by the actor's user (the owner's for tokens, anonymous callers and the
 * outsider, who cannot comment in MATRIX); a suggestion on a spec of its own when `suggestion`.
 */
async function freshThread(fx: Fixture, actor: Actor, suggestion = false): Promise<{ path: string; commentId: string }> {
  const user = sessionUser(fx, actor);
  const client = user === null || actor === 'outsider' ? fx.users.owner.client : user.client;
  let spec = fx.specNumber;
  if (suggestion) {
    const res = await fx.users.owner.client.post<{ number: number }>(`/api/v1/workspaces/${WS}/specs`, { markdown: '# M\n\n## Scope\nSome text.\n' });
    if (res.status !== 201) throw new Error(`fixture: creating a spec failed: ${res.text}`);
    spec = res.body.number;
  }
  const body = suggestion ? { sectionPath: 'scope', quote: 'Some', body: 'Better', suggestion: 'More' } : { sectionPath: 'overview', body: 'A matrix thread' };
  const res = await client.post<{ id: string; comments: { id: string }[] }>(`/api/v1/workspaces/${WS}/specs/${spec}/threads`, body);
  if (res.status !== 201) throw new Error(`fixture: opening a thread failed: ${res.text}`);
  return { path: `/api/v1/workspaces/${WS}/specs/${spec}/threads/${res.body.id}`, commentId: res.body.comments[0]?.id ?? '' };
}

/** A new notification of the actor's user (the owner's for tokens and anonymous callers), made by notify(). */
async function freshNotification(fx: Fixture, actor: Actor): Promise<string> {
  const userId = (sessionUser(fx, actor) ?? fx.users.owner).id;
  const { db } = fx.server.app.deps;
  const membership = await db.selectFrom('memberships').select('workspaceId').where('userId', '=', userId).executeTakeFirstOrThrow();
  await notify(db, { workspaceId: membership.workspaceId, userIds: [userId], kind: 'reminder', specId: null, actorId: null });
  const row = await db.selectFrom('notifications').select('id').where('userId', '=', userId).orderBy('id', 'desc').executeTakeFirstOrThrow();
  return row.id;
}

const MATRIX_WEBHOOK = { url: 'https://8.8.8.8/matrix-hook', events: ['*'], active: false };

/** A new (inactive) webhook in MATRIX, made by the owner. */
async function freshWebhook(fx: Fixture): Promise<string> {
  const res = await fx.users.owner.client.post<{ webhook: { id: string } }>(`/api/v1/workspaces/${WS}/webhooks`, MATRIX_WEBHOOK);
  if (res.status !== 201) throw new Error(`fixture: creating a webhook failed: ${res.text}`);
  return res.body.webhook.id;
}

/** A delivery of a new webhook, written straight into the queue (the webhook is inactive, so it stays there). */
async function freshDelivery(fx: Fixture): Promise<{ webhookId: string; deliveryId: string }> {
  const webhookId = await freshWebhook(fx);
  const { db } = fx.server.app.deps;
  const hook = await db.selectFrom('webhooks').select('workspaceId').where('id', '=', webhookId).executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  const deliveryId = `${webhookId}-d`;
  await db
    .insertInto('webhookDeliveries')
    .values({ id: deliveryId, webhookId, workspaceId: hook.workspaceId, eventId: 1, eventType: 'spec.created', payload: '{}', status: 'failed', nextAttemptAt: now, createdAt: now, updatedAt: now })
    .execute();
  return { webhookId, deliveryId };
}

function sessionUser(fx: Fixture, actor: Actor): SignedInUser | null {
  return actor === 'viewer' || actor === 'editor' || actor === 'admin' || actor === 'owner' || actor === 'outsider' ? fx.users[actor] : null;
}

const ROLE_OF: Partial<Record<Actor, Role>> = { viewer: 'viewer', editor: 'editor', admin: 'admin', owner: 'owner', readToken: 'owner' };

/** What the declared access rule says this caller gets. */
function expectedStatus(access: RouteAccess, actor: Actor, ok: number): number {
  if (actor === 'expiredToken') return 401;
  if (access.auth === 'public') return ok;
  if (actor === 'anonymous') return 401;
  if (access.auth === 'session' && actor === 'readToken') return 403;
  if (access.auth === 'user' && actor === 'readToken' && !scopeAllows(['read'], access.scope)) return 403;
  if (access.minRole !== undefined) {
    if (actor === 'outsider') return 404;
    if (!roleAtLeast(ROLE_OF[actor] ?? null, access.minRole)) return 403;
  }
  return ok;
}

describeEachDatabase('authorization matrix', (database) => {
  const server = useTestServer(database);
  let fx: Fixture;

  beforeAll(async () => {
    const s = server();
    const owner = await s.setupOwner({ workspaceKey: WS });
    const admin = await s.addMember(owner.client, WS, 'admin');
    const editor = await s.addMember(owner.client, WS, 'editor');
    const viewer = await s.addMember(owner.client, WS, 'viewer');
    await owner.client.post('/api/v1/workspaces', { name: 'Other', key: 'OTHER' });
    const outsider = await s.addMember(owner.client, 'OTHER', 'owner');
    const readToken = await s.createToken(owner.client, ['read']);
    const expiring = await s.createToken(owner.client, ['admin'], new Date(s.clock.now().getTime() + DAY).toISOString());
    s.clock.advance(2 * DAY);
    const template = await owner.client.post<{ id: string }>(`/api/v1/workspaces/${WS}/templates`, { name: 'Base', source: '# Base\n' });
    // fx.users.owner by default, not owner: the owner signs in again after sign-out-everywhere.
    const newSpec = async (client: ApiClient = fx.users.owner.client): Promise<{ number: number; etag: string }> => {
      const res = await client.post<{ number: number; etag: string }>(`/api/v1/workspaces/${WS}/specs`, { title: 'Matrix fixture' });
      if (res.status !== 201) throw new Error(`fixture: creating a spec failed: ${res.text}`);
      return res.body;
    };
    const readOnlySpec = await newSpec(owner.client);
    let n = 0;
    const users = { owner, admin, editor, viewer, outsider };
    fx = {
      server: s,
      users,
      templateId: template.body.id,
      clients: {
        anonymous: s.anonymous(),
        viewer: viewer.client,
        editor: editor.client,
        admin: admin.client,
        owner: owner.client,
        outsider: outsider.client,
        expiredToken: expiring.client,
        readToken: readToken.client,
      },
      counter: () => ++n,
      specNumber: readOnlySpec.number,
      freshSpec: (client?: ApiClient) => newSpec(client),
      freshDeletedSpec: async () => {
        const spec = await newSpec();
        const res = await fx.users.owner.client.delete(`/api/v1/workspaces/${WS}/specs/${spec.number}`);
        if (res.status !== 204) throw new Error(`fixture: deleting a spec failed: ${res.text}`);
        return spec.number;
      },
      freshMember: async () => (await s.addMember(fx.users.owner.client, WS, 'viewer')).id,
      freshInvite: async () => {
        const res = await fx.users.owner.client.post<{ invite: { id: string }; token: string }>(`/api/v1/workspaces/${WS}/invites`, { role: 'viewer' });
        return { id: res.body.invite.id, token: res.body.token };
      },
      freshTemplate: async () => (await fx.users.owner.client.post<{ id: string }>(`/api/v1/workspaces/${WS}/templates`, { name: 'Tmp', source: '# Tmp\n' })).body.id,
      freshWorkspace: async () => {
        const key = `DW${++n}`;
        const owner = fx.users.owner.client;
        await owner.post('/api/v1/workspaces', { name: 'Doomed', key });
        for (const role of ['viewer', 'editor', 'admin'] as const) {
          const invite = await owner.post<{ token: string }>(`/api/v1/workspaces/${key}/invites`, { role });
          const joined = await fx.users[role].client.post(`/api/v1/invites/${invite.body.token}/accept`, {});
          if (joined.status !== 201) throw new Error(`fixture: ${role} could not join ${key}: ${joined.text}`);
        }
        return key;
      },
    };
  });

  it('has exactly one row per route in the route table', () => {
    const routes = server().app.routeTable.map((r) => `${r.method} ${r.url}`);
    expect(new Set(routes).size).toBe(routes.length);
    expect([...routes].sort()).toEqual(Object.keys(CASES).sort());
  });

  it('declares an access rule that the matrix can read on every route', () => {
    for (const route of server().app.routeTable) {
      expect(['public', 'user', 'session']).toContain(route.access.auth);
      if (route.url.includes('/workspaces/:ws')) expect(route.access.auth !== 'public' && route.access.minRole !== undefined, `${route.method} ${route.url}`).toBe(true);
    }
  });

  for (const [key, matrixCase] of Object.entries(CASES)) {
    it(`${key}: every caller gets what the access rule says`, async () => {
      const route: RouteEntry | undefined = server().app.routeTable.find((r) => `${r.method} ${r.url}` === key);
      expect(route, `${key} is not in the route table`).toBeDefined();
      if (route === undefined) return;
      const actual: Record<string, number> = {};
      const expected: Record<string, number> = {};
      for (const actor of ACTORS) {
        const call = await matrixCase.request(fx, actor);
        // A copy, so a cookie set by this call (sign-in, accepting an invite) stays out of the fixture.
        const client = call.client ?? fx.clients[actor].clone();
        const res = await client.request(route.method, call.path, { ...(call.body === undefined ? {} : { body: call.body }), ...(call.headers === undefined ? {} : { headers: call.headers }) });
        actual[actor] = res.status;
        expected[actor] = expectedStatus(route.access, actor, matrixCase.ok);
        if (res.status >= 400) expect(res.headers.get('content-type'), `${key} as ${actor}`).toMatch(/problem\+json/);
        const user = sessionUser(fx, actor);
        if (matrixCase.endsSessions === true && user !== null) {
          const fresh = await fx.server.signIn(user.email, TEST_PASSWORD);
          fx.clients[actor] = fresh;
          fx.users[actor as keyof Fixture['users']] = { ...user, client: fresh };
        }
      }
      expect(actual).toEqual(expected);
    });
  }
});
