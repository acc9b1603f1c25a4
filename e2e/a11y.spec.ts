// Accessibility (axe-core: no serious or critical violations) and layout at 1280px and 390px on
// the main screens; screenshots of each.
import { expect, test, type Page } from '@playwright/test';
import { createSpec, expectAccessible, screenshot, WS } from './helpers.js';

const MARKDOWN = [
  '# Rate limiter',
  '',
  '## Overview',
  '',
  'Limits requests per client with a token bucket. See [the RFC](https://example.com/rfc).',
  '',
  '## Design',
  '',
  '| Setting | Default |',
  '|---------|---------|',
  '| burst   | 20      |',
  '',
  '- [x] Token bucket',
  '- [ ] Sliding window',
  '',
  '```ts',
  'const limit = 20;',
  '```',
  '',
].join('\n');

async function expectNoHorizontalScroll(page: Page, screen: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${screen} scrolls sideways`).toBeLessThanOrEqual(0);
}

for (const [label, viewport] of [
  ['1280px', { width: 1280, height: 800 }],
  ['390px', { width: 390, height: 844 }],
] as const) {
  test(`main screens: no serious accessibility violations, no CSP violations, no sideways scrolling at ${label}`, async ({ page, baseURL }) => {
    await page.setViewportSize(viewport);
    // The CSP (no inline script or style) must never have to block anything the app does.
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && message.text().includes('Content Security Policy')) blocked.push(message.text());
    });
    const suffix = viewport.width < 500 ? '-390' : '';
    // Labelled: the spec page shows the labels picker with chips.
    const spec = await createSpec(page.request, baseURL ?? '', { markdown: MARKDOWN, labels: ['a11y', 'rate limiting'] });
    const screens: [string, string, () => Promise<void>][] = [
      ['home', `/w/${WS}`, () => expect(page.getByRole('heading', { name: 'Specs' })).toBeVisible()],
      ['spec', `/w/${WS}/specs/${spec.number}`, () => expect(page.getByRole('meter', { name: 'Overview completeness' })).toBeVisible()],
      ['new', `/w/${WS}/new`, () => expect(page.getByRole('radio').first()).toBeVisible()],
      ['edit', `/w/${WS}/specs/${spec.number}/edit`, () => expect(page.getByRole('textbox', { name: 'Spec Markdown' })).toBeVisible()],
      ['history', `/w/${WS}/specs/${spec.number}/history`, () => expect(page.getByRole('table')).toBeVisible()],
      ['search', `/w/${WS}?q=bucket`, () => expect(page.locator('mark').first()).toBeVisible()],
    ];
    for (const [name, path, ready] of screens) {
      await page.goto(path);
      await ready();
      await expectAccessible(page, name);
      await expectNoHorizontalScroll(page, name);
      expect(blocked, `${name}: CSP violations`).toEqual([]);
      if (suffix !== '' && (name === 'home' || name === 'spec' || name === 'edit')) await screenshot(page, `${name}${suffix}`);
    }
  });
}

// Insights and settings, in tests of their own (axe is slow: each test stays well inside its timeout).
const WORKSPACE_SCREENS: Record<string, [string, string, (page: Page) => Promise<void>][]> = {
  'insights and members settings': [
    ['insights', `/w/${WS}/insights`, (page) => expect(page.getByRole('heading', { name: 'Overdue reviews' })).toBeVisible()],
    ['settings-members', `/w/${WS}/settings/members`, (page) => expect(page.getByRole('form', { name: 'New invite link' })).toBeVisible()],
  ],
  'token, template and policy settings': [
    ['settings-tokens', `/w/${WS}/settings/tokens`, (page) => expect(page.getByRole('form', { name: 'New API token' })).toBeVisible()],
    ['settings-templates', `/w/${WS}/settings/templates`, (page) => expect(page.getByRole('list', { name: 'Templates' })).toBeVisible()],
    ['settings-policy', `/w/${WS}/settings/policy`, (page) => expect(page.getByRole('form', { name: 'Approval policy' })).toBeVisible()],
  ],
  'webhook settings': [['settings-webhooks', `/w/${WS}/settings/webhooks`, (page) => expect(page.getByRole('form', { name: 'New webhook' })).toBeVisible()]],
};
for (const [group, screens] of Object.entries(WORKSPACE_SCREENS)) {
  for (const [label, viewport] of [
    ['1280px', { width: 1280, height: 800 }],
    ['390px', { width: 390, height: 844 }],
  ] as const) {
    test(`${group}: no serious accessibility violations, no CSP violations, no sideways scrolling at ${label}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      const blocked: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' && message.text().includes('Content Security Policy')) blocked.push(message.text());
      });
      for (const [name, path, ready] of screens) {
        await page.goto(path);
        await ready(page);
        await expectAccessible(page, name);
        await expectNoHorizontalScroll(page, name);
        expect(blocked, `${name}: CSP violations`).toEqual([]);
        if (viewport.width < 500 && name === 'settings-members') await screenshot(page, `${name}-390`);
      }
    });
  }
}

test('signed-out screens have no serious accessibility violations', async ({ browser }) => {
  const guest = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await guest.newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in to Specboard' })).toBeVisible();
  await expectAccessible(page, 'sign-in');
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoHorizontalScroll(page, 'sign-in');
  await guest.close();
});
