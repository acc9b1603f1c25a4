// Helpers for the comment suites: thread bodies and request wrappers.
import { expect } from 'vitest';
import type { ApiClient, ApiResponse } from '../harness.js';
import { specsPath } from '../specs/helpers.js';

export interface Person {
  id: string;
  name: string;
}

export interface ThreadBody {
  id: string;
  specId: string;
  author: Person;
  kind: 'comment' | 'suggestion';
  anchor: { sectionPath: string; quote: string | null; current: { sectionPath: string; start: number; end: number; line: number } | null };
  outdated: boolean;
  anchoredRevision: number;
  blocking: boolean;
  resolved: boolean;
  resolvedBy: Person | null;
  suggestion: { text: string; state: string; decidedBy: Person | null; appliedRevision: number | null } | null;
  comments: { id: string; author: Person; body: string; editedAt: string | null; deletedAt: string | null }[];
}

export interface ThreadPage {
  items: ThreadBody[];
  nextCursor: string | null;
}

export function threadsPath(ws: string, spec: string | number, ...rest: string[]): string {
  return specsPath(ws, spec, 'threads', ...rest);
}

/** Opens a thread and returns it (fails the test on anything but 201). */
export async function openThread(client: ApiClient, ws: string, spec: string | number, body: Record<string, unknown>): Promise<ThreadBody> {
  const res = await client.post<ThreadBody>(threadsPath(ws, spec), body);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

export async function listThreads(client: ApiClient, ws: string, spec: string | number, query = ''): Promise<ThreadBody[]> {
  const res = await client.get<ThreadPage>(`${threadsPath(ws, spec)}${query}`);
  expect(res.status, res.text).toBe(200);
  return res.body.items;
}

export function threadAction(client: ApiClient, ws: string, spec: string | number, thread: string, action: string): Promise<ApiResponse<ThreadBody>> {
  return client.post<ThreadBody>(threadsPath(ws, spec, thread, action));
}
