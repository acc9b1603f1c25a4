// Webhooks settings (issue #8): a webhook to a receiver on 127.0.0.1 (the e2e server runs with
// WEBHOOKS_ALLOW_PRIVATE=1), its delivery listed with status, Redeliver, a second delivery.
import { expect, test } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createSpec, expectAccessible, WS } from './helpers.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A tiny receiver answering 200 to every POST and keeping what it got. */
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('thanks from the receiver');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('receiver has no port');
  return { server, url: `http://127.0.0.1:${address.port}/hook`, received };
}

function nth(received: Received[], i: number): Received {
  const item = received[i];
  if (item === undefined) throw new Error(`the receiver got ${received.length} requests, not ${i + 1}`);
  return item;
}

test('webhooks settings: create a webhook to a local receiver, see the delivery with its status, redeliver it, delete the webhook', async ({ page, baseURL }) => {
  const receiver = await startReceiver();
  try {
    const secret = 'e2e-webhook-secret-0123456789';
    await page.goto(`/w/${WS}/settings/webhooks`);
    await expect(page.getByRole('heading', { level: 1, name: 'Settings: Webhooks' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Webhooks' })).toHaveAttribute('aria-current', 'page');

    const form = page.getByRole('form', { name: 'New webhook' });
    await form.getByLabel('Payload URL').fill(receiver.url);
    await form.getByRole('checkbox', { name: 'spec.created' }).check();
    await form.getByLabel(/^Secret/).fill(secret);
    await form.getByRole('button', { name: 'Create webhook' }).click();
    await expect(page.getByRole('textbox', { name: 'Webhook secret' })).toHaveValue(secret);
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('textbox', { name: 'Webhook secret' })).toHaveCount(0);

    const row = page.getByRole('list', { name: 'Webhooks' }).getByRole('listitem').filter({ hasText: receiver.url });
    await expect(row).toContainText('Active');
    await expect(row).toContainText('spec.created');

    // A change in the workspace: a new spec is a spec.created event.
    const spec = await createSpec(page.request, baseURL ?? '', { title: 'Webhook target' });
    await row.getByRole('button', { name: `Deliveries of ${receiver.url}` }).click();
    const table = row.getByRole('region', { name: `Deliveries to ${receiver.url}` }).getByRole('table');
    const deliveries = table.locator('tbody tr');
    // The worker sends in the background; the open table reads the log again every few seconds.
    await expect(deliveries).toHaveCount(1, { timeout: 30_000 });
    await expect(deliveries.first()).toContainText('spec.created', { timeout: 30_000 });
    await expect(deliveries.first()).toContainText('Succeeded', { timeout: 30_000 });
    await expect(deliveries.first()).toContainText('HTTP 200');
    await expect(deliveries.first()).toContainText('thanks from the receiver');

    // The receiver got the event, signed with the secret typed in the form.
    expect(receiver.received).toHaveLength(1);
    const first = nth(receiver.received, 0);
    const event = (JSON.parse(first.body) as { event: { id: number; type: string; data: { number: number } } }).event;
    expect(event.type).toBe('spec.created');
    expect(event.data.number).toBe(spec.number);
    const timestamp = String(first.headers['x-specboard-timestamp']);
    expect(first.headers['x-specboard-signature']).toBe(`v1=${createHmac('sha256', secret).update(`${timestamp}.${first.body}`).digest('hex')}`);

    // Redeliver: a second delivery of the same event, listed newest first.
    await deliveries.first().getByRole('button', { name: `Redeliver spec.created event #${event.id}` }).click();
    await expect(deliveries).toHaveCount(2);
    await expect(deliveries.first()).toContainText('(redelivery)');
    await expect(deliveries.first()).toContainText('Succeeded', { timeout: 30_000 });
    expect(receiver.received).toHaveLength(2);
    const second = nth(receiver.received, 1);
    expect(second.headers['x-specboard-event-id']).toBe(String(event.id));
    expect(second.body).toBe(first.body);
    expect(second.headers['x-specboard-delivery']).not.toBe(first.headers['x-specboard-delivery']);

    // Usable at 390px: no sideways scrolling of the page (the table scrolls in its own box).
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(table).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'settings: webhooks');

    // Pause, then delete (asked once more): the webhook and its log are gone.
    await row.getByRole('button', { name: `Pause webhook ${receiver.url}` }).click();
    await expect(row).toContainText('Paused');
    await row.getByRole('button', { name: `Delete webhook ${receiver.url}` }).click();
    await row.getByRole('button', { name: 'Delete webhook and its deliveries' }).click();
    await expect(row).toHaveCount(0);
  } finally {
    await new Promise((done) => receiver.server.close(done));
  }
});
