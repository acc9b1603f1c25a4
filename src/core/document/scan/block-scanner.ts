/**
 * A block-level Markdown scanner that follows the CommonMark parsing strategy (container matching
 * line by line, then new block starts, then lazy continuation) and the GFM table extension, without
 * building an AST or parsing inlines. One pass over the lines; each line is looked at a bounded
 * number of times, so time is linear in the input.
 */
import type { LineTable } from '../../text/line-table.js';
import { LineCursor, isSpaceOrTab, skipSpaces, trimEndSpaces } from './cursor.js';
import { ForwardFinder, htmlBlockEnds, htmlBlockStartType } from './html-start.js';
import {
  delimiterRowColumns, headerCellCount, isThematicBreak, matchAtxHeading, matchClosingFence,
  matchOpeningFence, maybeSpecial, setextUnderlineLevel,
} from './leaf-starts.js';
import {
  DEFINITION, DOCUMENT, FENCE, HTML, INDENTED, ITEM, OpenBlock, PARAGRAPH, QUOTE, TABLE, isLeaf,
} from './open-block.js';
import {
  ITEM_FLAGS, ITEM_HAS_CONTENT, ITEM_HAS_NESTED, ITEM_LINE, ITEM_ORDERED, ITEM_WIDTH, PARA_IN_ITEM, PARA_TOP_LEVEL,
  PARA_WIDTH, RecordTable,
} from './record-table.js';
import type { BlockScan } from './records.js';
import { parseListMarker } from './list-marker.js';
import { definitionCandidateLines, mayStartDefinition, outdentedTerminator } from './lookahead.js';
import { definitionLineCount } from './reference-defs.js';

/** Results of continuing a block or trying block starts. */
const MATCHED = 0;
const FAILED = 1;
const CONSUMED = 2;
const CONTAINER = 3;
const LEAF = 4;
const NO_START = 5;

const MAX_DEFINITION_LINES = 16;

/** Scans the block structure of `src` from line `firstLine` (after any front matter). */
export function scanBlocks(src: string, lines: LineTable, firstLine: number): BlockScan {
  const scanner = new BlockScanner(src, lines, firstLine);
  for (let l = firstLine; l < lines.count; l++) scanner.scanLine(l);
  scanner.finish();
  return scanner.result;
}

class BlockScanner {
  readonly result: BlockScan;
  private readonly cur = new LineCursor();
  private readonly stack: OpenBlock[] = [new OpenBlock(DOCUMENT)];
  private readonly finder: ForwardFinder;
  /** Closed blocks, reused: records hold what the document needs, so open blocks can be recycled. */
  private readonly pool: OpenBlock[] = [];
  private itemDepth = 0;
  private allClosed = true;
  private lastMatched = 1;
  private line = 0;

  constructor(private readonly src: string, private readonly lines: LineTable, firstLine: number) {
    this.finder = new ForwardFinder(src);
    this.result = {
      firstLine, contentStart: new Int32Array(lines.count), headings: [], paragraphs: new RecordTable(PARA_WIDTH), items: new RecordTable(ITEM_WIDTH),
      fences: [], indentedCode: [], htmlBlocks: [], tables: [], thematicBreaks: [],
    };
  }

  scanLine(l: number): void {
    const cur = this.cur;
    const src = this.src;
    this.line = l;
    let start = this.lines.starts[l] ?? 0;
    if (start === 0 && src.charCodeAt(0) === 0xfeff) start = 1;
    cur.reset(src, start, this.lines.ends[l] ?? 0);
    const stack = this.stack;
    const last = stack[stack.length - 1] as OpenBlock;
    if (last.kind === DEFINITION) {
      if (l === last.definitionEnd) stack.pop();
      return;
    }
    let matched = 1;
    for (let i = 1; i < stack.length; i++) {
      cur.findNextNonspace();
      const r = this.continueBlock(stack[i] as OpenBlock);
      if (r === MATCHED) {
        matched = i + 1;
        continue;
      }
      if (r === CONSUMED) return;
      break;
    }
    this.allClosed = matched === stack.length;
    this.lastMatched = matched;
    let container = stack[matched - 1] as OpenBlock;
    let matchedLeaf = container.kind === FENCE || container.kind === INDENTED || container.kind === HTML;
    while (!matchedLeaf) {
      cur.findNextNonspace();
      if (!cur.indented && !maybeSpecial(cur.peek(cur.nextNonspace))) {
        cur.advanceNextNonspace();
        break;
      }
      const r = this.tryStarts(container);
      if (r === NO_START) {
        cur.advanceNextNonspace();
        break;
      }
      if (r === CONSUMED) return;
      container = this.top();
      if (r === LEAF) matchedLeaf = true;
    }
    this.finishLine(container);
  }

  finish(): void {
    while (this.stack.length > 1) this.pop();
  }

  private top(): OpenBlock {
    return this.stack[this.stack.length - 1] as OpenBlock;
  }

  private continueBlock(b: OpenBlock): number {
    const cur = this.cur;
    switch (b.kind) {
      case QUOTE:
        // markdown-it continues a block quote at a `>` whatever its indentation (CommonMark's
        // reference implementation stops at 4 spaces); the oracle for headings is markdown-it.
        if (cur.peek(cur.nextNonspace) === 62) {
          cur.advanceNextNonspace();
          cur.advanceOffset(1, false);
          if (isSpaceOrTab(cur.peek(cur.offset))) cur.advanceOffset(1, true);
          return MATCHED;
        }
        return FAILED;
      case ITEM:
        if (cur.blank) {
          if (!b.hasChildren) return FAILED;
          cur.advanceNextNonspace();
        } else if (cur.indent >= b.contentIndent) {
          cur.advanceOffset(b.contentIndent, true);
        } else return FAILED;
        return MATCHED;
      case FENCE: {
        if (cur.indent <= 3 && cur.peek(cur.nextNonspace) === b.fenceChar &&
            matchClosingFence(this.src, cur.nextNonspace, cur.lineEnd, b.fenceChar, b.fenceLength)) {
          const rec = this.result.fences[b.record];
          if (rec) {
            rec.endLine = this.line;
            rec.closed = true;
          }
          this.pop();
          return CONSUMED;
        }
        let i = b.fenceOffset;
        while (i > 0 && isSpaceOrTab(cur.peek(cur.offset))) {
          cur.advanceOffset(1, true);
          i--;
        }
        return MATCHED;
      }
      case INDENTED:
        if (cur.indent >= 4) cur.advanceOffset(4, true);
        else if (cur.blank) cur.advanceNextNonspace();
        else return FAILED;
        return MATCHED;
      case HTML:
        return cur.blank && b.htmlType >= 6 ? FAILED : MATCHED;
      default:
        return cur.blank ? FAILED : MATCHED;
    }
  }

  private tryStarts(container: OpenBlock): number {
    const cur = this.cur;
    const src = this.src;
    const nn = cur.nextNonspace;
    const end = cur.lineEnd;
    const c = cur.peek(nn);
    const tip = this.top();
    const inParagraph = container.kind === PARAGRAPH;
    if (cur.indented) {
      if ((tip.kind !== PARAGRAPH || outdentedTerminator(this.src, this.stack, this.lastMatched, this.cur, this.allClosed)) && !cur.blank) {
        cur.advanceOffset(4, true);
        this.closeUnmatched();
        this.addChild(INDENTED);
        this.result.indentedCode.push({ startLine: this.line, endLine: this.line });
        return LEAF;
      }
      return NO_START;
    }
    if (c === 62) {
      cur.advanceNextNonspace();
      cur.advanceOffset(1, false);
      if (isSpaceOrTab(cur.peek(cur.offset))) cur.advanceOffset(1, true);
      this.closeUnmatched();
      this.addChild(QUOTE);
      return CONTAINER;
    }
    if (c === 35) {
      const m = matchAtxHeading(src, nn, end);
      if (m) {
        this.closeUnmatched();
        this.addClosedChild();
        this.result.headings.push({
          level: m.level, style: 'atx', startLine: this.line, endLine: this.line,
          text: src.slice(m.textStart, m.textEnd), nested: this.stack.length > 1,
        });
        return CONSUMED;
      }
    }
    if (c === 96 || c === 126) {
      const length = matchOpeningFence(src, nn, end);
      if (length > 0) {
        this.closeUnmatched();
        const b = this.addChild(FENCE);
        b.fenceChar = c;
        b.fenceLength = length;
        b.fenceOffset = cur.indent;
        const infoStart = skipSpaces(src, nn + length, end);
        b.record = this.result.fences.length;
        this.result.fences.push({
          startLine: this.line, endLine: this.line, closed: false, infoStart, infoEnd: trimEndSpaces(src, infoStart, end),
        });
        return CONSUMED;
      }
    }
    if (c === 60) {
      const type = htmlBlockStartType(src, nn, end);
      if (type > 0 && (type < 7 || (!inParagraph && container.kind !== TABLE &&
          !(!this.allClosed && tip.kind === PARAGRAPH)))) {
        this.closeUnmatched();
        const b = this.addChild(HTML);
        b.htmlType = type;
        b.record = this.result.htmlBlocks.length;
        this.result.htmlBlocks.push({ startLine: this.line, endLine: this.line });
        return LEAF;
      }
    }
    if (container.kind === PARAGRAPH) {
      if ((c === 124 || c === 45 || c === 58) && this.tryTableStart(container)) return CONSUMED;
      if ((c === 61 || c === 45) && this.trySetext(container)) return CONSUMED;
    }
    if ((c === 42 || c === 45 || c === 95) && isThematicBreak(src, nn, end)) {
      this.closeUnmatched();
      this.addClosedChild();
      this.result.thematicBreaks.push({ line: this.line, topLevel: this.stack.length === 1 });
      return CONSUMED;
    }
    if ((c === 42 || c === 43 || c === 45 || (c >= 48 && c <= 57)) && this.tryListItem(inParagraph)) return CONTAINER;
    return NO_START;
  }

  private tryTableStart(para: OpenBlock): boolean {
    if (para.lastLazy || para.lastIndent >= 4) return false;
    const cur = this.cur;
    const columns = delimiterRowColumns(this.src, cur.nextNonspace, cur.lineEnd);
    if (columns === 0) return false;
    const header = para.lastLine;
    const cs = this.result.contentStart;
    if (headerCellCount(this.src, cs[header] ?? 0, this.lines.ends[header] ?? 0) !== columns) return false;
    cs[this.line] = cur.nextNonspace;
    this.closeUnmatched();
    // The paragraph's last line becomes the header; lines before it stay a paragraph.
    para.lastLine = header - 1;
    this.pop();
    const table = this.pushBlock(TABLE);
    table.record = this.result.tables.length;
    this.result.tables.push({ headerLine: header, delimiterLine: this.line, rowLines: [] });
    return true;
  }

  private trySetext(para: OpenBlock): boolean {
    const cur = this.cur;
    const level = setextUnderlineLevel(this.src, cur.nextNonspace, cur.lineEnd);
    if (level === 0) return false;
    this.closeUnmatched();
    const cs = this.result.contentStart;
    const ends = this.lines.ends;
    const parts: string[] = [];
    for (let x = para.startLine; x <= para.lastLine; x++) {
      const s = cs[x] ?? 0;
      const e = ends[x] ?? 0;
      const ts = skipSpaces(this.src, s, e);
      parts.push(this.src.slice(ts, trimEndSpaces(this.src, ts, e)));
    }
    const startLine = para.startLine;
    this.stack.pop();
    this.pool.push(para);
    this.result.headings.push({
      level, style: 'setext', startLine, endLine: this.line, text: parts.join('\n'),
      nested: this.stack.length > 1,
    });
    return true;
  }

  private tryListItem(inParagraph: boolean): boolean {
    const cur = this.cur;
    const marker = parseListMarker(cur, inParagraph);
    if (!marker) return false;
    this.closeUnmatched();
    const depth = this.itemDepth;
    const b = this.addChild(ITEM);
    b.contentIndent = marker.contentIndent;
    b.parentColumn = marker.parentColumn;
    b.record = this.result.items.push(
      this.line, marker.start, marker.end, cur.offset, depth, marker.ordered ? ITEM_ORDERED : 0,
    );
    return true;
  }

  private finishLine(container: OpenBlock): void {
    const cur = this.cur;
    const l = this.line;
    const tip = this.top();
    const cs = this.result.contentStart;
    if (!this.allClosed && !cur.blank && tip.kind === PARAGRAPH) {
      tip.lastLine = l;
      tip.lastLazy = true;
      cs[l] = cur.offset;
      return;
    }
    this.closeUnmatched();
    switch (container.kind) {
      case PARAGRAPH:
        container.lastLine = l;
        container.lastLazy = false;
        container.lastIndent = cur.indent;
        cs[l] = cur.offset;
        return;
      case FENCE: {
        cs[l] = cur.offset;
        const rec = this.result.fences[container.record];
        if (rec) rec.endLine = l;
        return;
      }
      case INDENTED: {
        cs[l] = cur.offset;
        const rec = this.result.indentedCode[this.result.indentedCode.length - 1];
        if (rec && !cur.blank) rec.endLine = l;
        return;
      }
      case HTML: {
        cs[l] = cur.offset;
        const rec = this.result.htmlBlocks[container.record];
        if (rec) rec.endLine = l;
        if (container.htmlType <= 5 && htmlBlockEnds(container.htmlType, this.finder, this.src, cur.offset, cur.lineEnd)) this.pop();
        return;
      }
      case TABLE:
        cs[l] = cur.offset;
        this.result.tables[container.record]?.rowLines.push(l);
        return;
      default:
        if (cur.offset < cur.lineEnd && !cur.blank) {
          if (this.src.charCodeAt(cur.offset) === 91 && mayStartDefinition(this.src, cur.offset, cur.lineEnd) && this.tryDefinition()) return;
          const parent = this.top();
          const b = this.addChild(PARAGRAPH);
          b.startLine = l;
          b.lastLine = l;
          b.lastIndent = cur.indent;
          b.topLevel = this.stack.length === 2;
          b.inItem = this.itemDepth > 0;
          const items = this.result.items;
          b.firstOfItem = parent.kind === ITEM && items.get(parent.record, ITEM_LINE) === l ? parent.record : -1;
          cs[l] = cur.offset;
        }
    }
  }

  /**
   * A link reference definition where a paragraph would start (markdown-it's reference rule): the
   * definition's lines are read ahead through the open containers, and the scanner then skips
   * them, so the next line starts a new block as in markdown-it.
   */
  private tryDefinition(): boolean {
    const l = this.line;
    const texts = definitionCandidateLines(this.src, this.lines, this.stack, l, this.cur.offset, MAX_DEFINITION_LINES);
    const used = definitionLineCount(texts);
    if (used === 0) return false;
    this.addClosedChild();
    if (used > 1) {
      const def = this.pushBlock(DEFINITION);
      def.definitionEnd = l + used - 1;
    }
    return true;
  }

  private closeUnmatched(): void {
    if (this.allClosed) return;
    while (this.stack.length > this.lastMatched) this.pop();
    this.allClosed = true;
  }

  private pushBlock(kind: number): OpenBlock {
    const b = this.pool.pop()?.reset(kind) ?? new OpenBlock(kind);
    if (kind === ITEM) this.itemDepth++;
    this.stack.push(b);
    return b;
  }

  /** Closes open leaves, then opens a child block in the innermost container. */
  private addChild(kind: number): OpenBlock {
    this.addClosedChild();
    return this.pushBlock(kind);
  }

  /** Closes open leaves and notes that the innermost container got a child (headings, breaks). */
  private addClosedChild(): void {
    while (isLeaf(this.top().kind)) this.pop();
    const parent = this.top();
    if (parent.kind === ITEM) {
      parent.hasChildren = true;
      const items = this.result.items;
      if (items.get(parent.record, ITEM_LINE) < this.line) {
        items.set(parent.record, ITEM_FLAGS, items.get(parent.record, ITEM_FLAGS) | ITEM_HAS_NESTED);
      }
    }
  }

  private pop(): void {
    const b = this.stack.pop();
    if (!b) return;
    if (b.kind === PARAGRAPH) this.recordParagraph(b);
    else if (b.kind === ITEM) {
      this.itemDepth--;
      const items = this.result.items;
      if (b.hasChildren) items.set(b.record, ITEM_FLAGS, items.get(b.record, ITEM_FLAGS) | ITEM_HAS_CONTENT);
    }
    this.pool.push(b);
  }

  private recordParagraph(b: OpenBlock): void {
    if (b.startLine > b.lastLine) return;
    this.result.paragraphs.push(
      b.startLine, b.lastLine, b.firstOfItem, (b.topLevel ? PARA_TOP_LEVEL : 0) | (b.inItem ? PARA_IN_ITEM : 0),
    );
  }
}
