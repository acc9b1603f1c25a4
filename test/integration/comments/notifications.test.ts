import { beforeAll, expect, it } from 'vitest';
import { notify } from '../../../src/server/services/notifications/index.js';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient } from '../harness.js';
import type { SignedInUser } from '../harness-server.js';
import { expectProblem } from '../specs/helpers.js';

interface NotificationBody {
  id: string;
  kind: string;
  workspaceKey: string;
  spec: { id: string; key: string; title: string } | null;
  actor: { id: string; name: string } | null;
  details: Record<string, unknown>;
  readAt: string | null;
}

interface InboxBody {
  items: NotificationBody[];
  nextCursor: string | null;
  unreadCount: number;
}

describeEachDatabase('notifications', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let ownerId: string;
  let workspaceId: string;
  let editor: SignedInUser;
  let viewer: SignedInUser;
  let ws: string;

  beforeAll(async () => {
    const session = await ownerSession(server());
    owner = session.owner;
    ws = session.ws;
    const me = await owner.get<{ id: string; memberships: { workspaceId: string }[] }>('/api/v1/me');
    ownerId = me.body.id;
    workspaceId = me.body.memberships[0]?.workspaceId ?? '';
    editor = await server().addMember(owner, session.ws, 'editor');
    viewer = await server().addMember(owner, session.ws, 'viewer');
  });

  const db = () => server().app.deps.db;

  it('notify() skips the actor, duplicates and non-members, and lists newest first with the unread count', async () => {
    const outsiderId = '00000000-0000-7000-8000-000000000000';
    const notified = await notify(db(), { workspaceId, userIds: [editor.id, editor.id, ownerId, outsiderId], kind: 'review_requested', specId: null, actorId: ownerId, details: { n: 1 } });
    expect(notified).toEqual([editor.id]);
    await notify(db(), { workspaceId, userIds: [editor.id], kind: 'verdict', specId: null, actorId: ownerId, details: { n: 2 } });
    const inbox = await editor.client.get<InboxBody>('/api/v1/notifications');
    expect(inbox.status, inbox.text).toBe(200);
    expect(inbox.body.items.map((n) => n.kind)).toEqual(['verdict', 'review_requested']);
    expect(inbox.body.items[0]).toMatchObject({ actor: { id: ownerId }, details: { n: 2 }, readAt: null, spec: null });
    expect(inbox.body.unreadCount).toBe(2);
    const own = await owner.get<InboxBody>('/api/v1/notifications');
    expect(own.body.items.filter((n) => n.kind === 'review_requested')).toEqual([]);
  });

  it('marks read and unread, filters unread, marks all read; another user cannot touch them', async () => {
    await notify(db(), { workspaceId, userIds: [editor.id], kind: 'reminder', specId: null, actorId: null });
    const before = await editor.client.get<InboxBody>('/api/v1/notifications?unread=true');
    const first = before.body.items[0];
    expect(first?.kind).toBe('reminder');
    expect((await editor.client.post(`/api/v1/notifications/${first?.id}/read`)).status).toBe(204);
    expectProblem(await owner.post(`/api/v1/notifications/${first?.id}/read`), 404, 'not_found');
    const after = await editor.client.get<InboxBody>('/api/v1/notifications?unread=true');
    expect(after.body.items.map((n) => n.id)).not.toContain(first?.id);
    expect(after.body.unreadCount).toBe(before.body.unreadCount - 1);
    expect((await editor.client.post(`/api/v1/notifications/${first?.id}/unread`)).status).toBe(204);
    expect((await editor.client.get<InboxBody>('/api/v1/notifications')).body.unreadCount).toBe(before.body.unreadCount);
    const all = await editor.client.post<{ marked: number }>('/api/v1/notifications/read-all');
    expect(all.body.marked).toBe(before.body.unreadCount);
    const none = await editor.client.get<InboxBody>('/api/v1/notifications?unread=true');
    expect(none.body).toMatchObject({ items: [], unreadCount: 0 });
  });

  it('pages with a cursor', async () => {
    for (let i = 0; i < 3; i++) await notify(db(), { workspaceId, userIds: [editor.id], kind: 'decision', specId: null, actorId: ownerId, details: { i } });
    const page1 = await editor.client.get<InboxBody>('/api/v1/notifications?limit=2');
    expect(page1.body.items.map((n) => n.details.i)).toEqual([2, 1]);
    expect(page1.body.nextCursor).not.toBeNull();
    const page2 = await editor.client.get<InboxBody>(`/api/v1/notifications?limit=2&cursor=${page1.body.nextCursor ?? ''}`);
    expect(page2.body.items[0]?.details.i).toBe(0);
  });

  it('@mention in a comment notifies the member once (by email or email name), never the author or outsiders; an edit notifies only the newly mentioned', async () => {
    const spec = await owner.post<{ number: number; id: string; key: string }>(`/api/v1/workspaces/${ws}/specs`, { markdown: '# M\n\n## Scope\nAll of it.\n' });
    expect(spec.status, spec.text).toBe(201);
    const threads = `/api/v1/workspaces/${ws}/specs/${spec.body.number}/threads`;
    const editorName = editor.email.slice(0, editor.email.indexOf('@'));
    const before = (await editor.client.get<InboxBody>('/api/v1/notifications?unread=true')).body.unreadCount;
    const opened = await viewer.client.post<{ id: string; comments: { id: string }[] }>(threads, {
      sectionPath: 'scope',
      body: `@${editorName} and @${editor.email}, please look. Also @${viewer.email} (me) and @nobody@example.com. mail@${editorName}.example is no mention.`,
    });
    expect(opened.status, opened.text).toBe(201);
    const inbox = await editor.client.get<InboxBody>('/api/v1/notifications?unread=true');
    expect(inbox.body.unreadCount).toBe(before + 1);
    expect(inbox.body.items[0]).toMatchObject({
      kind: 'mention',
      actor: { id: viewer.id },
      spec: { id: spec.body.id, key: spec.body.key },
      details: { threadId: opened.body.id, commentId: opened.body.comments[0]?.id },
    });
    expect((await viewer.client.get<InboxBody>('/api/v1/notifications')).body.items.filter((n) => n.kind === 'mention')).toEqual([]);
    // A reply mentioning the owner notifies the owner; editing it to add the viewer notifies only the viewer.
    const ownerEmail = (await owner.get<{ email: string }>('/api/v1/me')).body.email;
    const reply = await editor.client.post<{ comments: { id: string }[] }>(`${threads}/${opened.body.id}/comments`, { body: `cc @${ownerEmail}` });
    expect(reply.status).toBe(201);
    const ownerMentions = async () => (await owner.get<InboxBody>('/api/v1/notifications')).body.items.filter((n) => n.kind === 'mention').length;
    expect(await ownerMentions()).toBe(1);
    const commentId = reply.body.comments[1]?.id ?? '';
    const edited = await editor.client.patch(`${threads}/${opened.body.id}/comments/${commentId}`, { body: `cc @${ownerEmail} @${viewer.email}` });
    expect(edited.status, edited.text).toBe(200);
    expect(await ownerMentions()).toBe(1);
    const viewerInbox = await viewer.client.get<InboxBody>('/api/v1/notifications');
    expect(viewerInbox.body.items.filter((n) => n.kind === 'mention').map((n) => n.details.commentId)).toEqual([commentId]);
  });
});
