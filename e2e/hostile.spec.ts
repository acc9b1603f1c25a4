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
  '```mermaid',
  'flowchart TD',
  '  A["<img src=x onerror=\'window.__pwned=1\'>"] --> B["<script>window.__pwned=2</script>"]',
  '  B --> C[<a href="javascript:alert(8)">go</a>]',
  '  click A callback "javascript:alert(9)"',
  '  click B href "javascript:alert(10)"',
  '  style C fill:url(javascript:alert(11))',
  '```',
  '',
].join('\n');

async function expectInert(page: Page, scope: string): Promise<void> {
  const root = page.locator(scope);
  // Diagrams are drawn in shadow roots: the checks below look inside them too.
  await expect(root).toContainText('click me');
  // Hover and click everything that could carry a handler.
  for (const element of await root.locator('a, img, div, b, td').all()) {
    await element.hover({ trial: false, timeout: 2000 }).catch(() => undefined);
  }
  await root.getByText('click me').click();
  const report = await page.evaluate((selector) => {
    const container = document.querySelector(selector);
    const within = (root: ParentNode): Element[] => [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot === null ? [] : within(el.shadowRoot))]);
    const all = container === null ? [] : within(container);
    return {
      pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
      // An <svg> is only allowed as a Mermaid drawing (inside its shadow root).
      scripts: container === null ? -1 : all.filter((el) => /^(script|iframe|object|embed|foreignobject)$/i.test(el.tagName) || (el.tagName.toLowerCase() === 'svg' && !(el.getRootNode() instanceof ShadowRoot))).length,
      handlers: all.filter((el) => [...el.attributes].some((a) => a.name.toLowerCase().startsWith('on'))).length,
      badUrls: all.filter((el) => ['href', 'src', 'xlink:href'].some((name) => /^\s*(javascript|data|vbscript):/i.test(el.getAttribute(name) ?? '')) || /javascript:/i.test(el.getAttribute('style') ?? '')).length,
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
  // The hostile diagram is drawn (or refused) before the checks run.
  await expect(page.locator('.mermaid-diagram[data-state="drawn"], .mermaid-diagram[data-state="failed"]')).toHaveCount(1);
  await expectInert(page, 'article.markdown');

  await page.goto(`/w/${WS}/specs/${spec.number}/edit`);
  await expect(page.getByLabel('Preview')).toContainText('click me');
  await expectInert(page, '.preview');

  expect(dialogs).toEqual([]);
  expect(page.url()).toContain(`/specs/${spec.number}/edit`);
});
