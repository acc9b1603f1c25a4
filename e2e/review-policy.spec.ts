// The approval policy in words (lint gate, approvals needed, who is missing) and actions shown by
// role: a viewer who reviews sees the verdict button and nothing an editor or the author has.
import { expect, test } from '@playwright/test';
import { apiCall, createSpec, WS } from './helpers.js';

const VIEWER = { name: 'Pat Viewer', email: 'pat@example.com', password: 'pat password 1' };

test('policy status in words: lint errors block approval, 0 of 2 required approvals; a viewer reviewer sees only the verdict action', async ({ page, baseURL, browser }) => {
  const base = baseURL ?? '';
  const member = await apiCall<{ userId: string }>(page.request, base, 'POST', `/workspaces/${WS}/members`, { body: { ...VIEWER, role: 'viewer' } });
  expect(member.status).toBe(201);
  const spec = await createSpec(page.request, base, { title: 'Audit log retention' });
  const path = `/workspaces/${WS}/specs/${spec.number}`;
  expect((await apiCall(page.request, base, 'PATCH', `${path}/review-policy`, { body: { lintClean: true, minApprovals: 2 } })).status).toBe(200);
  expect((await apiCall(page.request, base, 'PUT', `${path}/reviewers/${member.body.userId}`, { body: { role: 'required' } })).status).toBe(200);
  expect((await apiCall(page.request, base, 'POST', `${path}/review/request`)).status).toBe(200);

  await page.goto(`/w/${WS}/specs/${spec.number}`);
  const policy = page.getByRole('status', { name: 'Approval policy' });
  await expect(policy).toHaveText(/^\d+ lint errors block approval: .+; 0 of 2 required approvals; waiting for Pat Viewer$/);
  await expect(page.getByRole('list', { name: 'Reviewers' })).toContainText('Pat Viewer (required): no verdict yet');

  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const tab = await other.newPage();
  await tab.goto(`/w/${WS}/specs/${spec.number}`);
  await tab.getByLabel('Email').fill(VIEWER.email);
  await tab.getByLabel('Password').fill(VIEWER.password);
  await tab.getByRole('button', { name: 'Sign in' }).click();
  const panel = tab.getByRole('region', { name: 'Review' });
  await expect(panel.getByRole('button', { name: 'Give your verdict' })).toBeVisible();
  for (const name of ['Request review', 'Withdraw', 'Revise (new version)']) await expect(panel.getByRole('button', { name })).toHaveCount(0);
  await expect(tab.getByRole('link', { name: 'Edit' })).toHaveCount(0);
  await expect(tab.getByRole('link', { name: 'New spec' })).toHaveCount(0);
  // The lint gate refuses the approval; the refusal is shown, nothing changes.
  await panel.getByRole('button', { name: 'Give your verdict' }).click();
  await tab.getByRole('form', { name: 'Your verdict' }).getByRole('button', { name: 'Approve' }).click();
  await expect(panel.getByRole('alert')).toContainText('approval_blocked');
  await expect(tab.locator('.spec-head .badge')).toHaveText('In review');
  await other.close();
});
