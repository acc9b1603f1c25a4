// Kysely table types. Columns are snake_case in SQL and camelCase here (CamelCasePlugin).
// Conventions, identical in SQLite and PostgreSQL:
// - ids are UUIDv7 strings (text), so ordering by id is ordering by creation time;
// - timestamps are ISO 8601 UTC strings from Date#toISOString() (text), which sort correctly;
// - JSON is stored as text and parsed in services;
// - no booleans: a nullable timestamp (revokedAt, deletedAt...) says whether something happened.
import type { ColumnType } from 'kysely';

export type Role = 'owner' | 'admin' | 'editor' | 'viewer';
export type Scope = 'read' | 'write' | 'admin';

/** A column the database fills in on insert (e.g. a counter with a default). */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface InstanceSettingsTable {
  key: string;
  value: string;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  createdAt: string;
  updatedAt: string;
  disabledAt: string | null;
}

export interface SessionsTable {
  id: string;
  userId: string;
  tokenHash: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
  userAgent: string | null;
  ip: string | null;
}

export interface WorkspacesTable {
  id: string;
  key: string;
  name: string;
  nextSpecNumber: Defaulted<number>;
  createdAt: string;
  updatedAt: string;
}

export interface MembershipsTable {
  workspaceId: string;
  userId: string;
  role: Role;
  createdAt: string;
  updatedAt: string;
}

export interface InvitesTable {
  id: string;
  workspaceId: string;
  tokenHash: string;
  role: Role;
  email: string | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  acceptedBy: string | null;
  revokedAt: string | null;
}

export interface ApiTokensTable {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  /** First characters of the secret, shown in lists so people can tell tokens apart. */
  tokenPrefix: string;
  /** JSON array of Scope. */
  scopes: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface TemplatesTable {
  id: string;
  workspaceId: string;
  name: string;
  description: string;
  currentVersion: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface TemplateVersionsTable {
  templateId: string;
  version: number;
  source: string;
  sha256: string;
  createdBy: string;
  createdAt: string;
}

export interface SpecsTable {
  id: string;
  workspaceId: string;
  number: number;
  title: string;
  status: string;
  authorId: string;
  /** A templates.id, or a built-in template id such as "technical-specification" (no foreign key). */
  templateId: string;
  templateVersion: number;
  content: string;
  /** Number of the latest revision; the ETag is derived from it. */
  revision: number;
  /** Lint of the latest revision against templateVersion: completeness 0-100 and finding counts. */
  completeness: Defaulted<number>;
  lintErrors: Defaulted<number>;
  lintWarnings: Defaulted<number>;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface RevisionsTable {
  id: string;
  specId: string;
  number: number;
  authorId: string;
  createdAt: string;
  summary: string;
  content: string;
}

export interface LabelsTable {
  id: string;
  workspaceId: string;
  name: string;
  color: string;
  createdAt: string;
}

export interface SpecLabelsTable {
  specId: string;
  labelId: string;
}

export interface AuditEventsTable {
  id: string;
  /** No foreign key: the trail outlives a deleted workspace. */
  workspaceId: string | null;
  actorId: string | null;
  actorTokenId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  /** JSON text or null. */
  beforeJson: string | null;
  afterJson: string | null;
  ip: string | null;
  requestId: string | null;
  createdAt: string;
}

export type NotificationKind = 'mention' | 'review_requested' | 'verdict' | 'reminder' | 'decision';

export interface NotificationsTable {
  id: string;
  workspaceId: string;
  userId: string;
  kind: NotificationKind;
  specId: string | null;
  actorId: string | null;
  /** JSON object text. */
  detailsJson: string;
  createdAt: string;
  readAt: string | null;
}

export type SuggestionState = 'open' | 'accepted' | 'dismissed';

export interface CommentThreadsTable {
  id: string;
  workspaceId: string;
  specId: string;
  authorId: string;
  sectionPath: string;
  quote: string | null;
  quoteOffset: number | null;
  anchoredRevision: number;
  blockingAt: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  suggestion: string | null;
  suggestionState: SuggestionState | null;
  decidedAt: string | null;
  decidedBy: string | null;
  appliedRevision: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface CommentsTable {
  id: string;
  threadId: string;
  authorId: string;
  body: string;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
}

export type ReviewerRole = 'required' | 'optional';
export type Verdict = 'approved' | 'changes_requested' | 'rejected';

/** One version of a spec: its own status, reviewers, approvals and decision. */
export interface SpecVersionsTable {
  id: string;
  specId: string;
  number: number;
  status: string;
  startRevision: number;
  firstRequestedAt: string | null;
  requestedAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionSummary: string | null;
  decidedRevision: number | null;
  approvedHash: string | null;
  supersededBy: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface SpecReviewersTable {
  id: string;
  versionId: string;
  specId: string;
  userId: string;
  role: ReviewerRole;
  dueAt: string | null;
  assignedBy: string;
  assignedAt: string;
  remindedAt: string | null;
}

export interface SpecReviewsTable {
  id: string;
  versionId: string;
  specId: string;
  reviewerId: string;
  verdict: Verdict;
  revision: number;
  /** core approvalHash of the content the verdict was given on. */
  contentHash: string;
  summary: string | null;
  signedAt: string | null;
  signatureMeaning: string | null;
  createdAt: string;
  dismissedAt: string | null;
}

export interface ReviewPoliciesTable {
  /** A workspace id (the workspace default) or a spec id (that spec's override). */
  scopeId: string;
  workspaceId: string;
  /** JSON object text. */
  settingsJson: string;
  updatedBy: string;
  updatedAt: string;
}

/** Live-events outbox (docs/events.md): ids increase in commit order. */
export interface EventOutboxTable {
  /** PostgreSQL returns bigint as a string: read it through Number(). */
  id: ColumnType<number | string, never, never>;
  type: string;
  workspaceId: string | null;
  specId: string | null;
  userId: string | null;
  actorId: string | null;
  dataJson: string;
  createdAt: string;
}

/** A workspace's webhook subscription (docs/webhooks.md). */
export interface WebhooksTable {
  id: string;
  workspaceId: string;
  url: string;
  /** JSON array of event types, or ["*"]. */
  eventsJson: string;
  secret: string;
  description: Defaulted<string>;
  afterEventId: ColumnType<number | string, number, number>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  disabledAt: string | null;
}

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

/** One event to send to one webhook (a queue row; also the delivery log). */
export interface WebhookDeliveriesTable {
  id: string;
  webhookId: string;
  workspaceId: string;
  eventId: ColumnType<number | string, number, number>;
  eventType: string;
  payload: string;
  status: WebhookDeliveryStatus;
  attempts: Defaulted<number>;
  nextAttemptAt: string;
  claimedBy: string | null;
  claimedUntil: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  responseExcerpt: string | null;
  redeliveryOf: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
}

export interface WebhookAttemptsTable {
  id: string;
  deliveryId: string;
  attempt: number;
  at: string;
  statusCode: number | null;
  error: string | null;
  responseExcerpt: string | null;
  durationMs: number;
  nextAttemptAt: string | null;
}

/** Co-editing (docs/collab.md): the update log of live documents, appended as updates arrive. */
export interface CollabUpdatesTable {
  /** PostgreSQL returns bigint as a string: read it through Number(). */
  id: ColumnType<number | string, never, never>;
  document: string;
  update: Uint8Array;
  userId: string | null;
  createdAt: string;
}

/** A live document's compacted snapshot and the base the REST edit bridge diffs from. */
export interface CollabDocumentsTable {
  document: string;
  specId: string;
  snapshot: Uint8Array;
  baseRevision: number;
  baseState: Uint8Array;
  baseText: string;
  contributorsJson: Defaulted<string>;
  updatedAt: string;
}

/** Everyone credited with a revision made by a co-editing checkpoint (position 0 is its author). */
export interface RevisionContributorsTable {
  specId: string;
  revision: number;
  userId: string;
  position: number;
}

export interface DB {
  instanceSettings: InstanceSettingsTable;
  users: UsersTable;
  sessions: SessionsTable;
  workspaces: WorkspacesTable;
  memberships: MembershipsTable;
  invites: InvitesTable;
  apiTokens: ApiTokensTable;
  templates: TemplatesTable;
  templateVersions: TemplateVersionsTable;
  specs: SpecsTable;
  revisions: RevisionsTable;
  labels: LabelsTable;
  specLabels: SpecLabelsTable;
  auditEvents: AuditEventsTable;
  specVersions: SpecVersionsTable;
  specReviewers: SpecReviewersTable;
  specReviews: SpecReviewsTable;
  reviewPolicies: ReviewPoliciesTable;
  notifications: NotificationsTable;
  commentThreads: CommentThreadsTable;
  comments: CommentsTable;
  eventOutbox: EventOutboxTable;
  collabUpdates: CollabUpdatesTable;
  collabDocuments: CollabDocumentsTable;
  revisionContributors: RevisionContributorsTable;
  webhooks: WebhooksTable;
  webhookDeliveries: WebhookDeliveriesTable;
  webhookAttempts: WebhookAttemptsTable;
}
