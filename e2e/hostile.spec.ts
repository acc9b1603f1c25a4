// A spec written to attack its readers renders inert: no script runs, no dialog opens, no
// javascript: link or event-handler attribute reaches the DOM (spec page and editor preview).
import { expect, test, type Page } from '@playwright/test';
import { createSpec, WS } from './helpers.js';

const HOSTILE = [
  '# Totally normal spec',
  '',
  '<script>window.__pwned = "script"; alert("script")</script>',
  '',
  '<img src=x onerror="window.__pwned = \'img\'; alert(\'img\')">',
  '',
  '[click me](javascript:window.__pwned=\'link\';alert(1))',
  '[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![image](javascript:alert(2))',
  '',
  '<a href="#" onclick="window.__pwned=\'onclick\'">html link</a> <div onmouseover="alert(3)">hover</div>',
  '',
  '<svg onload="window.__pwned=\'svg\'"></svg><iframe src="javascript:alert(4)"></iframe>',
  '',
  '| a | b |',
  '|---|---|',
  '| <img src=x onerror=alert(5)> | [x](JaVaScRiPt:alert(6)) |',
  '',
  '- [ ] <b onmouseover=alert(7)>task</b>',
  '',
].join('\n');

async function expectInert(page: Page, scope: string): Promise<void> {
  const root = page.locator(scope);
  await expect(root).toContainText('click me');
  // Hover and click everything that could carry a handler.
  for (const element of await root.locator('a, img, div, b, td').all()) {
    await element.hover({ trial: false, timeout: 2000 }).catch(() => undefined);
  }
  await root.getByText('click me').click();
  const report = await page.evaluate((selector) => {
    const container = document.querySelector(selector);
    const all = container === null ? [] : [...container.querySelectorAll('*')];
    return {
      pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
      scripts: container?.querySelectorAll('script, iframe, svg, object, embed').length ?? -1,
      handlers: all.filter((el) => [...el.attributes].some((a) => a.name.toLowerCase().startsWith('on'))).length,
      badUrls: all.filter((el) => ['href', 'src'].some((name) => /^\s*(javascript|data|vbscript):/i.test(el.getAttribute(name) ?? ''))).length,
    };
  }, scope);
  expect(report).toEqual({ pwned: null, scripts: 0, handlers: 0, badUrls: 0 });
}

test('a hostile spec renders inert on the spec page and in the editor preview', async ({ page, baseURL }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const spec = await createSpec(page.request, baseURL ?? '', { markdown: HOSTILE });

  await page.goto(`/w/${WS}/specs/${spec.number}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Totally normal spec' })).toBeVisible();
  // The text is shown as text, not dropped.
  await expect(page.getByRole('article', { name: 'Spec text' })).toContainText('<script>window.__pwned');
  await expectInert(page, 'article.markdown');

  await page.goto(`/w/${WS}/specs/${spec.number}/edit`);
  await expect(page.getByLabel('Preview')).toContainText('click me');
  await expectInert(page, '.preview');

  expect(dialogs).toEqual([]);
  expect(page.url()).toContain(`/specs/${spec.number}/edit`);
});
