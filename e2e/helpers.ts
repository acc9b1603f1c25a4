// Shared pieces of the browser tests: the owner account, API calls with the page's session, screenshots.
import { AxeBuilder } from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const OWNER = { name: 'Olivia Owner', email: 'olivia@example.com', password: 'correct horse battery' };
export const WS = 'SPEC';

export function ownerStatePath(): string {
  const dir = process.env.E2E_DATA_DIR;
  if (dir === undefined) throw new Error('E2E_DATA_DIR is set by playwright.config.ts');
  return join(dir, 'owner-state.json');
}

/** A write through the REST API with the page's cookie (plus the CSRF header and Origin a browser sends). */
export async function apiCall<T>(request: APIRequestContext, baseURL: string, method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: T; etag: string | undefined }> {
  const response = await request.fetch(`/api/v1${path}`, {
    method,
    headers: { origin: baseURL, 'x-specboard-csrf': '1', ...options.headers },
    data: options.body,
  });
  const text = await response.text();
  return { status: response.status(), body: (text === '' ? undefined : JSON.parse(text)) as T, etag: response.headers().etag };
}

export interface SpecJson {
  number: number;
  key: string;
  etag: string;
  revision: number;
  markdown: string;
  completeness: number;
}

/** Creates a spec from Markdown (or the default template) and returns its JSON. */
export async function createSpec(request: APIRequestContext, baseURL: string, body: { title?: string; markdown?: string; labels?: string[] }): Promise<SpecJson> {
  const created = await apiCall<SpecJson>(request, baseURL, 'POST', `/workspaces/${WS}/specs`, { body });
  expect(created.status).toBe(201);
  return created.body;
}

/** Saves a screenshot of the page: into test-results, and into docs/screenshots with UPDATE_SCREENSHOTS=1. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const root = resolve(import.meta.dirname, '..');
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? join(root, 'docs', 'screenshots') : join(root, 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

/** No serious or critical axe-core violations on the page as it is now. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(serious).toEqual([]);
}
