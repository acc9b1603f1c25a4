// Helpers for the review workflow suites: typed review views and small request wrappers.
import { expect } from 'vitest';
import type { ApiClient, ApiResponse } from '../harness.js';
import { specsPath } from '../specs/helpers.js';

export interface UnmetBody {
  check: string;
  message: string;
  blocking: boolean;
  details?: Record<string, unknown>;
}

export interface VerdictBody {
  id: string;
  reviewer: { id: string; name: string };
  verdict: string;
  revision: number;
  contentHash: string;
  summary: string | null;
  dismissedAt: string | null;
  current: boolean;
  signature: { signedAt: string; meaning: string } | null;
}

export interface ReviewBody {
  spec: { id: string; key: string; status: string; revision: number; etag: string; authorId: string };
  version: {
    number: number;
    status: string;
    decidedAt: string | null;
    decisionSummary: string | null;
    decidedRevision: number | null;
    approvedHash: string | null;
    timeToDecisionMs: number | null;
    supersededBy: string | null;
    firstRequestedAt: string | null;
  };
  contentHash: string;
  locked: boolean;
  reviewers: { user: { id: string; name: string }; role: string; dueAt: string | null; overdue: boolean; verdict: string | null }[];
  verdicts: VerdictBody[];
  approvers: string[];
  unmet: UnmetBody[];
  allowedActions: string[];
  supersedes: string[];
  transition?: { action: string; from: string; to: string; version: number; revision: number | null } | null;
}

export const reviewPath = (ws: string, spec: string | number, ...rest: string[]): string => specsPath(ws, spec, ...rest);

export function act(client: ApiClient, ws: string, spec: string | number, action: string, body: Record<string, unknown> = {}): Promise<ApiResponse<ReviewBody>> {
  const path: Record<string, string> = {
    request_review: 'review/request',
    approve: 'review/approve',
    request_changes: 'review/request-changes',
    reject: 'review/reject',
    withdraw: 'withdraw',
    revise: 'revise',
    supersede: 'supersede',
  };
  const defaults: Record<string, Record<string, unknown>> = { reject: { summary: 'Not needed' }, supersede: { by: '1' } };
  return client.post<ReviewBody>(specsPath(ws, spec, path[action] ?? action), { ...(defaults[action] ?? {}), ...body });
}

/** act() that must succeed. */
export async function ok(client: ApiClient, ws: string, spec: string | number, action: string, body: Record<string, unknown> = {}): Promise<ReviewBody> {
  const res = await act(client, ws, spec, action, body);
  expect(res.status, `${action}: ${res.text}`).toBe(200);
  return res.body;
}

export async function assign(client: ApiClient, ws: string, spec: string | number, userId: string, role: 'required' | 'optional' = 'required', dueAt: string | null = null): Promise<ReviewBody> {
  const res = await client.request<ReviewBody>('PUT', specsPath(ws, spec, 'reviewers', userId), { body: { role, dueAt } });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

export async function review(client: ApiClient, ws: string, spec: string | number): Promise<ReviewBody> {
  const res = await client.get<ReviewBody>(specsPath(ws, spec, 'review'));
  expect(res.status, res.text).toBe(200);
  return res.body;
}
