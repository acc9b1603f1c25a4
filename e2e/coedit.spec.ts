// Co-editing (issue #7, web part): two browser contexts on /live type into the same spec and converge;
// each sees the other's cursor with a name.
import { expect, test } from '@playwright/test';
import { createSpec, ownerStatePath, WS } from './helpers.js';

test('co-editing: two browser contexts typing into the same spec converge', async ({ page, baseURL, browser }) => {
  const spec = await createSpec(page.request, baseURL ?? '', { markdown: '# Shared\n\n## Overview\n\nStart.\n' });
  const other = await browser.newContext({ storageState: ownerStatePath(), baseURL });
  const second = await other.newPage();
  await page.goto(`/w/${WS}/specs/${spec.number}/live`);
  await second.goto(`/w/${WS}/specs/${spec.number}/live`);
  const first = page.getByRole('textbox', { name: 'Spec Markdown (live)' });
  const theirs = second.getByRole('textbox', { name: 'Spec Markdown (live)' });
  await expect(first).toContainText('Start.');
  await expect(theirs).toContainText('Start.');
  await expect(page.getByRole('status')).toHaveText(/Live/);
  // Lint runs in the browser on the live text: completeness and gutter markers without a save.
  const meter = page.getByRole('meter', { name: 'Completeness of the live text' });
  await expect(meter).toBeVisible();
  const before = Number(await meter.getAttribute('aria-valuenow'));
  await expect(page.locator('.cm-lint-marker').first()).toBeVisible();

  await first.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\nAlpha from the first.');
  await theirs.click();
  await second.keyboard.press('ControlOrMeta+Home');
  await second.keyboard.type('Beta from the second. ');
  await expect(theirs).toContainText('Alpha from the first.');
  await expect(first).toContainText('Beta from the second.');
  // Both texts are the same, once the remote cursor labels (widgets inside the text) are left out.
  const plain = async (box: typeof first) => (await box.textContent())?.replace(/\u2060*Olivia Owner\u2060*/g, '') ?? '';
  await expect.poll(async () => (await plain(first)) === (await plain(theirs))).toBe(true);
  expect(await plain(first)).toBe('Beta from the second. # Shared## OverviewStart.Alpha from the first.');
  // The other's cursor is shown with their name (y-codemirror.next's remote caret).
  await expect(page.locator('.cm-ySelectionInfo').first()).toHaveText('Olivia Owner');
  // A filled section raises the completeness computed while typing (nothing saved by hand).
  await first.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\n\n### Purpose\n\nShip the retry policy to every payment provider by the end of the quarter.\n');
  await expect.poll(async () => Number(await meter.getAttribute('aria-valuenow'))).toBeGreaterThan(before);
  await other.close();
});
