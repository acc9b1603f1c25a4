// Spec rendering: fenced code is highlighted; a ```mermaid block is drawn as SVG by Mermaid, which is
// fetched (its own chunk) only for a spec that has a diagram; nothing the app does trips the CSP.
import { expect, test, type Page } from '@playwright/test';
import { createSpec, expectAccessible, screenshot, WS } from './helpers.js';

const CODE = ['# Highlighted', '', '## Overview', '', '```ts', 'const limit: number = 20; // burst', '```', '', '```unknownlang', 'plain <b>text</b>', '```', ''].join('\n');

const DIAGRAM = [
  '# Drawn',
  '',
  '## Design',
  '',
  'The request path:',
  '',
  '```mermaid',
  'flowchart LR',
  '  Client --> Gateway',
  '  Gateway --> Limiter{Token left?}',
  '  Limiter -->|yes| Service',
  '  Limiter -->|no| Reject[429]',
  '```',
  '',
].join('\n');

function watch(page: Page): { scripts: string[]; blocked: string[] } {
  const seen = { scripts: [] as string[], blocked: [] as string[] };
  page.on('request', (request) => {
    if (request.resourceType() === 'script') seen.scripts.push(new URL(request.url()).pathname);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) seen.blocked.push(message.text());
  });
  return seen;
}

test('fenced code is highlighted; a spec without a diagram does not load Mermaid; the server renders the text (no Markdown parser loaded)', async ({ page, baseURL }) => {
  const seen = watch(page);
  const spec = await createSpec(page.request, baseURL ?? '', { markdown: CODE });
  await page.goto(`/w/${WS}/specs/${spec.number}`);
  const article = page.getByRole('article', { name: 'Spec text' });
  await expect(article.locator('code.language-ts .hljs-keyword').first()).toHaveText('const');
  await expect(article.locator('code.language-ts .hljs-comment')).toHaveText('// burst');
  // An unknown language is plain escaped text.
  await expect(article.locator('code.language-unknownlang')).toHaveText('plain <b>text</b>');
  await expect(article.locator('code.language-unknownlang b')).toHaveCount(0);
  await expect(page.getByRole('meter', { name: 'Overview completeness' })).toBeVisible();
  expect(seen.scripts.filter((path) => /mermaid/i.test(path))).toEqual([]);
  // The spec view's `html` (rendered on the server): markdown-it's chunk (client-render) is not fetched.
  expect(seen.scripts.filter((path) => /client-render/i.test(path))).toEqual([]);
  expect(seen.blocked).toEqual([]);
});

test('a mermaid block is drawn as a diagram (Mermaid loaded on demand) under the CSP', async ({ page, baseURL }) => {
  const seen = watch(page);
  const spec = await createSpec(page.request, baseURL ?? '', { markdown: DIAGRAM });
  await page.goto(`/w/${WS}/specs/${spec.number}`);
  const drawing = page.getByRole('img', { name: /^Diagram/ });
  await expect(drawing).toBeVisible();
  // The SVG lives in the drawing's shadow root; Playwright's locators pierce it.
  await expect(drawing.locator('svg')).toBeVisible();
  await expect(drawing.locator('svg')).toContainText('Gateway');
  await expect(drawing.locator('svg')).toContainText('Token left?');
  const box = await drawing.locator('svg').boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(100);
  // The source is still there behind a toggle.
  await page.getByText('Diagram source').click();
  await expect(page.locator('.diagram details pre')).toContainText('flowchart LR');
  expect(seen.scripts.some((path) => /mermaid/i.test(path))).toBe(true);
  // Mermaid re-parses its own SVG, whose style attributes the CSP refuses (src/web/src/markdown/
  // mermaid.ts): those reports are expected; anything else the CSP blocks is not.
  expect(seen.blocked.filter((text) => !text.startsWith('Applying inline style'))).toEqual([]);
  // The drawing itself is styled (theme stylesheet adopted in its shadow root, CSSOM styles).
  const fill = await drawing.locator('svg .node rect, svg .node polygon').first().evaluate((el) => getComputedStyle(el).fill);
  expect(fill).not.toBe('rgb(0, 0, 0)');
  await expectAccessible(page, 'spec with a diagram');
  await screenshot(page, 'spec-diagram');
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
