// The main journey: new spec from the template, fill a section in the editor, save, completeness
// rises, history shows both revisions and their diff; restore makes a third.
import { expect, test, type Page } from '@playwright/test';
import { screenshot, WS } from './helpers.js';

async function meterValue(page: Page, name: string): Promise<number> {
  return Number(await page.getByRole('meter', { name }).getAttribute('aria-valuenow'));
}

test('new spec from the template, fill a section, save: completeness rises, history shows 2 revisions and a diff', async ({ page }) => {
  await page.goto(`/w/${WS}`);
  await page.getByRole('link', { name: 'New spec' }).click();
  await expect(page.getByRole('heading', { name: 'New spec' })).toBeVisible();
  await page.getByLabel('Title').fill('Payments retry policy');
  await expect(page.getByRole('radio', { name: /Technical Specification/ })).toBeChecked();
  await screenshot(page, 'new-spec');
  await page.getByRole('button', { name: 'Create and edit' }).click();

  // The editor opens on the new spec, with the server's lint findings in the gutter.
  await expect(page.getByRole('heading', { name: /Editing SPEC-\d+: Payments retry policy/ })).toBeVisible();
  const editor = page.getByRole('textbox', { name: 'Spec Markdown' });
  await expect(editor).toBeVisible();
  await expect(page.locator('.cm-lint-marker-error').first()).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /Lint: \d+ errors/ })).toBeVisible();
  const before = await meterValue(page, 'Completeness of the saved revision');

  // Fill "Purpose": the text replaces its template comment; the preview follows.
  await page.locator('.cm-line', { hasText: 'Brief description of what this spec covers' }).click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.type('Failed card payments are retried with exponential backoff, at most five times.');
  await expect(page.getByLabel('Preview')).toContainText('exponential backoff');
  await expect(page.getByRole('status').filter({ hasText: 'Unsaved changes' })).toBeVisible();
  await screenshot(page, 'editor');

  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByRole('status').filter({ hasText: 'Saved revision 2.' })).toBeVisible();
  await expect.poll(() => meterValue(page, 'Completeness of the saved revision')).toBeGreaterThan(before);

  // The spec page: rendered text, outline with the section's completeness, details.
  await page.getByRole('link', { name: 'Done' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payments retry policy' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Spec text' })).toContainText('exponential backoff');
  await expect(page.getByRole('meter', { name: 'Purpose completeness' })).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByRole('complementary', { name: 'Details' })).toContainText('Revision 2');
  await screenshot(page, 'spec-page');

  // The list shows it with its status and completeness.
  await page.getByRole('link', { name: 'Specboard' }).click();
  const row = page.getByRole('row', { name: /Payments retry policy/ });
  await expect(row).toContainText('Draft');
  await expect(row.getByRole('meter')).toHaveAttribute('aria-valuenow', String(await meterValueFromSpec(page)));
  await screenshot(page, 'home');

  // History: two revisions, the diff between them, then restore revision 1 as revision 3.
  await row.getByRole('link', { name: 'Payments retry policy' }).click();
  await page.getByRole('link', { name: 'History' }).click();
  const revisions = page.getByRole('table').getByRole('row');
  await expect(revisions).toHaveCount(3); // header + 2
  await expect(page.getByRole('heading', { name: 'Changes from revision 1 to 2' })).toBeVisible();
  await expect(page.getByLabel('Diff')).toContainText('+Failed card payments are retried with exponential backoff');
  await screenshot(page, 'history');
  await page.getByRole('button', { name: 'Restore revision 1' }).click();
  await expect(revisions).toHaveCount(4);
  await expect(revisions.nth(1)).toContainText('3 (current)');
  await expect(revisions.nth(1)).toContainText('Restored revision 1');
});

async function meterValueFromSpec(page: Page): Promise<number> {
  const response = await page.request.get(`/api/v1/workspaces/${WS}/specs?limit=1`);
  const body = (await response.json()) as { items: { completeness: number }[] };
  return body.items[0]?.completeness ?? -1;
}
