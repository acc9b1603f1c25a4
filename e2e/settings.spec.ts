// Settings (admins and owners): members and roles, invite links, API tokens, templates, policy.
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { apiCall, expectAccessible, screenshot, WS } from './helpers.js';

async function openSettings(page: Page, tab: string): Promise<void> {
  await page.goto(`/w/${WS}`);
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: tab }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Settings: ${tab}` })).toBeVisible();
}

test('settings: change a member’s role, remove them; an invite link with a copy button, revoked; hidden for editors', async ({ page, baseURL, browser }) => {
  const base = baseURL ?? '';
  const mia = { name: 'Mia Member', email: 'mia.settings@example.com', password: 'mia settings pw' };
  const added = await apiCall<{ userId: string }>(page.request, base, 'POST', `/workspaces/${WS}/members`, { body: { ...mia, role: 'editor' } });
  expect(added.status).toBe(201);

  // An editor sees no Settings entry, and the page says why.
  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  expect((await apiCall(other.request, base, 'POST', '/auth/sign-in', { body: { email: mia.email, password: mia.password } })).status).toBe(200);
  const tab = await other.newPage();
  await tab.goto(`/w/${WS}`);
  await expect(tab.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Insights' })).toBeVisible();
  await expect(tab.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Settings' })).toHaveCount(0);
  await tab.goto(`/w/${WS}/settings`);
  await expect(tab.getByText('Only admins and owners of this workspace can change its settings.')).toBeVisible();
  await other.close();

  await openSettings(page, 'Members');
  const row = page.getByRole('listitem').filter({ hasText: mia.email });
  await row.getByRole('combobox', { name: 'Role of Mia Member' }).selectOption('admin');
  await expect(row.getByRole('status')).toHaveText('Role changed.');
  const members = await apiCall<{ items: { userId: string; role: string }[] }>(page.request, base, 'GET', `/workspaces/${WS}/members`);
  expect(members.body.items.find((m) => m.userId === added.body.userId)?.role).toBe('admin');

  // Invite link: created, shown with a copy button, listed, revoked.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const form = page.getByRole('form', { name: 'New invite link' });
  await form.getByLabel('Role').selectOption('viewer');
  await form.getByLabel('Email (optional)').fill('vic.invited@example.com');
  await form.getByRole('button', { name: 'Create invite link' }).click();
  const link = page.getByRole('textbox', { name: 'Invite link' });
  await expect(link).toHaveValue(/\/invites\/.+/);
  await page.getByRole('button', { name: 'Copy the invite link' }).click();
  await expect(page.getByText('Copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await link.inputValue());
  await expectAccessible(page, 'settings: members');
  await screenshot(page, 'settings-members');
  const invite = page.getByRole('listitem').filter({ hasText: 'Viewer for vic.invited@example.com' });
  await invite.getByRole('button', { name: /Revoke/ }).click();
  await expect(invite).toHaveCount(0);

  // Removing asks once more, then the member is gone.
  await row.getByRole('button', { name: 'Remove Mia Member from the workspace' }).click();
  await row.getByRole('button', { name: 'Remove Mia Member' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: mia.email })).toHaveCount(0);
});

test('settings: an API token with chosen scopes is shown once with a copy button, works, and stops working when revoked', async ({ page, baseURL }) => {
  const base = baseURL ?? '';
  await openSettings(page, 'API tokens');
  const form = page.getByRole('form', { name: 'New API token' });
  await form.getByLabel('Name').fill('CI export');
  await form.getByRole('checkbox', { name: /^Write/ }).check();
  await form.getByRole('button', { name: 'Create token' }).click();
  const secret = page.getByRole('textbox', { name: 'Token secret' });
  await expect(secret).toHaveValue(/.{20,}/);
  const value = await secret.inputValue();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy the token secret' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(value);
  await expectAccessible(page, 'settings: tokens');
  await screenshot(page, 'settings-tokens');

  const listed = page.getByRole('list', { name: 'Tokens' }).getByRole('listitem').filter({ hasText: 'CI export' });
  await expect(listed).toContainText('read, write');
  // Shown once: after Done (or a reload) the secret is nowhere on the page.
  await page.getByRole('button', { name: 'Done' }).click();
  await page.reload();
  await expect(listed).toBeVisible();
  expect(await page.content()).not.toContain(value);

  const bearer = await playwrightRequest.newContext({ baseURL: base, extraHTTPHeaders: { authorization: `Bearer ${value}` } });
  expect((await bearer.get('/api/v1/me')).status()).toBe(200);
  await listed.getByRole('button', { name: 'Revoke token CI export' }).click();
  await expect(listed.getByText('Revoked')).toBeVisible();
  expect((await bearer.get('/api/v1/me')).status()).toBe(401);
  await bearer.dispose();
});

test('settings: upload a Markdown template, edit it into version 2; change the approval policy', async ({ page, baseURL }) => {
  const base = baseURL ?? '';
  await openSettings(page, 'Templates');
  const upload = page.getByRole('form', { name: 'Upload a template' });
  await upload.getByLabel('Markdown file').setInputFiles({ name: 'Decision record.md', mimeType: 'text/markdown', buffer: Buffer.from('# {{title}}\n\n## Context\n\n<!-- Why now? -->\n\n## Decision\n\n## Consequences\n') });
  await expect(upload.getByLabel('Name')).toHaveValue('Decision record');
  await expect(upload.getByLabel(/^Markdown \(from the file/)).toHaveValue(/## Context/);
  await upload.getByRole('button', { name: 'Upload template' }).click();
  await expect(upload.getByRole('status')).toHaveText('Template “Decision record” created.');
  const item = page.getByRole('list', { name: 'Templates' }).getByRole('listitem').filter({ hasText: 'Decision record' });
  await expect(item).toContainText('version 1');

  await item.getByRole('button', { name: 'Edit template Decision record' }).click();
  const editor = page.getByRole('form', { name: 'Template Decision record' });
  const source = editor.getByLabel('Markdown of Decision record');
  await expect(source).toHaveValue(/## Consequences/);
  await source.fill(`${await source.inputValue()}\n## Alternatives\n`);
  await editor.getByRole('button', { name: 'Save as version 2' }).click();
  await expect(editor.getByRole('status')).toHaveText('Saved version 2.');
  await expect(item).toContainText('version 2');
  await expectAccessible(page, 'settings: templates');
  await screenshot(page, 'settings-templates');

  const before = await apiCall<Record<string, unknown>>(page.request, base, 'GET', `/workspaces/${WS}/review-policy`);
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Approval policy' }).click();
  const policy = page.getByRole('form', { name: 'Approval policy' });
  await policy.getByLabel('Required approvals').fill('3');
  await policy.getByRole('checkbox', { name: /No open blocking comment threads/ }).uncheck();
  await policy.getByRole('button', { name: 'Save policy' }).click();
  await expect(policy.getByRole('status')).toHaveText('Policy saved.');
  const after = await apiCall<{ minApprovals: number; noBlockingThreads: boolean }>(page.request, base, 'GET', `/workspaces/${WS}/review-policy`);
  expect(after.body).toMatchObject({ minApprovals: 3, noBlockingThreads: false });
  await expectAccessible(page, 'settings: policy');
  // The other tests expect the default policy.
  const { minApprovals, requireAllRequired, authorCannotApprove, lintClean, noBlockingThreads } = before.body;
  expect((await apiCall(page.request, base, 'PATCH', `/workspaces/${WS}/review-policy`, { body: { minApprovals, requireAllRequired, authorCannotApprove, lintClean, noBlockingThreads } })).status).toBe(200);
});
