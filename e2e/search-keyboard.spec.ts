// Search with highlighted snippets that jump to the section; keyboard: `/` search, `e` edit, Ctrl/Cmd+S save.
import { expect, test } from '@playwright/test';
import { createSpec, screenshot, WS } from './helpers.js';

test('`/` focuses search; a hit shows a highlighted snippet and opens the spec at its section', async ({ page, baseURL }) => {
  const spec = await createSpec(page.request, baseURL ?? '', {
    markdown: '# Ledger export\n\n## Overview\n\nNightly files.\n\n## Storage\n\nExports are written to a zebrafish bucket with versioning.\n',
  });
  await page.goto(`/w/${WS}`);
  await expect(page.getByRole('row', { name: /Ledger export/ })).toBeVisible();
  await page.keyboard.press('/');
  const box = page.getByRole('searchbox', { name: 'Search specs' });
  await expect(box).toBeFocused();
  await box.fill('zebrafish');
  await box.press('Enter');
  await expect(page).toHaveURL(/\?q=zebrafish/);
  const hit = page.getByRole('listitem').filter({ hasText: 'Ledger export' });
  await expect(hit.locator('mark')).toHaveText('zebrafish');
  await expect(hit).toContainText('Storage');
  await screenshot(page, 'search');
  await hit.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/specs/${spec.number}#sec-storage$`));
  await expect(page.locator('#sec-storage')).toBeInViewport();
});

test('status filter narrows the list', async ({ page, baseURL }) => {
  // A label of its own: other tests approve specs in the same workspace.
  const label = `status-${Date.now()}`;
  await createSpec(page.request, baseURL ?? '', { markdown: '# Filter me\n', labels: [label] });
  await page.goto(`/w/${WS}?label=${label}`);
  await expect(page.getByRole('row', { name: /Filter me/ })).toBeVisible();
  await page.getByLabel('Status', { exact: true }).selectOption('approved');
  await expect(page).toHaveURL(/status=approved/);
  await expect(page.getByText('No specs match these filters.')).toBeVisible();
  await page.getByLabel('Status', { exact: true }).selectOption('draft');
  await expect(page.getByRole('row', { name: /Filter me/ })).toBeVisible();
});

test('`e` opens the editor and Ctrl/Cmd+S saves', async ({ page, baseURL }) => {
  const spec = await createSpec(page.request, baseURL ?? '', { markdown: '# Keyboard spec\n\n## Notes\n\nOne.\n' });
  await page.goto(`/w/${WS}/specs/${spec.number}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Keyboard spec' })).toBeVisible();
  // `e` works once the page knows the user may edit (role and lock loaded: the Edit link shows).
  await expect(page.getByRole('link', { name: 'Edit' })).toBeVisible();
  await page.keyboard.press('e');
  await expect(page).toHaveURL(new RegExp(`/specs/${spec.number}/edit$`));
  await page.locator('.cm-line', { hasText: 'One.' }).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Two.');
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByRole('status').filter({ hasText: 'Saved revision 2.' })).toBeVisible();
  // Typing `e` or `/` inside the editor is text, not a shortcut.
  await page.keyboard.type(' e/');
  await expect(page).toHaveURL(new RegExp(`/specs/${spec.number}/edit$`));
  await expect(page.getByRole('textbox', { name: 'Spec Markdown' })).toContainText('One. Two. e/');
});
