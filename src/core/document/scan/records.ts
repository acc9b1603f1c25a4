/** What the block scanner reports: plain records with 0-based line indexes and source offsets. */

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

export interface ParagraphRecord {
  startLine: number;
  endLine: number;
  /** Not inside any block quote or list item. */
  topLevel: boolean;
  /** Inside a list item (at any depth). */
  inItem: boolean;
  /** Index of the list item whose first line this paragraph starts on, or -1. */
  firstOfItem: number;
}

export interface ItemRecord {
  line: number;
  markerStart: number;
  markerEnd: number;
  /** Where the item's text starts on its first line (after the marker and its spaces). */
  textStart: number;
  depth: number;
  ordered: boolean;
  hasContent: boolean;
  /** A child block starts after the item's first line. */
  hasNested: boolean;
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
  paragraphs: ParagraphRecord[];
  items: ItemRecord[];
  fences: FenceRecord[];
  indentedCode: LineSpanRecord[];
  htmlBlocks: LineSpanRecord[];
  tables: TableRecord[];
  thematicBreaks: ThematicBreakRecord[];
}
