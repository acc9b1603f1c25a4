// Size of a SQLite database that a server process has open: checkpoint the WAL into the main file
// first (TRUNCATE leaves the WAL empty), then file sizes and the bytes of each table and index.
import { existsSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';

export interface SqliteSize {
  /** Main file + WAL, after the checkpoint. */
  readonly fileBytes: number;
  readonly walBytes: number;
  /** Pages on the free list (space the file holds but no table uses). */
  readonly freeBytes: number;
  /** Bytes of pages per table or index (dbstat), largest first. */
  readonly objects: ReadonlyMap<string, number>;
}

const CHECKPOINT_ATTEMPTS = 20;

export async function measureSqliteSize(file: string): Promise<SqliteSize> {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // The server may be finishing a write: a checkpoint that could not copy every frame is retried.
    for (let attempt = 1; ; attempt += 1) {
      const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
      if (result !== undefined && result.busy === 0) break;
      if (attempt >= CHECKPOINT_ATTEMPTS) throw new Error(`wal_checkpoint(TRUNCATE) stayed busy on ${file}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const pageSize = Number(db.pragma('page_size', { simple: true }));
    const freePages = Number(db.pragma('freelist_count', { simple: true }));
    const rows = db.prepare('select name, sum(pgsize) as bytes from dbstat group by name order by bytes desc').all() as { name: string; bytes: number }[];
    const wal = `${file}-wal`;
    const walBytes = existsSync(wal) ? statSync(wal).size : 0;
    return {
      fileBytes: statSync(file).size + walBytes,
      walBytes,
      freeBytes: freePages * pageSize,
      objects: new Map(rows.map((r) => [r.name, r.bytes])),
    };
  } finally {
    db.close();
  }
}

/** Growth per table or index between two measurements, largest first. */
export function objectGrowth(before: SqliteSize, after: SqliteSize): [string, number][] {
  const names = new Set([...before.objects.keys(), ...after.objects.keys()]);
  return [...names]
    .map((name): [string, number] => [name, (after.objects.get(name) ?? 0) - (before.objects.get(name) ?? 0)])
    .filter(([, bytes]) => bytes !== 0)
    .sort((a, b) => b[1] - a[1]);
}
