// Live refresh: user A's open pages follow what user B does (over /api/v1/events), no reload.
import { expect, test, type APIRequestContext, type WebSocketRoute } from '@playwright/test';
import { apiCall, createSpec, WS } from './helpers.js';

const BEA = { name: 'Bea Live', email: 'bea.live@example.com', password: 'bea live password' };

/** B signs in with their own cookie jar (a second browser context) and acts through the API. */
async function signIn(request: APIRequestContext, base: string, who: { email: string; password: string }): Promise<void> {
  const answer = await apiCall(request, base, 'POST', '/auth/sign-in', { body: { email: who.email, password: who.password } });
  expect(answer.status).toBe(200);
}

test('live refresh: a comment and an approval by user B show on user A’s spec page, list and bell without a reload', async ({ page, baseURL, browser }) => {
  const base = baseURL ?? '';
  const bea = await apiCall<{ userId: string }>(page.request, base, 'POST', `/workspaces/${WS}/members`, { body: { ...BEA, role: 'editor' } });
  expect(bea.status).toBe(201);
  const spec = await createSpec(page.request, base, { markdown: '# Live pricing\n\n## Overview\n\nPrices update hourly.\n' });
  const specPath = `/workspaces/${WS}/specs/${spec.number}`;
  expect((await apiCall(page.request, base, 'PUT', `${specPath}/reviewers/${bea.body.userId}`, { body: { role: 'required' } })).status).toBe(200);
  expect((await apiCall(page.request, base, 'POST', `${specPath}/review/request`)).status).toBe(200);

  // A opens the spec; a marker on window proves the page is never reloaded.
  await page.goto(`/w/${WS}/specs/${spec.number}`);
  await expect(page.locator('.spec-head .badge')).toHaveText('In review');
  await expect(page.locator('html')).toHaveAttribute('data-live', 'live');
  await page.evaluate(() => Object.assign(window, { liveMarker: 1 }));
  const unread = Number(/\((\d+) unread\)/.exec((await page.getByRole('link', { name: /^Notifications/ }).getAttribute('aria-label')) ?? '')?.[1]);

  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  await signIn(other.request, base, BEA);
  const comment = await apiCall(other.request, base, 'POST', `${specPath}/threads`, { body: { sectionPath: 'overview', body: 'Hourly is fine by me.' } });
  expect(comment.status).toBe(201);
  await expect(page.getByText('Hourly is fine by me.')).toBeVisible();

  expect((await apiCall(other.request, base, 'POST', `${specPath}/review/approve`, { body: { summary: 'Ship it' } })).status).toBe(200);
  await expect(page.locator('.spec-head .badge')).toHaveText('Approved');
  await expect(page.getByRole('region', { name: 'Review' })).toContainText('Ship it');
  // The verdict and decision notifications reach A's bell at once (not at the 30 s poll).
  await expect(page.getByRole('link', { name: new RegExp(`^Notifications \\((?!${unread}\\))\\d+ unread\\)`) })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker)).toBe(1);

  // The list follows too: B retitles another spec while A looks at the list.
  const draft = await createSpec(page.request, base, { markdown: '# Live list item\n' });
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Specs' }).click();
  await expect(page.getByRole('row', { name: /Live list item/ })).toBeVisible();
  const draftPath = `/workspaces/${WS}/specs/${draft.number}`;
  expect((await apiCall(other.request, base, 'PATCH', draftPath, { body: { title: 'Live list item, renamed' }, headers: { 'if-match': draft.etag } })).status).toBe(200);
  await expect(page.getByRole('row', { name: /Live list item, renamed/ })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker)).toBe(1);
  await other.close();
});

test('live refresh: after a dropped connection the client resubscribes with `since` and shows what happened meanwhile', async ({ page, baseURL, browser }) => {
  const base = baseURL ?? '';
  // Bea may exist already (the test above adds her): either answer is fine.
  const added = await apiCall(page.request, base, 'POST', `/workspaces/${WS}/members`, { body: { ...BEA, role: 'editor' } });
  expect([201, 409]).toContain(added.status);
  const spec = await createSpec(page.request, base, { markdown: '# Live reconnect\n\n## Overview\n\nText.\n' });
  // Every connection goes through this route: the first is dropped, the second held until B acted.
  const pages: WebSocketRoute[] = [];
  const sent: Record<string, unknown>[][] = [];
  let release: () => void = () => undefined;
  const held = new Promise<void>((done) => (release = done));
  await page.routeWebSocket(/\/api\/v1\/events$/, async (ws) => {
    const index = pages.push(ws) - 1;
    const mine: Record<string, unknown>[] = [];
    sent.push(mine);
    const queue: string[] = [];
    let server: WebSocketRoute | null = null;
    ws.onMessage((message) => {
      mine.push(JSON.parse(String(message)) as Record<string, unknown>);
      if (server === null) queue.push(String(message));
      else server.send(message);
    });
    if (index > 0) await held;
    server = ws.connectToServer();
    for (const message of queue.splice(0)) server.send(message);
  });
  await page.goto(`/w/${WS}/specs/${spec.number}`);
  await expect(page.locator('html')).toHaveAttribute('data-live', 'live');
  await page.evaluate(() => Object.assign(window, { liveMarker: 1 }));

  await pages[0]?.close({ code: 1001, reason: 'test drop' });
  await expect(page.locator('html')).toHaveAttribute('data-live', /offline|connecting/);
  const bea = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  expect((await apiCall(bea.request, base, 'POST', '/auth/sign-in', { body: { email: BEA.email, password: BEA.password } })).status).toBe(200);
  const thread = await apiCall(bea.request, base, 'POST', `/workspaces/${WS}/specs/${spec.number}/threads`, { body: { sectionPath: 'overview', body: 'Written while you were offline.' } });
  expect(thread.status).toBe(201);
  await bea.close();
  await expect.poll(() => pages.length).toBe(2);
  release();

  await expect(page.getByText('Written while you were offline.')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-live', 'live');
  const resubscribe = sent[1]?.find((m) => m.op === 'subscribe');
  expect(typeof resubscribe?.since).toBe('number');
  expect(await page.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker)).toBe(1);
});
