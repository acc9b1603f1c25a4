// Shared set-up of the co-editing suites: a spec, people with roles, and clients on it.
import { expect } from 'vitest';
import type { ApiClient, TestServer } from '../harness.js';
import { createSpec, specsPath, type SpecBody } from '../specs/helpers.js';
import { collabClient, eventually, type CollabClient } from './collab-client.js';

export { collabClient, eventually, type CollabClient };

/** Opens `document` as `client` and waits for the first sync. */
export async function open(server: TestServer, client: ApiClient, document: string): Promise<CollabClient> {
  const c = collabClient(server.baseUrl, client, document);
  await c.synced;
  return c;
}

/** The spec's stored Markdown and revision, as REST reads it. */
export async function stored(client: ApiClient, ws: string, spec: SpecBody): Promise<SpecBody> {
  const res = await client.get<SpecBody>(specsPath(ws, spec.number));
  expect(res.status, res.text).toBe(200);
  return res.body;
}

/** PUTs new Markdown through REST with the current ETag, retrying when a checkpoint won the race (412). */
export async function restReplace(client: ApiClient, ws: string, spec: SpecBody, edit: (markdown: string) => string): Promise<SpecBody> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const current = await stored(client, ws, spec);
    const res = await client.request<SpecBody>('PUT', specsPath(ws, spec.number, 'content'), { body: { markdown: edit(current.markdown) }, headers: { 'if-match': current.etag } });
    if (res.status === 412) continue;
    expect(res.status, res.text).toBe(200);
    return res.body;
  }
  throw new Error('REST edit kept losing the ETag race');
}

export async function newSpec(client: ApiClient, ws: string, title: string): Promise<SpecBody> {
  return createSpec(client, ws, { title });
}

/** Waits until every client's text equals `expected` (or, without it, the first client's). */
export async function converged(clients: readonly CollabClient[], expected?: string): Promise<string> {
  let target = '';
  await eventually('the clients converge', () => {
    target = expected ?? clients[0]?.text.toJSON() ?? '';
    return clients.every((c) => c.text.toJSON() === target);
  });
  return target;
}
