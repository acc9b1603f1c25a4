import type { Kysely } from 'kysely';
import type { LintResult, SpecDocument } from '../../../core/index.js';
import type { DB } from '../../db/index.js';

/**
 * Recently used spec revisions, parsed, per database handle: the GET path serves the cached JSON
 * fragment and edits start from the cached document. An entry is keyed by spec id and revision
 * number, and revisions never change, so an entry is either exact or not used: never stale.
 */
export interface CachedRevision {
  readonly revision: number;
  readonly content: string;
  readonly doc: SpecDocument;
  /** `"markdown":...,"sections":...` of the JSON view, built on first use. */
  jsonFragment: string | null;
  /**
   * The whole JSON view as UTF-8 bytes, with the metadata part it was built from: reused while
   * the metadata (title, labels, status, lint, author name...) serializes to the same text.
   */
  jsonBody: { readonly head: string; readonly bytes: Buffer } | null;
  /** The same with `html` (include=html), likewise. */
  jsonBodyWithHtml: { readonly head: string; readonly bytes: Buffer } | null;
  /** The revision rendered to HTML (unsanitized: clients sanitize it), built on first use. */
  html: string | null;
  /** Lint against the spec's template version, when computed. */
  lint: LintResult | null;
}

// Budget in characters of content; parsed documents take a multiple of that.
const MAX_CHARS = 4_000_000;

class RevisionCache {
  private readonly entries = new Map<string, CachedRevision>();
  private chars = 0;

  get(specId: string, revision: number): CachedRevision | undefined {
    const entry = this.entries.get(specId);
    if (entry === undefined || entry.revision !== revision) return undefined;
    this.entries.delete(specId);
    this.entries.set(specId, entry);
    return entry;
  }

  put(specId: string, revision: number, doc: SpecDocument, lint: LintResult | null = null): CachedRevision {
    this.drop(specId);
    const entry: CachedRevision = { revision, content: doc.source, doc, jsonFragment: null, jsonBody: null, jsonBodyWithHtml: null, html: null, lint };
    if (doc.source.length > MAX_CHARS / 4) return entry;
    this.entries.set(specId, entry);
    this.chars += doc.source.length;
    for (const [id, old] of this.entries) {
      if (this.chars <= MAX_CHARS) break;
      this.entries.delete(id);
      this.chars -= old.content.length;
    }
    return entry;
  }

  drop(specId: string): void {
    const old = this.entries.get(specId);
    if (old === undefined) return;
    this.entries.delete(specId);
    this.chars -= old.content.length;
  }
}

const caches = new WeakMap<Kysely<DB>, RevisionCache>();

export function revisionCache(db: Kysely<DB>): RevisionCache {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new RevisionCache();
    caches.set(db, cache);
  }
  return cache;
}
