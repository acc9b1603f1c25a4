import { existsSync, renameSync, rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';

export interface BackupResult {
  readonly pages: number;
}

/**
 * Copies a live SQLite database into `target` with SQLite's online backup API: a consistent
 * snapshot while the server keeps reading and writing (a copy interrupted by a write starts over
 * from that write's state). The copy goes to a temporary file renamed at the end, so `target`
 * never holds half a database.
 */
export async function backupSqlite(source: string, target: string): Promise<BackupResult> {
  if (!existsSync(source)) throw new Error(`no database at ${source}`);
  const partial = `${target}.partial-${process.pid}`;
  // Its own connection, with the server's busy timeout, so a writer holding the lock is waited for.
  const db = new BetterSqlite3(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const { totalPages } = await db.backup(partial);
    renameSync(partial, target);
    return { pages: totalPages };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
}
