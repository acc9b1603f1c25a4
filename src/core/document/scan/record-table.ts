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
    if (!(width >= 1 && width <= 6)) throw new RangeError(`RecordTable width must be 1-6, got ${width}`);
    this.width = width;
    this.data = new Int32Array(width * 16);
    this.length = 0;
  }

  /**
   * Appends a row (missing columns are 0; tables are at most 6 wide); returns its index. Fixed
   * parameters, not a rest array: one array fewer per paragraph and list item scanned.
   */
  push(v0 = 0, v1 = 0, v2 = 0, v3 = 0, v4 = 0, v5 = 0): number {
    const w = this.width;
    if ((this.length + 1) * w > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const data = this.data;
    const base = this.length * w;
    data[base] = v0;
    if (w > 1) data[base + 1] = v1;
    if (w > 2) data[base + 2] = v2;
    if (w > 3) data[base + 3] = v3;
    if (w > 4) data[base + 4] = v4;
    if (w > 5) data[base + 5] = v5;
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
