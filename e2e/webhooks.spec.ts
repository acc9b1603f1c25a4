// Webhooks settings (issue #8): a webhook to a receiver on 127.0.0.1 (the e2e server runs with
// WEBHOOKS_ALLOW_PRIVATE=1), its delivery listed with status, Redeliver, a second delivery; and
// editing one: prefilled form, new URL and events, a new secret shown once that signs what follows.
import { expect, test } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { apiCall, createSpec, expectAccessible, WS } from './helpers.js';

interface Received {
  url: string;
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
      received.push({ url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
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

test('webhooks settings: edit a webhook (prefilled form, new URL, events and description, a new secret shown once), then pause it from the form', async ({ page, baseURL }) => {
  const receiver = await startReceiver();
  try {
    const base = baseURL ?? '';
    const made = await apiCall<{ webhook: { id: string } }>(page.request, base, 'POST', `/workspaces/${WS}/webhooks`, {
      body: { url: `${receiver.url}?before`, events: ['spec.created'], description: 'Before the edit', secret: 'e2e-secret-before-0123456789' },
    });
    expect(made.status).toBe(201);
    await page.goto(`/w/${WS}/settings/webhooks`);
    const row = page.getByRole('list', { name: 'Webhooks' }).getByRole('listitem').filter({ hasText: receiver.url });
    await expect(row).toContainText('Before the edit');

    // Cancel closes the form and gives focus back to Edit.
    const editButton = row.getByRole('button', { name: `Edit webhook ${receiver.url}?before` });
    await editButton.click();
    await expect(editButton).toHaveAttribute('aria-expanded', 'true');
    const form = row.getByRole('form', { name: `Edit webhook ${receiver.url}?before` });
    await expect(form.getByLabel('Payload URL')).toBeFocused();
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expect(form).toHaveCount(0);
    await expect(editButton).toBeFocused();

    // Prefilled with what the webhook has now.
    await editButton.click();
    await expect(form.getByLabel('Payload URL')).toHaveValue(`${receiver.url}?before`);
    await expect(form.getByLabel('Description (optional)')).toHaveValue('Before the edit');
    await expect(form.getByRole('checkbox', { name: 'spec.created' })).toBeChecked();
    await expect(form.getByRole('checkbox', { name: 'spec.deleted' })).not.toBeChecked();
    await expect(form.getByRole('checkbox', { name: /^Active/ })).toBeChecked();

    await form.getByLabel('Payload URL').fill(`${receiver.url}?after`);
    await form.getByLabel('Description (optional)').fill('After the edit');
    await form.getByRole('checkbox', { name: 'spec.created' }).uncheck();
    await form.getByRole('checkbox', { name: 'spec.deleted' }).check();
    await form.getByRole('checkbox', { name: 'Set a new signing secret' }).check();
    await expect(form.getByLabel(/^New secret/)).toHaveValue('');
    await expectAccessible(page, 'settings: webhooks, edit form');
    await form.getByRole('button', { name: 'Save changes' }).click();

    // Left empty, the new secret is generated; it is shown once, then gone.
    const shown = row.getByRole('region', { name: `New secret of ${receiver.url}?after` });
    const secretBox = shown.getByRole('textbox', { name: 'Webhook secret' });
    await expect(secretBox).toHaveValue(/^whsec_[A-Za-z0-9_-]{43}$/);
    const secret = await secretBox.inputValue();
    await expect(form).toHaveCount(0);
    await expect(row).toContainText(`${receiver.url}?after`);
    await expect(row).toContainText('After the edit');
    await expect(row).toContainText('spec.deleted');
    await expect(row).not.toContainText('spec.created');
    await expectAccessible(page, 'settings: webhooks, new secret');
    await shown.getByRole('button', { name: 'Done' }).click();
    await expect(shown).toHaveCount(0);

    // What follows goes to the new URL, for the new events only, signed with the new secret.
    const spec = await createSpec(page.request, base, { title: 'Edited webhook target' });
    expect((await apiCall(page.request, base, 'DELETE', `/workspaces/${WS}/specs/${spec.number}`)).status).toBe(204);
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(1);
    const got = nth(receiver.received, 0);
    expect(got.url).toBe('/hook?after');
    expect(got.headers['x-specboard-event']).toBe('spec.deleted');
    const timestamp = String(got.headers['x-specboard-timestamp']);
    expect(got.headers['x-specboard-signature']).toBe(`v1=${createHmac('sha256', secret).update(`${timestamp}.${got.body}`).digest('hex')}`);

    // Active is part of the form too; saving without a new secret shows none.
    const editAgain = row.getByRole('button', { name: `Edit webhook ${receiver.url}?after` });
    await editAgain.click();
    await row.getByRole('form', { name: `Edit webhook ${receiver.url}?after` }).getByRole('checkbox', { name: /^Active/ }).uncheck();
    await row.getByRole('button', { name: 'Save changes' }).click();
    await expect(row).toContainText('Paused');
    await expect(row.getByRole('region', { name: /^New secret of/ })).toHaveCount(0);
    await expect(editAgain).toBeFocused();

    await row.getByRole('button', { name: `Delete webhook ${receiver.url}?after` }).click();
    await row.getByRole('button', { name: 'Delete webhook and its deliveries' }).click();
    await expect(row).toHaveCount(0);
  } finally {
    await new Promise((done) => receiver.server.close(done));
  }
});
