// History: the diff between any two revisions, inline and side by side, with the changed words
// marked inside changed lines; usable at 390px.
import { expect, test } from '@playwright/test';
import { apiCall, createSpec, expectAccessible, screenshot, WS, type SpecJson } from './helpers.js';

const V1 = ['# Diffs', '', '## Overview', '', 'Retries use a fixed delay of two seconds.', '', 'Unchanged line.', ''].join('\n');
const V2 = ['# Diffs', '', '## Overview', '', 'Retries use an exponential delay of two seconds.', '', 'Unchanged line.', '', 'A new closing line.', ''].join('\n');
const V3 = ['# Diffs', '', '## Overview', '', 'Retries use an exponential delay.', '', 'Unchanged line.', ''].join('\n');

test('history: diff between any two revisions, inline and side by side, changed words highlighted', async ({ page, baseURL }) => {
  const spec = await createSpec(page.request, baseURL ?? '', { markdown: V1 });
  let etag = spec.etag;
  for (const markdown of [V2, V3]) {
    const saved = await apiCall<SpecJson>(page.request, baseURL ?? '', 'PUT', `/workspaces/${WS}/specs/${spec.number}/content`, {
      body: { markdown },
      headers: { 'if-match': etag },
    });
    expect(saved.status).toBe(200);
    etag = saved.etag ?? '';
  }
  await page.goto(`/w/${WS}/specs/${spec.number}/history`);
  // Default: the latest two (2 -> 3).
  await expect(page.getByRole('heading', { name: 'Changes from revision 2 to 3' })).toBeVisible();
  const inline = page.getByRole('region', { name: 'Diff' });
  await expect(inline).toContainText('-Retries use an exponential delay of two seconds.');
  await expect(inline).toContainText('+Retries use an exponential delay.');
  await expect(inline.locator('del')).toHaveText([' of two seconds']);
  await expect(inline.locator('ins')).toHaveCount(0);

  // Any two: 1 -> 3.
  await page.getByRole('radio', { name: 'Compare from revision 1' }).check();
  await expect(page.getByRole('heading', { name: 'Changes from revision 1 to 3' })).toBeVisible();
  await expect(inline.locator('del')).toHaveText(['a fixed', ' of two seconds']);
  await expect(inline.locator('ins')).toHaveText(['an exponential']);

  // 1 -> 2 side by side: the old line left, the new right, the added line alone on the right.
  await page.getByRole('radio', { name: 'Compare to revision 2' }).check();
  await page.getByRole('button', { name: 'Side by side' }).click();
  await expect(page.getByRole('button', { name: 'Side by side' })).toHaveAttribute('aria-pressed', 'true');
  const side = page.getByRole('region', { name: 'Side-by-side diff' });
  await expect(side).toBeVisible();
  const changed = side.locator('.diff-row.pair').filter({ has: page.locator('del') });
  await expect(changed).toHaveCount(1);
  await expect(changed.locator('.code.del')).toContainText('Retries use a fixed delay of two seconds.');
  await expect(changed.locator('.code.add')).toContainText('Retries use an exponential delay of two seconds.');
  await expect(changed.locator('del')).toHaveText(['a fixed']);
  await expect(changed.locator('ins')).toHaveText(['an exponential']);
  await expect(side.locator('.diff-row.pair').filter({ hasText: 'A new closing line.' }).locator('.code.none')).toHaveCount(1);
  await expectAccessible(page, 'history side by side');
  await screenshot(page, 'history-side-by-side');

  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByRole('button', { name: 'Inline' }).click();
  await expect(inline).toContainText('+A new closing line.');
  await screenshot(page, 'history-390');
});
