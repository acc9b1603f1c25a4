/** The blocks the scanner keeps open while it reads lines (CommonMark's open block tree, flattened). */

export const DOCUMENT = 0;
export const QUOTE = 1;
export const ITEM = 2;
export const PARAGRAPH = 3;
export const FENCE = 4;
export const INDENTED = 5;
export const HTML = 6;
export const TABLE = 7;
/** Lines of a multi-line link reference definition, skipped as a whole. */
export const DEFINITION = 8;

/**
 * One open block. Fields are assigned in the constructor (not as class field initializers, which
 * cost much more per object in Node 20's V8); the scanner creates one per block.
 */
export class OpenBlock {
  declare kind: number;
  declare contentIndent: number;
  declare hasChildren: boolean;
  declare record: number;
  declare fenceChar: number;
  declare fenceLength: number;
  declare fenceOffset: number;
  declare htmlType: number;
  declare startLine: number;
  declare lastLine: number;
  declare lastLazy: boolean;
  declare lastIndent: number;
  declare topLevel: boolean;
  declare inItem: boolean;
  declare firstOfItem: number;
  /** For a list item: the column where its container's content starts. */
  declare parentColumn: number;
  /** For a definition block: its last line. */
  declare definitionEnd: number;

  constructor(kind: number) {
    this.kind = kind;
    this.init();
  }

  /** Makes a recycled block new again. */
  reset(kind: number): this {
    this.kind = kind;
    this.init();
    return this;
  }

  private init(): void {
    this.contentIndent = 0;
    this.hasChildren = false;
    this.record = -1;
    this.fenceChar = 0;
    this.fenceLength = 0;
    this.fenceOffset = 0;
    this.htmlType = 0;
    this.startLine = 0;
    this.lastLine = 0;
    this.lastLazy = false;
    this.lastIndent = 0;
    this.topLevel = false;
    this.inItem = false;
    this.firstOfItem = -1;
    this.parentColumn = 0;
    this.definitionEnd = 0;
  }
}

export function isLeaf(kind: number): boolean {
  return kind >= PARAGRAPH;
}
