// A long spec on the spec page (issue #5): code blocks are highlighted as they come on screen, not
// all up front; the ones on screen when the text first appears are highlighted in that first frame,
// the others once scrolled near; blocks far off screen skip layout (content-visibility) but a link
// to a section still lands on it.
import { expect, test } from '@playwright/test';
import { createSpec, expectAccessible, WS } from './helpers.js';

const SECTIONS = 80;

function longSpec(): string {
  const parts = ['# Long spec', ''];
  for (let i = 1; i <= SECTIONS; i++) {
    parts.push(`## Part ${i}`, '', `Limits of part ${i}, with **emphasis** and a [link](https://example.com/${i}).`, '');
    // Taller than the height estimated for a block not yet shown (styles.css).
    parts.push('```ts', `const limit${i}: number = ${i}; // part ${i}`, 'export function refill(tokens: number): number {', '  return Math.min(tokens + 1, limit);', '}', '', 'refill(0);', '```', '');
    parts.push('| Setting | Default |', '|---------|---------|', `| burst | ${i} |`, `| rate | ${i * 2} |`, '');
  }
  return parts.join('\n');
}

interface Seen {
  visible: boolean;
  highlighted: boolean;
}

test('code on screen is highlighted in the first frame of the text, code further down once scrolled to', async ({ page, baseURL }) => {
  const spec = await createSpec(page.request, baseURL ?? '', { markdown: longSpec() });
  // Before each frame until the text is there: which code blocks are on screen, which highlighted.
  await page.addInitScript(() => {
    const look = () => {
      const blocks = [...document.querySelectorAll('article.markdown pre > code')];
      if (blocks.length === 0) {
        requestAnimationFrame(look);
        return;
      }
      (window as unknown as { firstFrame: Seen[] }).firstFrame = blocks.map((code) => {
        const box = code.getBoundingClientRect();
        return { visible: box.bottom > 0 && box.top < window.innerHeight, highlighted: code.querySelector('.hljs-keyword') !== null };
      });
    };
    requestAnimationFrame(look);
  });
  await page.goto(`/w/${WS}/specs/${spec.number}`);
  await page.waitForFunction(() => (window as unknown as { firstFrame?: Seen[] }).firstFrame !== undefined);
  const first = await page.evaluate(() => (window as unknown as { firstFrame: Seen[] }).firstFrame);
  expect(first).toHaveLength(SECTIONS);
  const onScreen = first.filter((block) => block.visible);
  expect(onScreen.length).toBeGreaterThan(0);
  expect(onScreen.every((block) => block.highlighted)).toBe(true);

  const article = page.getByRole('article', { name: 'Spec text' });
  const last = article.locator('pre > code').last();
  // Far below the screen: still plain text (the same text), highlighted only when scrolled near.
  await expect(last).toContainText(`const limit${SECTIONS}: number = ${SECTIONS}; // part ${SECTIONS}`);
  await expect(last.locator('.hljs-keyword')).toHaveCount(0);
  await last.scrollIntoViewIfNeeded();
  await expect(last.locator('.hljs-keyword').first()).toHaveText('const');
  await expect(last.locator('.hljs-comment')).toHaveText(`// part ${SECTIONS}`);
  // Blocks not yet laid out (at their estimated height) are no keyboard-unreachable scroll regions.
  await expectAccessible(page, 'long spec');
});

test('a link to a section far down a long spec shows that section, its code highlighted', async ({ page, baseURL }) => {
  const spec = await createSpec(page.request, baseURL ?? '', { markdown: longSpec() });
  await page.goto(`/w/${WS}/specs/${spec.number}#sec-part-70`);
  const heading = page.getByRole('heading', { level: 2, name: 'Part 70', exact: true });
  await expect(heading).toBeInViewport();
  const code = page.getByRole('article', { name: 'Spec text' }).locator('pre > code', { hasText: 'limit70' });
  await expect(code).toBeInViewport();
  await expect(code.locator('.hljs-keyword').first()).toHaveText('const');
  // The outline jumps back up just as well (the blocks around Part 10 are laid out only then).
  await page.getByRole('complementary', { name: 'Outline' }).getByRole('link', { name: 'Part 10', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Part 10', exact: true })).toBeInViewport();
  await expect(heading).not.toBeInViewport();
});
