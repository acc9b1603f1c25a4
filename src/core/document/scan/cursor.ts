/**
 * A position inside the current line, tracking both the code-unit offset and the virtual column
 * (tabs advance to the next multiple of 4), as CommonMark's container matching needs.
 */
export class LineCursor {
  declare src: string;
  declare lineEnd: number;
  declare offset: number;
  declare column: number;
  declare partiallyConsumedTab: boolean;
  declare nextNonspace: number;
  declare nextNonspaceColumn: number;
  declare indent: number;
  declare indented: boolean;
  declare blank: boolean;

  constructor() {
    this.src = '';
    this.lineEnd = 0;
    this.offset = 0;
    this.column = 0;
    this.partiallyConsumedTab = false;
    this.nextNonspace = 0;
    this.nextNonspaceColumn = 0;
    this.indent = 0;
    this.indented = false;
    this.blank = false;
  }

  /** Starts a new line at `start` (column 0). */
  reset(src: string, start: number, end: number): void {
    this.src = src;
    this.offset = start;
    this.lineEnd = end;
    this.column = 0;
    this.partiallyConsumedTab = false;
  }

  /** Code unit at `pos`, or -1 at or past the end of the line. */
  peek(pos: number): number {
    return pos < this.lineEnd ? this.src.charCodeAt(pos) : -1;
  }

  findNextNonspace(): void {
    const src = this.src;
    const end = this.lineEnd;
    let i = this.offset;
    let cols = this.column;
    while (i < end) {
      const c = src.charCodeAt(i);
      if (c === 32) {
        i++;
        cols++;
      } else if (c === 9) {
        i++;
        cols += 4 - (cols % 4);
      } else break;
    }
    this.blank = i >= end;
    this.nextNonspace = i;
    this.nextNonspaceColumn = cols;
    this.indent = cols - this.column;
    this.indented = this.indent >= 4;
  }

  advanceNextNonspace(): void {
    this.offset = this.nextNonspace;
    this.column = this.nextNonspaceColumn;
    this.partiallyConsumedTab = false;
  }

  /** Advances `count` code units, or `count` columns when `columns` is true (splitting tabs). */
  advanceOffset(count: number, columns: boolean): void {
    const src = this.src;
    while (count > 0 && this.offset < this.lineEnd) {
      const c = src.charCodeAt(this.offset);
      if (c === 9) {
        const charsToTab = 4 - (this.column % 4);
        if (columns) {
          this.partiallyConsumedTab = charsToTab > count;
          const charsToAdvance = charsToTab > count ? count : charsToTab;
          this.column += charsToAdvance;
          if (!this.partiallyConsumedTab) this.offset += 1;
          count -= charsToAdvance;
        } else {
          this.partiallyConsumedTab = false;
          this.column += charsToTab;
          this.offset += 1;
          count -= 1;
        }
      } else {
        this.partiallyConsumedTab = false;
        this.offset += 1;
        this.column += 1;
        count -= 1;
      }
    }
  }

  advanceToEnd(): void {
    this.column += this.lineEnd - this.offset;
    this.offset = this.lineEnd;
  }
}

export function isSpaceOrTab(c: number): boolean {
  return c === 32 || c === 9;
}

/** Index of the first non space/tab at or after `pos` (or `end`). */
export function skipSpaces(src: string, pos: number, end: number): number {
  while (pos < end) {
    const c = src.charCodeAt(pos);
    if (c !== 32 && c !== 9) break;
    pos++;
  }
  return pos;
}

/** Index just past the last non space/tab before `end` (or `start`). */
export function trimEndSpaces(src: string, start: number, end: number): number {
  while (end > start) {
    const c = src.charCodeAt(end - 1);
    if (c !== 32 && c !== 9) break;
    end--;
  }
  return end;
}
