// Helpers for the spec integration suites: typed bodies, problem checks and small request wrappers.
import { expect } from 'vitest';
import type { ApiClient, ApiResponse } from '../harness.js';

export interface SectionNode {
  path: string;
  title: string;
  level: number;
  line: number;
  children: SectionNode[];
}

export interface SpecBody {
  id: string;
  workspaceId: string;
  key: string;
  number: number;
  title: string;
  status: string;
  author: { id: string; name: string };
  labels: string[];
  templateId: string;
  templateVersion: number;
  revision: number;
  completeness: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  etag: string;
  lint: { score: number; errors: number; warnings: number };
  markdown: string;
  sections: SectionNode[];
}

export interface ProblemBody {
  status: number;
  code: string;
  detail: string;
  type: string;
  [extension: string]: unknown;
}

export function expectProblem(res: ApiResponse, status: number, code: string): ProblemBody {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = res.body as ProblemBody;
  expect(body).toMatchObject({ status, code, type: `urn:specboard:problem:${code}` });
  return body;
}

export function specsPath(ws: string, ...rest: (string | number)[]): string {
  return [`/api/v1/workspaces/${ws}/specs`, ...rest.map(String)].join('/');
}

/** Creates a spec and returns its JSON view (fails the test on anything but 201). */
export async function createSpec(client: ApiClient, ws: string, body: Record<string, unknown> = {}): Promise<SpecBody> {
  const res = await client.post<SpecBody>(specsPath(ws), body);
  expect(res.status, res.text).toBe(201);
  expect(res.headers.get('etag')).toBe(res.body.etag);
  return res.body;
}

export function getSpec(client: ApiClient, ws: string, spec: string | number): Promise<ApiResponse<SpecBody>> {
  return client.get<SpecBody>(specsPath(ws, spec));
}

const exactUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** GET as Markdown: the exact stored text (decoded keeping a BOM, which Response#text() drops). */
export async function getMarkdown(client: ApiClient, ws: string, spec: string | number, path = specsPath(ws, spec)): Promise<string> {
  const headers: Record<string, string> = { accept: 'text/markdown' };
  if (client.cookie !== null) headers.cookie = `specboard_session=${client.cookie}`;
  if (client.token !== null) headers.authorization = `Bearer ${client.token}`;
  const res = await fetch(client.baseUrl + path, { headers });
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
  return exactUtf8.decode(bytes);
}

export function putContent(client: ApiClient, ws: string, spec: string | number, markdown: string, etag: string | null, summary?: string): Promise<ApiResponse<SpecBody>> {
  return client.request<SpecBody>('PUT', specsPath(ws, spec, 'content'), {
    body: summary === undefined ? { markdown } : { markdown, summary },
    headers: etag === null ? {} : { 'if-match': etag },
  });
}

/** PUT with a raw text/markdown body (bytes sent as they are). */
export function putRaw(client: ApiClient, ws: string, spec: string | number, bytes: string | Uint8Array, etag: string | null, contentType = 'text/markdown; charset=utf-8'): Promise<ApiResponse<SpecBody>> {
  return client.request<SpecBody>('PUT', specsPath(ws, spec, 'content'), {
    rawBody: bytes,
    headers: { 'content-type': contentType, ...(etag === null ? {} : { 'if-match': etag }) },
  });
}

export function postEdit(client: ApiClient, ws: string, spec: string | number, edit: Record<string, unknown>, etag: string | null): Promise<ApiResponse<SpecBody>> {
  return client.request<SpecBody>('POST', specsPath(ws, spec, 'edits'), { body: edit, headers: etag === null ? {} : { 'if-match': etag } });
}

/** Every revision's content, oldest first, read through the API. */
export async function revisionContents(client: ApiClient, ws: string, spec: string | number): Promise<string[]> {
  const list = await client.get<{ items: { number: number }[]; nextCursor: string | null }>(`${specsPath(ws, spec, 'revisions')}?limit=200`);
  expect(list.status, list.text).toBe(200);
  const out: string[] = [];
  for (const r of [...list.body.items].reverse()) {
    const res = await client.get<{ markdown: string }>(specsPath(ws, spec, 'revisions', r.number));
    expect(res.status, res.text).toBe(200);
    out.push(res.body.markdown);
  }
  return out;
}
