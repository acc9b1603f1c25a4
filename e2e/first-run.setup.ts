// First run: a server with no user shows the setup screen; the owner is created, signs out and in.
import { expect, test } from '@playwright/test';
import { OWNER, ownerStatePath, screenshot, WS } from './helpers.js';

test('first run: create the owner, sign out, sign in again', async ({ page, baseURL }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Welcome to Specboard' })).toBeVisible();
  await screenshot(page, 'setup');
  await page.getByLabel('Your name').fill(OWNER.name);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password (at least 8 characters)').fill(OWNER.password);
  await page.getByRole('button', { name: 'Create owner account' }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${WS}$`));
  await expect(page.getByRole('heading', { name: 'Specs' })).toBeVisible();
  await expect(page.getByText('No specs yet')).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Specboard' })).toBeVisible();
  await screenshot(page, 'sign-in');
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Specs' })).toBeVisible();
  await expect(page.getByTitle(OWNER.email)).toHaveText(OWNER.name);

  // Setup is over: the API refuses a second owner.
  const again = await page.request.post('/api/v1/setup', {
    headers: { 'x-specboard-csrf': '1', origin: baseURL ?? '' },
    data: { name: 'Mallory', email: 'm@example.com', password: 'password123', workspace: { name: 'X', key: 'XX' } },
  });
  expect(again.status()).toBe(409);
  await page.context().storageState({ path: ownerStatePath() });
});
