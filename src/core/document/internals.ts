/**
 * Per-document data that is not part of the public SpecDocument shape (line table, section index),
 * kept beside each parsed document so queries do not recompute it.
 */
import { buildLineTable, type LineTable } from '../text/line-table.js';
import type { SectionIndex } from './build/section-index.js';
import type { SpecDocument } from './types.js';

export interface DocumentInternals {
  readonly lines: LineTable;
  readonly index: SectionIndex;
}

const store = new WeakMap<SpecDocument, DocumentInternals>();

export function attachInternals(doc: SpecDocument, internals: DocumentInternals): void {
  store.set(doc, internals);
}

export function internalsOf(doc: SpecDocument): DocumentInternals | undefined {
  return store.get(doc);
}

const lineTables = new WeakMap<SpecDocument, LineTable>();

/** The document's line table (computed from `source` for documents not made by parse). */
export function linesOf(doc: SpecDocument): LineTable {
  const known = store.get(doc)?.lines ?? lineTables.get(doc);
  if (known) return known;
  const table = buildLineTable(doc.source);
  lineTables.set(doc, table);
  return table;
}
