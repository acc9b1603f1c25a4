/** What the block scanner reports: records with 0-based line indexes and source offsets. */
import type { RecordTable } from './record-table.js';

export interface HeadingRecord {
  level: number;
  style: 'atx' | 'setext';
  /** First line (for setext, the first text line). */
  startLine: number;
  /** Last line (for setext, the underline). */
  endLine: number;
  text: string;
  /** Inside a block quote or list item (such headings get slugs but do not start sections). */
  nested: boolean;
}

export interface FenceRecord {
  startLine: number;
  /** The closing fence line, or the last line of the block when unclosed. */
  endLine: number;
  closed: boolean;
  infoStart: number;
  infoEnd: number;
}

export interface TableRecord {
  headerLine: number;
  delimiterLine: number;
  rowLines: number[];
}

export interface LineSpanRecord {
  startLine: number;
  endLine: number;
}

export interface ThematicBreakRecord {
  line: number;
  topLevel: boolean;
}

export interface BlockScan {
  /** First line scanned (after front matter). */
  firstLine: number;
  /** Per line: where the innermost block's content starts (after container markers/indent). */
  contentStart: Int32Array;
  headings: HeadingRecord[];
  /** Paragraph lines (columns PARA_* in record-table.ts), in document order. */
  paragraphs: RecordTable;
  /** List items (columns ITEM_* in record-table.ts), in document order. */
  items: RecordTable;
  fences: FenceRecord[];
  indentedCode: LineSpanRecord[];
  htmlBlocks: LineSpanRecord[];
  tables: TableRecord[];
  thematicBreaks: ThematicBreakRecord[];
}
