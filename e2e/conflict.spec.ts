// Two writers: the editor's save meets a 412 and shows both versions; nothing is lost either way.
import { expect, test } from '@playwright/test';
import { apiCall, createSpec, screenshot, WS } from './helpers.js';

test('a 412 conflict shows both versions and keeps both in the history', async ({ page, baseURL }) => {
  const spec = await createSpec(page.request, baseURL ?? '', { markdown: '# Cache policy\n\n## Summary\n\nFirst draft.\n' });
  await page.goto(`/w/${WS}/specs/${spec.number}/edit`);
  await expect(page.getByRole('textbox', { name: 'Spec Markdown' })).toBeVisible();

  // Someone else saves while this editor is open.
  const theirs = '# Cache policy\n\n## Summary\n\nTheir edit: entries expire after 5 minutes.\n';
  const other = await apiCall(page.request, baseURL ?? '', 'PUT', `/workspaces/${WS}/specs/${spec.number}/content`, {
    body: { markdown: theirs },
    headers: { 'if-match': spec.etag },
  });
  expect(other.status).toBe(200);

  await page.locator('.cm-line', { hasText: 'First draft.' }).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' My edit: entries are invalidated on write.');
  await page.getByRole('button', { name: 'Save' }).click();

  const conflict = page.getByRole('alert', { name: 'Conflict' });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByLabel('Your version (not saved)')).toHaveValue(/My edit: entries are invalidated on write\./);
  await expect(conflict.getByLabel('Saved version (revision 2)')).toHaveValue(/Their edit: entries expire after 5 minutes\./);
  // The editor still holds my text.
  await expect(page.getByRole('textbox', { name: 'Spec Markdown' })).toContainText('My edit');
  await screenshot(page, 'conflict');

  await conflict.getByRole('button', { name: 'Save my version over theirs' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved revision 3.' })).toBeVisible();
  await expect(conflict).toBeHidden();

  // Both versions are revisions: theirs (2) and mine (3).
  const two = await apiCall<{ markdown: string }>(page.request, baseURL ?? '', 'GET', `/workspaces/${WS}/specs/${spec.number}/revisions/2`);
  const three = await apiCall<{ markdown: string }>(page.request, baseURL ?? '', 'GET', `/workspaces/${WS}/specs/${spec.number}/revisions/3`);
  expect(two.body.markdown).toBe(theirs);
  expect(three.body.markdown).toContain('First draft. My edit: entries are invalidated on write.');
});

test('after a conflict, loading their version keeps mine on screen until closed', async ({ page, baseURL }) => {
  const spec = await createSpec(page.request, baseURL ?? '', { markdown: '# Queue sizing\n\n## Summary\n\nStart.\n' });
  await page.goto(`/w/${WS}/specs/${spec.number}/edit`);
  await expect(page.getByRole('textbox', { name: 'Spec Markdown' })).toBeVisible();
  await apiCall(page.request, baseURL ?? '', 'PUT', `/workspaces/${WS}/specs/${spec.number}/content`, {
    body: { markdown: '# Queue sizing\n\n## Summary\n\nTheirs.\n' },
    headers: { 'if-match': spec.etag },
  });
  await page.locator('.cm-line', { hasText: 'Start.' }).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Mine.');
  await page.keyboard.press('ControlOrMeta+s');
  const conflict = page.getByRole('alert', { name: 'Conflict' });
  await conflict.getByRole('button', { name: 'Load their version into the editor' }).click();
  await expect(page.getByRole('textbox', { name: 'Spec Markdown' })).toContainText('Theirs.');
  await expect(conflict.getByLabel('Your version (not saved)')).toHaveValue(/Start\. Mine\./);
  await conflict.getByRole('button', { name: /Close/ }).click();
  await expect(conflict).toBeHidden();
});
