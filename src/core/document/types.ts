/**
 * The document model's public types: the contract between the parser, the edit functions, lint,
 * the server, the CLI and the web client. Offsets are UTF-16 code-unit indexes into `source`
 * (what JavaScript strings use); lines and columns are 1-based. `end` offsets are exclusive.
 */

/** A span of the source text. */
export interface SourceRange {
  /** Offset of the first code unit. */
  readonly start: number;
  /** Offset just past the last code unit (exclusive). */
  readonly end: number;
  /** 1-based line of `start`. */
  readonly startLine: number;
  /** 1-based line of the last code unit (inclusive); equals startLine for one-line spans. */
  readonly endLine: number;
}

/** A point in the source, as lint reports it. */
export interface SourcePosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

export interface Heading {
  /** 1 to 6. */
  readonly level: number;
  /** The heading's text as written (inline Markdown kept), without `#` marks or setext underline. */
  readonly text: string;
  readonly style: 'atx' | 'setext';
  /** The heading line(s), including the setext underline, excluding the final line ending. Block
   * ranges (tables, rows, cells, list items, fields, code blocks, footer) likewise exclude it. */
  readonly range: SourceRange;
}

export interface Section {
  readonly heading: Heading;
  /** GitHub-style slug of this heading (github-slugger, with -1, -2 for duplicates across the document). */
  readonly slug: string;
  /** Slugs of the heading and its ancestors (title excluded), joined by `/`. */
  readonly path: string;
  /** The section's own content: from the line after the heading to the next heading of any level
   * (whole lines, line endings included; it stops where the status footer starts). */
  readonly body: SourceRange;
  /** The whole section: heading, body and all subsections (to the next heading of the same or a
   * higher level, or the footer). */
  readonly range: SourceRange;
  readonly children: readonly Section[];
  /** True when the heading ends with `(Optional)` or carries an `<!-- optional -->` /
   * `<!-- specboard: optional -->` comment (in the heading or on the body's first line). */
  readonly optional: boolean;
}

export interface TableCell {
  /** Cell text, trimmed, with `\|` kept as written. */
  readonly text: string;
  /** The cell's content span (trimmed); an empty cell has start === end. */
  readonly range: SourceRange;
}

export interface TableRow {
  /** Cells as written: a row may have fewer or more cells than the header. */
  readonly cells: readonly TableCell[];
  readonly range: SourceRange;
}

export interface Table {
  /** Path of the section the table is in ('' before the first section). */
  readonly sectionPath: string;
  readonly header: TableRow;
  readonly align: readonly ('left' | 'center' | 'right' | null)[];
  readonly rows: readonly TableRow[];
  readonly range: SourceRange;
}

export interface ListItem {
  readonly sectionPath: string;
  /** `-`, `*`, `+`, or `1.` / `1)` style marker as written. */
  readonly marker: string;
  readonly ordered: boolean;
  /** Nesting depth, 0 for top-level items. */
  readonly depth: number;
  /** null when not a task item; otherwise whether it is checked. */
  readonly task: { readonly checked: boolean; readonly range: SourceRange } | null;
  /** The item's first-line text after the marker (and after `[ ]`), trimmed. */
  readonly text: string;
  /** True when the item has no text and no nested content. */
  readonly empty: boolean;
  /** The item's first line, from the marker. */
  readonly range: SourceRange;
}

/** A `Label: value` list item or a `**Label**: value` line outside lists. */
export interface Field {
  readonly sectionPath: string;
  readonly label: string;
  readonly bold: boolean;
  readonly inList: boolean;
  /** The value, trimmed ('' when blank). */
  readonly value: string;
  /** Span of the value text; when blank, an empty span where a value would be written. */
  readonly valueRange: SourceRange;
  readonly range: SourceRange;
}

export interface CodeBlock {
  readonly sectionPath: string;
  /** Fenced code blocks only. The info string's first word ('' when none). */
  readonly lang: string;
  /** The code between the fences. */
  readonly content: string;
  readonly range: SourceRange;
}

export interface HtmlComment {
  readonly sectionPath: string;
  /** The text between `<!--` and `-->`, trimmed. */
  readonly text: string;
  readonly range: SourceRange;
}

/** The footer fields the server keeps true. */
export type FooterKey = 'status' | 'author' | 'lastUpdated' | 'reviewers' | 'approvalDate';

export const FOOTER_LABELS: Readonly<Record<FooterKey, string>> = {
  status: 'Document Status',
  author: 'Author',
  lastUpdated: 'Last Updated',
  reviewers: 'Reviewers',
  approvalDate: 'Approval Date',
};

export interface Footer {
  /** Present fields only; values trimmed as in Field. */
  readonly fields: Readonly<Partial<Record<FooterKey, Field>>>;
  readonly range: SourceRange;
}

export interface SpecDocument {
  /** The exact input text; serialize(doc) returns it. */
  readonly source: string;
  /** The first H1 (the document title), if any; it is not part of section paths. */
  readonly title: Heading | null;
  /** Top-level sections (H2 and below when there is a title H1) as a tree. */
  readonly sections: readonly Section[];
  /** Every section in document order. */
  readonly allSections: readonly Section[];
  /** tables, listItems, fields, codeBlocks and comments are computed on first read (then kept). */
  readonly tables: readonly Table[];
  readonly listItems: readonly ListItem[];
  readonly fields: readonly Field[];
  readonly codeBlocks: readonly CodeBlock[];
  readonly comments: readonly HtmlComment[];
  readonly footer: Footer | null;
  /** YAML front matter (`---` … `---` at the very start), if any. */
  readonly frontMatter: SourceRange | null;
}
