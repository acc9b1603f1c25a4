// Comments on selected text, suggestions accepted and dismissed, and the outdated marker.
import { expect, test, type Page } from '@playwright/test';
import { apiCall, createSpec, WS } from './helpers.js';

const MARKDOWN = ['# Export limits', '', '## Limits', '', 'Exports are kept for 30 days and hold at most 10 files.', '', '## Retention', '', 'Old exports are deleted nightly.', ''].join('\n');

/** Selects `text` inside the rendered spec the way a mouse would, and lets the page notice. */
async function selectText(page: Page, text: string): Promise<void> {
  await page.evaluate((wanted) => {
    const article = document.querySelector('article.markdown');
    if (article === null) throw new Error('no article');
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      node.parentElement?.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return;
    }
    throw new Error(`not found: ${wanted}`);
  }, text);
}

test('comments on selected text: a suggestion accepted changes the text, another dismissed; a thread whose text changed is marked outdated', async ({ page, baseURL }) => {
  const spec = await createSpec(page.request, baseURL ?? '', { markdown: MARKDOWN });
  await page.goto(`/w/${WS}/specs/${spec.number}`);
  const text = page.getByRole('article', { name: 'Spec text' });
  await expect(text).toContainText('30 days');

  // A suggestion on selected text, accepted: the spec text changes.
  await selectText(page, '30 days');
  await page.getByRole('button', { name: 'Comment on the selected text' }).click();
  const form = page.getByRole('form', { name: 'New comment' });
  await expect(form).toContainText('On the selected text');
  await form.getByLabel('Comment').fill('Match the card rules.');
  await form.getByRole('checkbox', { name: 'Suggest a replacement' }).check();
  await form.getByLabel('Replacement text').fill('60 days');
  await form.getByRole('button', { name: 'Add comment' }).click();
  const suggestion = page.getByRole('article', { name: 'Thread on Limits: 30 days' });
  await expect(suggestion).toContainText('Suggestion open');
  await suggestion.getByRole('button', { name: 'Accept suggestion' }).click();
  await expect(suggestion).toContainText('Suggestion accepted');
  await expect(suggestion).toContainText('Resolved');
  await expect(text).toContainText('kept for 60 days');

  // Another, dismissed: the text stays.
  await selectText(page, '10 files');
  await page.getByRole('button', { name: 'Comment on the selected text' }).click();
  await form.getByLabel('Comment').fill('More?');
  await form.getByRole('checkbox', { name: 'Suggest a replacement' }).check();
  await form.getByLabel('Replacement text').fill('100 files');
  await form.getByRole('button', { name: 'Add comment' }).click();
  const dismissed = page.getByRole('article', { name: 'Thread on Limits: 10 files' });
  await dismissed.getByRole('button', { name: 'Dismiss suggestion' }).click();
  await expect(dismissed).toContainText('Suggestion dismissed');
  await expect(text).toContainText('at most 10 files');

  // A plain comment on a quote; the quoted text then changes: the thread is marked outdated.
  await selectText(page, 'deleted nightly');
  await page.getByRole('button', { name: 'Comment on the selected text' }).click();
  await form.getByLabel('Comment').fill('Which time zone?');
  await form.getByRole('button', { name: 'Add comment' }).click();
  const nightly = page.getByRole('article', { name: 'Thread on Retention: deleted nightly' });
  await expect(nightly).toContainText('Which time zone?');
  await expect(nightly).not.toContainText('Outdated');
  const current = await apiCall<{ etag: string; markdown: string }>(page.request, baseURL ?? '', 'GET', `/workspaces/${WS}/specs/${spec.number}`);
  const saved = await apiCall(page.request, baseURL ?? '', 'PUT', `/workspaces/${WS}/specs/${spec.number}/content`, {
    body: { markdown: current.body.markdown.replace('deleted nightly', 'deleted every hour') },
    headers: { 'if-match': current.body.etag },
  });
  expect(saved.status).toBe(200);
  await page.reload();
  await expect(nightly).toContainText('Outdated');
  await expect(nightly).toContainText('Which time zone?');
});
