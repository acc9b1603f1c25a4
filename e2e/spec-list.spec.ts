// Workspace home: filters (status, author, reviewer, label, waiting for my review), sorting and
// the reviewers column, all through the URL's query string.
import { expect, test, type Page } from '@playwright/test';
import { apiCall, createSpec, screenshot, WS } from './helpers.js';

const LEO = { name: 'Leo Lister', email: 'leo.list@example.com', password: 'leo list password' };

async function titles(page: Page): Promise<string[]> {
  return page.locator('.spec-list tbody td.title a').allTextContents();
}

test('spec list: filter by label, author, reviewer and “waiting for my review”; sort by title; reviewers shown', async ({ page, baseURL, browser }) => {
  const base = baseURL ?? '';
  const label = `list-${Date.now()}`;
  const leo = await apiCall<{ userId: string }>(page.request, base, 'POST', `/workspaces/${WS}/members`, { body: { ...LEO, role: 'editor' } });
  expect(leo.status).toBe(201);
  const me = await apiCall<{ id: string }>(page.request, base, 'GET', '/me');
  const mine = await createSpec(page.request, base, { markdown: '# Charlie list spec\n' });
  const reviewed = await createSpec(page.request, base, { markdown: '# Alpha list spec\n' });
  for (const spec of [mine, reviewed]) {
    expect((await apiCall(page.request, base, 'PATCH', `/workspaces/${WS}/specs/${spec.number}`, { body: { labels: [label] } })).status).toBe(200);
  }
  const reviewedPath = `/workspaces/${WS}/specs/${reviewed.number}`;
  expect((await apiCall(page.request, base, 'PUT', `${reviewedPath}/reviewers/${leo.body.userId}`, { body: { role: 'required' } })).status).toBe(200);
  // Leo writes one and asks the owner to review it.
  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  expect((await apiCall(other.request, base, 'POST', '/auth/sign-in', { body: { email: LEO.email, password: LEO.password } })).status).toBe(200);
  const leos = await apiCall<{ number: number }>(other.request, base, 'POST', `/workspaces/${WS}/specs`, { body: { markdown: '# Bravo list spec\n', labels: [label] } });
  expect(leos.status).toBe(201);
  const leosPath = `/workspaces/${WS}/specs/${leos.body.number}`;
  expect((await apiCall(other.request, base, 'PUT', `${leosPath}/reviewers/${me.body.id}`, { body: { role: 'required' } })).status).toBe(200);
  expect((await apiCall(other.request, base, 'POST', `${leosPath}/review/request`)).status).toBe(200);
  await other.close();

  // The label filter (typed, applied on Enter) narrows to these three, newest first.
  await page.goto(`/w/${WS}`);
  await page.getByRole('textbox', { name: 'Label' }).fill(label);
  await page.getByRole('textbox', { name: 'Label' }).press('Enter');
  await expect(page).toHaveURL(new RegExp(`label=${label}`));
  await expect.poll(() => titles(page)).toEqual(['Bravo list spec', 'Alpha list spec', 'Charlie list spec']);
  await expect(page.getByRole('row', { name: /Alpha list spec/ }).locator('td[data-label="Reviewers"]')).toHaveText('Leo Lister');
  await expect(page.getByRole('row', { name: /Bravo list spec/ }).locator('td[data-label="Author"]')).toHaveText('Leo Lister');
  await screenshot(page, 'home-filters');

  await page.getByLabel('Sort', { exact: true }).selectOption({ label: 'Title A-Z' });
  await expect.poll(() => titles(page)).toEqual(['Alpha list spec', 'Bravo list spec', 'Charlie list spec']);

  await page.getByLabel('Author', { exact: true }).selectOption({ label: 'Leo Lister' });
  await expect(page).toHaveURL(new RegExp(`author=${leo.body.userId}`));
  await expect.poll(() => titles(page)).toEqual(['Bravo list spec']);
  await page.getByLabel('Author', { exact: true }).selectOption({ label: 'Anyone' });

  await page.getByLabel('Reviewer', { exact: true }).selectOption({ label: 'Leo Lister' });
  await expect.poll(() => titles(page)).toEqual(['Alpha list spec']);
  await page.getByLabel('Reviewer', { exact: true }).selectOption({ label: 'Anyone' });

  await page.getByRole('checkbox', { name: 'Waiting for my review' }).check();
  await expect(page).toHaveURL(/waiting=1/);
  await expect.poll(() => titles(page)).toEqual(['Bravo list spec']);
  await page.getByLabel('Status', { exact: true }).selectOption('draft');
  await expect(page.getByText('No specs match these filters.')).toBeVisible();

  // The URL holds the filters: a reload shows the same list; Clear filters keeps the sort.
  await page.getByRole('checkbox', { name: 'Waiting for my review' }).uncheck();
  await page.reload();
  await expect.poll(() => titles(page)).toEqual(['Alpha list spec', 'Charlie list spec']);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${WS}\\?sort=title$`));
});
