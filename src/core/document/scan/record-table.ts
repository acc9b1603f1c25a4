/**
 * Fixed-width integer records in one growing Int32Array (row i, column c at i * width + c).
 * List items and paragraphs can number 100k in a document; plain objects for them made the
 * garbage collector a large part of parse time on big inputs.
 */
export class RecordTable {
  declare readonly width: number;
  declare private data: Int32Array;
  declare length: number;

  constructor(width: number) {
    this.width = width;
    this.data = new Int32Array(width * 16);
    this.length = 0;
  }

  /** Appends a row (missing columns are 0); returns its index. */
  push(...values: number[]): number {
    const w = this.width;
    if ((this.length + 1) * w > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const base = this.length * w;
    for (let c = 0; c < w; c++) this.data[base + c] = values[c] ?? 0;
    return this.length++;
  }

  get(row: number, column: number): number {
    return this.data[row * this.width + column] ?? 0;
  }

  set(row: number, column: number, value: number): void {
    this.data[row * this.width + column] = value;
  }
}

/** Columns of `BlockScan.items`. */
export const ITEM_LINE = 0;
export const ITEM_MARKER_START = 1;
export const ITEM_MARKER_END = 2;
/** Where the item's text starts on its first line (after the marker and its spaces). */
export const ITEM_TEXT_START = 3;
export const ITEM_DEPTH = 4;
export const ITEM_FLAGS = 5;
export const ITEM_WIDTH = 6;
export const ITEM_ORDERED = 1;
/** The item has any child block. */
export const ITEM_HAS_CONTENT = 2;
/** A child block starts after the item's first line. */
export const ITEM_HAS_NESTED = 4;

/** Columns of `BlockScan.paragraphs`. */
export const PARA_START = 0;
export const PARA_END = 1;
/** Index of the list item whose first line the paragraph starts on, or -1. */
export const PARA_FIRST_OF_ITEM = 2;
export const PARA_FLAGS = 3;
export const PARA_WIDTH = 4;
/** Not inside any block quote or list item. */
export const PARA_TOP_LEVEL = 1;
/** Inside a list item (at any depth). */
export const PARA_IN_ITEM = 2;
