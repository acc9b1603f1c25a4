// Reads of the workspace screens (list with filters, insights, settings): query keys start with
// [kind, ws] so live events invalidate them by workspace (live-events.ts).
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, query } from './client';
import type { Page, Role, SpecSummary } from './types';

const wsPath = (ws: string) => `/workspaces/${encodeURIComponent(ws)}`;

export interface ListReviewer {
  user: { id: string; name: string };
  role: 'required' | 'optional';
  dueAt: string | null;
}

export type SpecListRow = SpecSummary & { overdue: boolean; reviewers?: ListReviewer[] };

/** The list's filters and sort as the REST list takes them (all optional). */
export interface ListFilters {
  status?: string;
  author?: string;
  reviewer?: string;
  awaitingReview?: string;
  label?: string;
  sort?: string;
}

export const SORTS: [string, string][] = [
  ['-updated', 'Recently updated'],
  ['updated', 'Least recently updated'],
  ['-number', 'Newest number'],
  ['number', 'Oldest number'],
  ['title', 'Title A-Z'],
];

/** Specs matching the filters, with reviewers; pages of 50 ("Load more"). */
export function useFilteredSpecs(ws: string, filters: ListFilters) {
  return useInfiniteQuery({
    queryKey: ['specs', ws, 'filtered', filters],
    queryFn: ({ pageParam }) => api<Page<SpecListRow>>(`${wsPath(ws)}/specs${query({ ...filters, include: 'reviewers', limit: 50, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export interface ReviewMetrics {
  medianTimeToDecisionMs: number | null;
  decidedCount: number;
  waiting: { key: string; title: string; version: number; requestedAt: string; waitingMs: number; overdueReviewers: string[]; overdue: boolean }[];
}

export interface OverdueReview {
  key: string;
  number: number;
  title: string;
  version: number;
  reviewer: { id: string; name: string };
  role: string;
  dueAt: string;
  overdueMs: number;
}

export function useReviewMetrics(ws: string) {
  return useQuery({ queryKey: ['insights', ws], queryFn: () => api<ReviewMetrics>(`${wsPath(ws)}/reviews`) });
}

export function useOverdueReviews(ws: string) {
  return useQuery({ queryKey: ['overdue-reviews', ws], queryFn: () => api<{ items: OverdueReview[] }>(`${wsPath(ws)}/reviews/overdue`) });
}

export interface InviteRow {
  id: string;
  role: Role;
  email: string | null;
  status: 'pending' | 'accepted' | 'expired' | 'revoked';
  createdAt: string;
  expiresAt: string;
}

export function useInvites(ws: string) {
  return useQuery({ queryKey: ['invites', ws], queryFn: () => api<Page<InviteRow>>(`${wsPath(ws)}/invites${query({ limit: 100 })}`) });
}

export type Scope = 'read' | 'write' | 'admin';

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export function useTokens() {
  return useQuery({ queryKey: ['tokens'], queryFn: () => api<Page<ApiToken>>(`/tokens${query({ limit: 100 })}`) });
}

export interface TemplateDetail {
  id: string;
  name: string;
  description: string;
  builtin: boolean;
  currentVersion: number;
  source: string;
}

export function useTemplateDetail(ws: string, id: string | null) {
  return useQuery({
    queryKey: ['templates', ws, id],
    queryFn: () => api<TemplateDetail>(`${wsPath(ws)}/templates/${encodeURIComponent(id ?? '')}`),
    enabled: id !== null,
  });
}

export interface PolicySettings {
  minApprovals: number;
  requireAllRequired: boolean;
  authorCannotApprove: boolean;
  lintClean: boolean;
  noBlockingThreads: boolean;
  signedApproval: boolean;
  signatureMeaning: string;
}

export function useReviewPolicy(ws: string) {
  return useQuery({ queryKey: ['review-policy', ws], queryFn: () => api<PolicySettings>(`${wsPath(ws)}/review-policy`) });
}

export { wsPath };

export interface WorkspaceLabel {
  name: string;
  color: string;
  /** Specs (not deleted) carrying it now. */
  specs: number;
}

/** Every label of the workspace (the label picker's suggestions). */
export function useWorkspaceLabels(ws: string, enabled = true) {
  return useQuery({
    queryKey: ['labels', ws],
    queryFn: async () => (await api<{ items: WorkspaceLabel[] }>(`${wsPath(ws)}/labels`)).items,
    enabled,
  });
}
