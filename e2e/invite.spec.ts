// An invite link: the new member chooses a password and lands in the workspace.
import { expect, test } from '@playwright/test';
import { apiCall, screenshot, WS } from './helpers.js';

test('an invite link: choose a password, the new account lands in the workspace; the link is single-use', async ({ page, baseURL, browser }) => {
  const invite = await apiCall<{ url: string; token: string }>(page.request, baseURL ?? '', 'POST', `/workspaces/${WS}/invites`, { body: { role: 'editor' } });
  expect(invite.status).toBe(201);

  const guest = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const tab = await guest.newPage();
  await tab.goto(`/invites/${invite.body.token}`);
  await expect(tab.getByRole('heading', { name: /Join/ })).toBeVisible();
  await expect(tab.getByText('as editor')).toBeVisible();
  await tab.getByLabel('Your name').fill('Eddie Editor');
  await tab.getByLabel('Email').fill('eddie@example.com');
  await tab.getByLabel(/Choose a password/).fill('eddie password 1');
  await screenshot(tab, 'invite');
  await tab.getByRole('button', { name: 'Create account and join' }).click();
  await expect(tab).toHaveURL(new RegExp(`/w/${WS}$`));
  await expect(tab.getByTitle('eddie@example.com')).toHaveText('Eddie Editor');
  await expect(tab.getByRole('link', { name: 'New spec' })).toBeVisible();

  // The link was single-use.
  await tab.goto(`/invites/${invite.body.token}`);
  await expect(tab.getByRole('alert')).toBeVisible();
  await guest.close();
});
