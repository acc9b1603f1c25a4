// The spec page's "Viewing now" list (presence over /api/v1/events) and its labels picker.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { apiCall, createSpec, expectAccessible, OWNER, WS } from './helpers.js';

const PIA = { name: 'Pia Presence', email: 'pia.presence@example.com', password: 'pia presence password' };

async function signIn(request: APIRequestContext, base: string, who: { email: string; password: string }): Promise<void> {
  const answer = await apiCall(request, base, 'POST', '/auth/sign-in', { body: { email: who.email, password: who.password } });
  expect(answer.status).toBe(200);
}

test('presence: two users on the same spec each see the other in "Viewing now"; closing a page takes its viewer away', async ({ page, baseURL, browser }) => {
  const base = baseURL ?? '';
  const added = await apiCall(page.request, base, 'POST', `/workspaces/${WS}/members`, { body: { ...PIA, role: 'viewer' } });
  expect([201, 409]).toContain(added.status);
  const spec = await createSpec(page.request, base, { markdown: '# Presence check\n\n## Overview\n\nWho is here.\n' });
  const url = `/w/${WS}/specs/${spec.number}`;

  await page.goto(url);
  const mine = page.getByRole('region', { name: 'Viewing now' });
  await expect(mine).toContainText('Only you');

  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  await signIn(other.request, base, PIA);
  const theirPage = await other.newPage();
  await theirPage.goto(url);

  // Each sees the other by name (the initials are decoration), never themselves.
  const myList = page.getByRole('list', { name: 'Viewing now' });
  await expect(myList.locator('.presence-name')).toHaveText([PIA.name]);
  const theirList = theirPage.getByRole('list', { name: 'Viewing now' });
  await expect(theirList.locator('.presence-name')).toHaveText([OWNER.name]);
  await expect(myList.locator('.avatar')).toHaveText('PP');
  await expectAccessible(page, 'spec page with a viewer');

  // Their last page closes: they leave the list on mine.
  await theirPage.close();
  await expect(page.getByRole('list', { name: 'Viewing now' })).toHaveCount(0);
  await expect(mine).toContainText('Only you');
  await other.close();
});

test('labels picker: a suggestion from the workspace, a new label, an invalid one refused, removal by button and Backspace; all kept after a reload', async ({ page, baseURL }) => {
  const base = baseURL ?? '';
  // An existing label of the workspace (on another spec): the picker suggests it.
  await createSpec(page.request, base, { markdown: '# Labelled elsewhere\n', labels: ['picker-backend'] });
  const spec = await createSpec(page.request, base, { markdown: '# Picker target\n\n## Overview\n\nText.\n' });
  await page.goto(`/w/${WS}/specs/${spec.number}`);

  const details = page.getByRole('complementary', { name: 'Details' });
  const field = details.getByRole('combobox', { name: 'Add a label' });
  const chips = details.getByRole('list', { name: 'Labels' });
  await expect(details).toContainText('No labels yet');

  // A suggestion, chosen with the keyboard.
  await field.fill('picker-ba');
  const suggestions = details.getByRole('listbox', { name: 'Label suggestions' });
  await expect(suggestions.getByRole('option', { name: /^picker-backend/ })).toBeVisible();
  await expectAccessible(page, 'labels picker with suggestions');
  await field.press('ArrowDown');
  await expect(suggestions.getByRole('option', { name: /^picker-backend/ })).toHaveAttribute('aria-selected', 'true');
  await field.press('Enter');
  await expect(chips.getByRole('listitem')).toHaveText([/^picker-backend/]);
  await expect(field).toHaveValue('');

  // A new label, typed.
  await field.fill('Picker new one');
  await field.press('Enter');
  await expect(chips.getByRole('listitem')).toHaveText([/^Picker new one/, /^picker-backend/]);

  // The server's rule (one line, no commas) explained where it was typed; nothing saved.
  await field.fill('bad, label');
  await field.press('Enter');
  await expect(details.getByRole('alert')).toHaveText('A label cannot contain a comma.');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveValue('bad, label');
  await expect(chips.getByRole('listitem')).toHaveCount(2);
  await field.fill('');
  await expect(details.getByRole('alert')).toHaveCount(0);

  // Removing: the × button, then Backspace in the empty field takes the last chip.
  await field.fill('picker-temporary');
  await field.press('Enter');
  await expect(chips.getByRole('listitem')).toHaveCount(3);
  await details.getByRole('button', { name: 'Remove label picker-backend' }).click();
  await expect(chips.getByRole('listitem')).toHaveText([/^Picker new one/, /^picker-temporary/]);
  await expect(field).toBeFocused();
  await field.press('Backspace');
  await expect(chips.getByRole('listitem')).toHaveText([/^Picker new one/]);

  // Saved on the server: a reload shows the same, and so does the API.
  await page.reload();
  await expect(page.getByRole('complementary', { name: 'Details' }).getByRole('list', { name: 'Labels' }).getByRole('listitem')).toHaveText([/^Picker new one/]);
  const stored = await apiCall<{ labels: string[] }>(page.request, base, 'GET', `/workspaces/${WS}/specs/${spec.number}`);
  expect(stored.body.labels).toEqual(['Picker new one']);
  // The new label is now a workspace label too (a suggestion for the next spec).
  const labels = await apiCall<{ items: { name: string }[] }>(page.request, base, 'GET', `/workspaces/${WS}/labels`);
  expect(labels.body.items.map((l) => l.name)).toEqual(expect.arrayContaining(['Picker new one', 'picker-backend', 'picker-temporary']));
});
