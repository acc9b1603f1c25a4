import type { SchemaMigration } from './types.js';

// Review discussion (threads anchored to a section path and an optional quote, their comments,
// suggestions as threads that carry a replacement) and in-app notifications. Flags are nullable
// timestamps (blocking_at, resolved_at, read_at...), as everywhere else.
export const commentsNotifications: SchemaMigration = {
  async up(db) {
    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('spec_id', 'text', (c) => c.references('specs.id').onDelete('cascade'))
      .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('details_json', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('read_at', 'text')
      .execute();
    // Lists are newest first per user; the unread count and filter read the second index.
    await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'id']).execute();
    await db.schema.createIndex('notifications_user_unread').on('notifications').columns(['user_id', 'read_at', 'id']).execute();

    await db.schema
      .createTable('comment_threads')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('spec_id', 'text', (c) => c.notNull().references('specs.id').onDelete('cascade'))
      .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('section_path', 'text', (c) => c.notNull())
      .addColumn('quote', 'text')
      // Offset of the quote in its section's body when anchored: picks the nearest of several matches.
      .addColumn('quote_offset', 'integer')
      .addColumn('anchored_revision', 'integer', (c) => c.notNull())
      .addColumn('blocking_at', 'text')
      .addColumn('resolved_at', 'text')
      .addColumn('resolved_by', 'text', (c) => c.references('users.id'))
      // A suggestion: the proposed replacement of the quote, and what became of it.
      .addColumn('suggestion', 'text')
      .addColumn('suggestion_state', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('decided_by', 'text', (c) => c.references('users.id'))
      .addColumn('applied_revision', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('comment_threads_spec').on('comment_threads').columns(['spec_id', 'id']).execute();

    await db.schema
      .createTable('comments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('thread_id', 'text', (c) => c.notNull().references('comment_threads.id').onDelete('cascade'))
      .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('edited_at', 'text')
      .addColumn('deleted_at', 'text')
      .execute();
    await db.schema.createIndex('comments_thread').on('comments').columns(['thread_id', 'id']).execute();
  },
};
