import type { SchemaMigration } from './types.js';

// The review workflow: each spec has versions (revising an approved version opens the next one),
// each version its reviewers and their verdicts. A verdict pins the content hash it was given on
// (core approvalHash); dismissed_at marks an approval made stale by a content change. Policies
// are JSON settings per workspace (scope_id = workspace id) or per spec (scope_id = spec id).
export const reviewWorkflow: SchemaMigration = {
  async up(db) {
    await db.schema
      .createTable('spec_versions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('spec_id', 'text', (c) => c.notNull().references('specs.id').onDelete('cascade'))
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      // First revision of this version; its last is the revision before the next version's first.
      .addColumn('start_revision', 'integer', (c) => c.notNull())
      .addColumn('first_requested_at', 'text')
      .addColumn('requested_at', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('decided_by', 'text', (c) => c.references('users.id'))
      .addColumn('decision_summary', 'text')
      .addColumn('decided_revision', 'integer')
      .addColumn('approved_hash', 'text')
      .addColumn('superseded_by', 'text', (c) => c.references('specs.id').onDelete('set null'))
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('spec_versions_spec_number', ['spec_id', 'number'])
      .execute();
    await db.schema.createIndex('spec_versions_status').on('spec_versions').columns(['status', 'requested_at']).execute();
    await db.schema.createIndex('spec_versions_superseded_by').on('spec_versions').column('superseded_by').execute();

    await db.schema
      .createTable('spec_reviewers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('version_id', 'text', (c) => c.notNull().references('spec_versions.id').onDelete('cascade'))
      .addColumn('spec_id', 'text', (c) => c.notNull().references('specs.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text')
      .addColumn('assigned_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('assigned_at', 'text', (c) => c.notNull())
      .addColumn('reminded_at', 'text')
      .addUniqueConstraint('spec_reviewers_version_user', ['version_id', 'user_id'])
      .execute();
    await db.schema.createIndex('spec_reviewers_due').on('spec_reviewers').columns(['due_at', 'reminded_at']).execute();

    await db.schema
      .createTable('spec_reviews')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('version_id', 'text', (c) => c.notNull().references('spec_versions.id').onDelete('cascade'))
      .addColumn('spec_id', 'text', (c) => c.notNull().references('specs.id').onDelete('cascade'))
      .addColumn('reviewer_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('verdict', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('summary', 'text')
      .addColumn('signed_at', 'text')
      .addColumn('signature_meaning', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('dismissed_at', 'text')
      .execute();
    await db.schema.createIndex('spec_reviews_version').on('spec_reviews').columns(['version_id', 'id']).execute();
    // Content saves dismiss the spec's live approvals whose hash differs: this index finds them.
    await db.schema.createIndex('spec_reviews_spec_live').on('spec_reviews').columns(['spec_id', 'dismissed_at']).execute();

    await db.schema
      .createTable('review_policies')
      .addColumn('scope_id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('settings_json', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
