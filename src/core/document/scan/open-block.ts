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

export class OpenBlock {
  contentIndent = 0;
  hasChildren = false;
  record = -1;
  fenceChar = 0;
  fenceLength = 0;
  fenceOffset = 0;
  htmlType = 0;
  startLine = 0;
  lastLine = 0;
  lastLazy = false;
  lastIndent = 0;
  topLevel = false;
  inItem = false;
  firstOfItem = -1;
  /** For a list item: the column where its container's content starts. */
  parentColumn = 0;
  /** For a definition block: its last line. */
  definitionEnd = 0;
  constructor(readonly kind: number) {}
}


export function isLeaf(kind: number): boolean {
  return kind >= PARAGRAPH;
}
