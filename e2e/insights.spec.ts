// Insights: median time to decision, specs waiting longest, overdue reviews.
import { expect, test } from '@playwright/test';
import { apiCall, createSpec, expectAccessible, screenshot, WS } from './helpers.js';

const IRIS = { name: 'Iris Insight', email: 'iris.insights@example.com', password: 'iris insights pw' };

test('insights: median time to decision, the specs waiting longest and the overdue reviews, by name', async ({ page, baseURL, browser }) => {
  const base = baseURL ?? '';
  const iris = await apiCall<{ userId: string }>(page.request, base, 'POST', `/workspaces/${WS}/members`, { body: { ...IRIS, role: 'editor' } });
  expect(iris.status).toBe(201);
  const late = await createSpec(page.request, base, { markdown: '# Insight late review\n' });
  const onTime = await createSpec(page.request, base, { markdown: '# Insight timely review\n' });
  const decided = await createSpec(page.request, base, { markdown: '# Insight decided\n' });
  const review = async (number: number, dueAt: string) => {
    const path = `/workspaces/${WS}/specs/${number}`;
    expect((await apiCall(page.request, base, 'PUT', `${path}/reviewers/${iris.body.userId}`, { body: { role: 'required', dueAt } })).status).toBe(200);
    expect((await apiCall(page.request, base, 'POST', `${path}/review/request`)).status).toBe(200);
  };
  await review(late.number, '2020-01-01T00:00:00.000Z');
  await review(onTime.number, '2099-01-01T00:00:00.000Z');
  await review(decided.number, '2099-01-01T00:00:00.000Z');
  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  expect((await apiCall(other.request, base, 'POST', '/auth/sign-in', { body: { email: IRIS.email, password: IRIS.password } })).status).toBe(200);
  expect((await apiCall(other.request, base, 'POST', `/workspaces/${WS}/specs/${decided.number}/review/approve`, { body: {} })).status).toBe(200);
  await other.close();

  await page.goto(`/w/${WS}`);
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Insights' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
  await expect(page.locator('.figure').filter({ hasText: 'Median time to decision' }).locator('dd')).toHaveText(/minute|hour|day/);

  const waiting = page.getByRole('table', { name: 'Waiting longest' });
  const lateRow = waiting.getByRole('row', { name: new RegExp(`${late.key}: Insight late review`) });
  await expect(lateRow).toContainText('Overdue: Iris Insight');
  await expect(waiting.getByRole('row', { name: new RegExp(`${onTime.key}: Insight timely review`) })).toContainText('No');
  await expect(waiting.getByRole('row', { name: /Insight decided/ })).toHaveCount(0);
  // Longest waiting first: the late one was requested before the timely one.
  const order = await waiting.getByRole('row').allTextContents();
  expect(order.findIndex((t) => t.includes(late.key))).toBeLessThan(order.findIndex((t) => t.includes(onTime.key)));

  const overdue = page.getByRole('table', { name: 'Overdue reviews' });
  const entry = overdue.getByRole('row', { name: new RegExp(late.key) });
  await expect(entry).toContainText('Iris Insight (required)');
  await expect(entry).toContainText(/day/);
  await expect(overdue.getByRole('row', { name: new RegExp(onTime.key) })).toHaveCount(0);
  await expectAccessible(page, 'insights');
  await screenshot(page, 'insights');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'insights-390');
  await page.setViewportSize({ width: 1280, height: 800 });
  await entry.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Insight late review' })).toBeVisible();
});
