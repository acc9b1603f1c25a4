// TanStack Query keys and fetchers for every read the screens make.
import { useQuery } from '@tanstack/react-query';
import { api, query } from './client';
import type { AppNotification, Invite, LintResult, Me, Member, Page, ReviewView, Revision, SearchHit, Spec, SpecSummary, Template, Thread, VersionDetail, VersionInfo, Workspace } from './types';

export const keys = {
  setup: ['setup'] as const,
  me: ['me'] as const,
  workspace: (ws: string) => ['workspace', ws] as const,
  specs: (ws: string) => ['specs', ws] as const,
  spec: (ws: string, n: string) => ['spec', ws, n] as const,
  lint: (ws: string, n: string) => ['lint', ws, n] as const,
  revisions: (ws: string, n: string) => ['revisions', ws, n] as const,
  review: (ws: string, n: string) => ['review', ws, n] as const,
  versions: (ws: string, n: string) => ['versions', ws, n] as const,
  threads: (ws: string, n: string) => ['threads', ws, n] as const,
};

/** Path of a spec under /api/v1. */
export function specPath(ws: string, n: string): string {
  return `/workspaces/${encodeURIComponent(ws)}/specs/${encodeURIComponent(n)}`;
}

export function useSetupStatus() {
  return useQuery({ queryKey: keys.setup, queryFn: () => api<{ needed: boolean }>('/setup') });
}

export function useMe() {
  return useQuery({ queryKey: keys.me, queryFn: () => api<Me>('/me'), retry: false });
}

export function useWorkspace(ws: string) {
  return useQuery({ queryKey: keys.workspace(ws), queryFn: () => api<Workspace>(`/workspaces/${encodeURIComponent(ws)}`) });
}

export function useSpecList(ws: string, status: string) {
  return useQuery({
    queryKey: [...keys.specs(ws), status],
    queryFn: () => api<Page<SpecSummary>>(`/workspaces/${encodeURIComponent(ws)}/specs${query({ status, limit: 200 })}`),
  });
}

export function useSearch(ws: string, q: string) {
  return useQuery({
    queryKey: ['search', ws, q],
    queryFn: () => api<Page<SearchHit>>(`/search${query({ q, workspace: ws, limit: 50 })}`),
    enabled: q.trim() !== '',
  });
}

export function useTemplates(ws: string) {
  return useQuery({ queryKey: ['templates', ws], queryFn: () => api<Page<Template>>(`/workspaces/${encodeURIComponent(ws)}/templates`) });
}

/**
 * The spec's JSON, kept out of the browser's HTTP cache: its ETag names the revision, but labels
 * change without one, so a cached body revalidated by that ETag could show old labels (the server
 * no longer answers the JSON view with 304; storing it would only cost memory). It comes with its
 * `html` (rendered once per revision on the server), so the spec page runs no Markdown parser.
 */
export function fetchSpec(ws: string, n: string): Promise<Spec> {
  return api<Spec>(`${specPath(ws, n)}${query({ include: 'html' })}`, { cache: 'no-store' });
}

/** The spec (its JSON carries the ETag for If-Match). */
export function useSpec(ws: string, n: string) {
  return useQuery({ queryKey: keys.spec(ws, n), queryFn: () => fetchSpec(ws, n) });
}

export function useLint(ws: string, n: string) {
  return useQuery({ queryKey: keys.lint(ws, n), queryFn: () => api<LintResult>(`${specPath(ws, n)}/lint`) });
}

export function useRevisions(ws: string, n: string) {
  return useQuery({ queryKey: keys.revisions(ws, n), queryFn: () => api<Page<Revision>>(`${specPath(ws, n)}/revisions${query({ limit: 200 })}`) });
}

export function useDiff(ws: string, n: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: ['diff', ws, n, from, to],
    queryFn: () => api<{ unified: string }>(`${specPath(ws, n)}/diff${query({ from, to, format: 'unified' })}`),
    enabled: from !== null && to !== null && from !== to,
  });
}

/** One revision's text (for the history diff; revisions never change, so it is never stale). */
export function useRevisionText(ws: string, n: string, revision: number | null) {
  return useQuery({
    queryKey: ['revision', ws, n, revision],
    queryFn: () => api<{ markdown: string }>(`${specPath(ws, n)}/revisions/${revision ?? 0}`),
    enabled: revision !== null,
    staleTime: Infinity,
  });
}

/** The current version's review state: reviewers, verdicts, what approval still needs. */
export function useReview(ws: string, n: string) {
  return useQuery({ queryKey: keys.review(ws, n), queryFn: () => api<ReviewView>(`${specPath(ws, n)}/review`) });
}

export function useVersions(ws: string, n: string) {
  return useQuery({ queryKey: keys.versions(ws, n), queryFn: () => api<{ items: VersionInfo[] }>(`${specPath(ws, n)}/versions`) });
}

/** One version with its text (only fetched for a version other than the current one). */
export function useVersion(ws: string, n: string, version: number | null) {
  return useQuery({
    queryKey: [...keys.versions(ws, n), version],
    queryFn: () => api<VersionDetail>(`${specPath(ws, n)}/versions/${version ?? 0}`),
    enabled: version !== null,
  });
}

/** Every comment thread of the spec (open and resolved), oldest first. */
export function useThreads(ws: string, n: string) {
  return useQuery({ queryKey: keys.threads(ws, n), queryFn: () => api<Page<Thread>>(`${specPath(ws, n)}/threads${query({ state: 'all', limit: 200 })}`) });
}

/** The signed-in user's notifications (newest first) and the unread count; polled for the bell. */
export function useNotifications(limit: number) {
  return useQuery({
    queryKey: ['notifications', limit],
    queryFn: () => api<Page<AppNotification> & { unreadCount: number }>(`/notifications${query({ limit })}`),
    refetchInterval: 30_000,
  });
}

export function useMembers(ws: string) {
  return useQuery({ queryKey: ['members', ws], queryFn: () => api<Page<Member>>(`/workspaces/${encodeURIComponent(ws)}/members${query({ limit: 200 })}`) });
}

export function useInvite(token: string) {
  return useQuery({ queryKey: ['invite', token], queryFn: () => api<Invite>(`/invites/${encodeURIComponent(token)}`), retry: false });
}
