// Shapes of the REST answers the client reads (see /api/v1/openapi.json).

export type Role = 'owner' | 'admin' | 'editor' | 'viewer';

export interface User {
  id: string;
  email: string;
  name: string;
  createdAt: string;
}

export interface Me extends User {
  memberships: { workspaceId: string; workspaceKey: string; workspaceName: string; role: Role }[];
}

export interface Workspace {
  id: string;
  key: string;
  name: string;
  role: Role;
  permissions: Record<'update' | 'delete' | 'manageMembers' | 'manageInvites' | 'manageTemplates' | 'readAudit', boolean>;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Template {
  id: string;
  name: string;
  description: string;
  builtin: boolean;
  currentVersion: number;
}

export interface SpecSummary {
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
}

export interface SectionNode {
  path: string;
  title: string;
  level: number;
  line: number;
  children: SectionNode[];
}

export interface Spec extends SpecSummary {
  etag: string;
  lint: { score: number; errors: number; warnings: number };
  markdown: string;
  sections: SectionNode[];
  /** With include=html: the revision as HTML, unsanitized (markdown/render.ts sanitizes it). */
  html?: string;
}

/** A content write's answer: the text and outline only when the server stored other text than was sent. */
export type SpecWritten = Omit<Spec, 'markdown' | 'sections'> & Partial<Pick<Spec, 'markdown' | 'sections'>>;

export interface LintFinding {
  ruleId: string;
  severity: string;
  message: string;
  sectionPath: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface LintResult {
  revision: number;
  score: number;
  errors: number;
  warnings: number;
  findings: LintFinding[];
  sections: { path: string; score: number; blanks: number; unfilled: number; missing: boolean }[];
}

export interface Revision {
  number: number;
  author: { id: string; name: string };
  createdAt: string;
  summary: string;
}

export interface SearchHit {
  specId: string;
  key: string;
  title: string;
  sectionPath: string;
  sectionTitle: string;
  snippet: { text: string; match: boolean }[];
  status: string;
  updatedAt: string;
}

export interface Invite {
  workspace: { key: string; name: string };
  role: Role;
  email: string | null;
  expiresAt: string;
}

export const STATUSES = ['draft', 'in_review', 'changes_requested', 'approved', 'rejected', 'withdrawn', 'superseded'] as const;

/** Whether a role may change specs (editors and up). */
export function canWrite(role: Role | undefined): boolean {
  return role === 'owner' || role === 'admin' || role === 'editor';
}

export interface ReviewerEntry {
  user: { id: string; name: string };
  role: 'required' | 'optional';
  dueAt: string | null;
  overdue: boolean;
  verdict: string | null;
}

export interface Verdict {
  id: string;
  reviewer: { id: string; name: string };
  verdict: string;
  revision: number;
  summary: string | null;
  createdAt: string;
  dismissedAt: string | null;
  current: boolean;
}

export interface VersionInfo {
  number: number;
  status: string;
  current?: boolean;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionSummary: string | null;
  supersededBy: string | null;
}

export interface UnmetCondition {
  check: string;
  message: string;
  blocking: boolean;
  details?: Record<string, unknown>;
}

export interface ReviewView {
  spec: { id: string; key: string; title: string; status: string; revision: number; etag: string; authorId: string };
  version: VersionInfo;
  locked: boolean;
  reviewers: ReviewerEntry[];
  verdicts: Verdict[];
  approvers: string[];
  policy: { minApprovals: number; requireAllRequired: boolean; lintClean: boolean; noBlockingThreads: boolean; signedApproval?: boolean };
  unmet: UnmetCondition[];
  allowedActions: string[];
}

/** One version with its text and verdicts (GET .../versions/:version). */
export interface VersionDetail extends VersionInfo {
  markdown: string;
  reviewers: ReviewerEntry[];
  verdicts: Verdict[];
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
}

export interface ThreadComment {
  id: string;
  author: { id: string; name: string };
  body: string;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
}

export interface Thread {
  id: string;
  author: { id: string; name: string };
  kind: 'comment' | 'suggestion';
  anchor: { sectionPath: string; quote: string | null; current: { sectionPath: string; line: number } | null };
  outdated: boolean;
  blocking: boolean;
  resolved: boolean;
  resolvedBy: { id: string; name: string } | null;
  suggestion: { text: string; state: 'open' | 'accepted' | 'dismissed'; decidedBy: { id: string; name: string } | null; appliedRevision: number | null } | null;
  comments: ThreadComment[];
  createdAt: string;
}

export interface AppNotification {
  id: string;
  kind: string;
  workspaceKey: string;
  spec: { id: string; key: string; title: string } | null;
  actor: { id: string; name: string } | null;
  details: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}
