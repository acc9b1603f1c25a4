// The whole review journey of issue #5: a second user, a spec from the template filled in the
// editor, review requested naming that user, who comments and approves in a second browser; the
// spec shows Approved and is locked; revise opens v2, whose change shows in the history diff.
import { expect, test, type Page } from '@playwright/test';
import { apiCall, expectAccessible, screenshot, WS } from './helpers.js';

const REVIEWER = { name: 'Rita Reviewer', email: 'rita@example.com', password: 'rita password 1' };

async function meterValue(page: Page, name: string): Promise<number> {
  return Number(await page.getByRole('meter', { name }).getAttribute('aria-valuenow'));
}

/** Replaces the template comment line containing `placeholder` with `text` in the editor. */
async function fillLine(page: Page, placeholder: string, text: string): Promise<void> {
  await page.locator('.cm-line', { hasText: placeholder }).click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.type(text);
}

test('review journey: request review, the reviewer comments and approves in a second browser, the spec is locked, revise, diff v1/v2', async ({ page, baseURL, browser }) => {
  const base = baseURL ?? '';
  // A second user (admins create accounts through the members API).
  const member = await apiCall<{ userId: string }>(page.request, base, 'POST', `/workspaces/${WS}/members`, { body: { ...REVIEWER, role: 'editor' } });
  expect(member.status).toBe(201);

  // New spec from the template; fill sections; completeness rises with each save.
  await page.goto(`/w/${WS}/new`);
  await page.getByLabel('Title').fill('Webhook delivery guarantees');
  await page.getByRole('button', { name: 'Create and edit' }).click();
  await expect(page.getByRole('heading', { name: /Editing SPEC-\d+: Webhook delivery guarantees/ })).toBeVisible();
  const start = await meterValue(page, 'Completeness of the saved revision');
  await fillLine(page, 'Brief description of what this spec covers', 'Webhooks are delivered at least once, in order per endpoint.');
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByRole('status').filter({ hasText: 'Saved revision 2.' })).toBeVisible();
  await expect.poll(() => meterValue(page, 'Completeness of the saved revision')).toBeGreaterThan(start);
  const url = page.url();
  const number = /\/specs\/(\d+)\/edit/.exec(url)?.[1] ?? '';
  expect(number).not.toBe('');
  const specUrl = `/w/${WS}/specs/${number}`;

  // Request review naming the second user, with a due date.
  await page.getByRole('link', { name: 'Done' }).click();
  const panel = page.getByRole('region', { name: 'Review' });
  await expect(panel).toContainText('No reviewers yet.');
  await panel.getByRole('button', { name: 'Request review' }).click();
  const form = page.getByRole('form', { name: 'Request review' });
  await form.getByRole('checkbox', { name: /Rita Reviewer/ }).check();
  await form.getByLabel('Due date (optional)').fill('2099-12-31');
  await screenshot(page, 'request-review');
  await expectAccessible(page, 'request review');
  await form.getByRole('button', { name: 'Send review request' }).click();
  await expect(page.locator('.spec-head .badge')).toHaveText('In review');
  await expect(panel.getByRole('status', { name: 'Approval policy' })).toHaveText('0 of 1 required approval; waiting for Rita Reviewer');
  await expect(panel.getByRole('list', { name: 'Reviewers' })).toContainText('Rita Reviewer (required): no verdict yet');
  // The author is not a reviewer: no verdict buttons; withdrawing is theirs.
  await expect(panel.getByRole('button', { name: 'Give your verdict' })).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Withdraw' })).toBeVisible();

  // The reviewer, in a second browser context: signs in, comments, approves.
  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const tab = await other.newPage();
  await tab.goto(specUrl);
  await tab.getByLabel('Email').fill(REVIEWER.email);
  await tab.getByLabel('Password').fill(REVIEWER.password);
  await tab.getByRole('button', { name: 'Sign in' }).click();
  await expect(tab.getByRole('heading', { level: 1, name: 'Webhook delivery guarantees' })).toBeVisible();
  // The review request waits in their notifications; following it marks it read.
  await tab.getByRole('link', { name: 'Notifications (1 unread)' }).click();
  const request = tab.getByRole('listitem').filter({ hasText: 'asked for your review of' });
  await expect(request).toContainText('Olivia Owner asked for your review of');
  await expectAccessible(tab, 'notifications');
  await request.getByRole('link', { name: /Webhook delivery guarantees/ }).click();
  await expect(tab.getByRole('heading', { level: 1, name: 'Webhook delivery guarantees' })).toBeVisible();
  await expect(tab.getByRole('link', { name: 'Notifications (0 unread)' })).toBeVisible();
  const theirPanel = tab.getByRole('region', { name: 'Review' });
  await expect(theirPanel.getByRole('button', { name: 'Request review' })).toHaveCount(0);
  await expect(theirPanel.getByRole('button', { name: 'Withdraw' })).toHaveCount(0);
  // A blocking comment on a section holds the approval until it is resolved.
  const newComment = tab.getByRole('form', { name: 'New comment' });
  await newComment.getByLabel('Section').selectOption({ label: 'Purpose' });
  await newComment.getByLabel('Comment').fill('Say what happens after the retries run out.');
  await newComment.getByRole('checkbox', { name: /Blocking/ }).check();
  await newComment.getByRole('button', { name: 'Add comment' }).click();
  const thread = tab.getByRole('article', { name: 'Thread on Purpose' });
  await expect(thread).toContainText('Blocking');
  await expect(theirPanel.getByRole('status', { name: 'Approval policy' })).toHaveText('1 blocking thread open; 0 of 1 required approval; waiting for Rita Reviewer');
  await thread.getByRole('textbox', { name: /Reply to/ }).fill('Fine for v1: dead letters are out of scope.');
  await thread.getByRole('button', { name: 'Reply' }).click();
  await expect(thread).toContainText('dead letters are out of scope');
  await thread.getByRole('button', { name: 'Resolve' }).click();
  await expect(thread).toContainText('Resolved');
  await expect(theirPanel.getByRole('status', { name: 'Approval policy' })).toHaveText('0 of 1 required approval; waiting for Rita Reviewer');
  await screenshot(tab, 'comments');
  await theirPanel.getByRole('button', { name: 'Give your verdict' }).click();
  const verdict = tab.getByRole('form', { name: 'Your verdict' });
  await expectAccessible(tab, 'review with threads and the verdict form');
  await tab.setViewportSize({ width: 390, height: 844 });
  expect(await tab.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 'review at 390px scrolls sideways').toBeLessThanOrEqual(0);
  await tab.setViewportSize({ width: 1280, height: 800 });
  // Rejecting without a reason is refused before it is sent.
  await verdict.getByRole('button', { name: 'Reject' }).click();
  await expect(verdict.getByRole('alert')).toHaveText(/needs a reason/);
  await verdict.getByLabel(/Message/).fill('Clear and complete. Ship it.');
  await verdict.getByRole('button', { name: 'Approve' }).click();
  await expect(tab.getByRole('region', { name: 'Decision' })).toContainText('Version 1 approved');
  await expect(tab.getByRole('region', { name: 'Decision' })).toContainText('Clear and complete. Ship it.');
  await expect(theirPanel.getByRole('list', { name: 'Verdicts' })).toContainText('Rita Reviewer: Approved (current)');
  await other.close();

  // The author sees Approved; the spec is locked: no Edit, and the API refuses a write.
  await page.reload();
  await expect(page.locator('.spec-head .badge')).toHaveText('Approved');
  await expect(page.getByRole('region', { name: 'Decision' })).toContainText('Clear and complete. Ship it.');
  await expect(panel).toContainText('locked');
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
  await screenshot(page, 'approved');
  await page.goto(`${specUrl}/edit`);
  await expect(page.getByRole('alert')).toContainText('its text can no longer change');
  await expect(page.getByRole('textbox', { name: 'Spec Markdown' })).toHaveCount(0);
  await page.goto(specUrl);
  // The author was told: the bell counts it; mark all read.
  await page.getByRole('link', { name: /Notifications \([1-9]\d* unread\)/ }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Rita Reviewer' }).first()).toContainText('Webhook delivery guarantees');
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await expect(page.getByRole('link', { name: 'Notifications (0 unread)' })).toBeVisible();
  await page.goto(specUrl);
  const spec = await apiCall<{ etag: string; markdown: string }>(page.request, base, 'GET', `/workspaces/${WS}/specs/${number}`);
  const refused = await apiCall(page.request, base, 'PUT', `/workspaces/${WS}/specs/${number}/content`, { body: { markdown: `${spec.body.markdown}\nMore.\n` }, headers: { 'if-match': spec.body.etag } });
  expect(refused.status).toBe(423);

  // Revise: v2 opens as a draft; the switcher lists v1 approved and v2 draft.
  await panel.getByRole('button', { name: 'Revise (new version)' }).click();
  await expect(page.locator('.spec-head .badge')).toHaveText('Draft');
  const switcher = page.getByRole('combobox', { name: 'Version' });
  await expect(switcher.getByRole('option')).toHaveText(['v1 approved', 'v2 draft (current)']);
  await page.getByRole('link', { name: 'Edit' }).click();
  await fillLine(page, 'Webhooks are delivered at least once', 'Webhooks are delivered at least once, in order per endpoint, retried for 72 hours.');
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByRole('status').filter({ hasText: /Saved revision \d+\./ })).toBeVisible();
  await page.getByRole('link', { name: 'Done' }).click();
  await expect(page.getByRole('article', { name: 'Spec text' })).toContainText('retried for 72 hours');

  // v1 is still readable as approved, with its decision.
  await switcher.selectOption('1');
  await expect(page.getByRole('note')).toContainText('You are reading version 1');
  await expect(page.getByRole('region', { name: 'Decision' })).toContainText('Version 1 approved');
  await expect(page.getByRole('article', { name: 'Spec text' })).not.toContainText('retried for 72 hours');
  // Rendered in the browser (the renderer loaded on demand): the old text is there.
  await expect(page.getByRole('article', { name: 'Spec text' })).toContainText('Webhooks are delivered at least once, in order per endpoint.');

  // History: the diff between the approved v1 text and the v2 edit.
  await page.getByRole('link', { name: 'History' }).click();
  await expect(page.getByLabel('Diff')).toContainText('+Webhooks are delivered at least once, in order per endpoint, retried for 72 hours.');
  await expect(page.getByLabel('Diff')).toContainText('-Webhooks are delivered at least once, in order per endpoint.');
});
