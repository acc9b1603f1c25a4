import type { SpecDocument } from '../document/types.js';

/** A heading with a `[placeholder]` (e.g. `Feature: [Feature Name]`): matches any heading of that shape. */
export interface HeadingPattern {
  /** Lower-cased text before the placeholder, trimmed (e.g. `feature:`). */
  readonly prefix: string;
  /** Lower-cased text after the placeholder, trimmed. */
  readonly suffix: string;
  /** The placeholder as written, brackets included (e.g. `[Feature Name]`). */
  readonly placeholder: string;
}

/** A table row of the template with at least one empty cell: a blank to fill or delete. */
export interface TemplateBlankRow {
  /** Cell texts, trimmed ('' for the empty ones). */
  readonly cells: readonly string[];
}

export interface TemplateField {
  readonly label: string;
  /** The template's own value ('' for a blank). */
  readonly value: string;
}

/** One section of a template, with what lint needs to tell a filled section from an untouched one. */
export interface TemplateSection {
  /** Slug used for matching: heading text without "(Optional)", slugged like GitHub (no -1 suffixes). */
  readonly key: string;
  /** Keys of the section and its ancestors joined by `/`. */
  readonly path: string;
  /** The section's path in the parsed template document (what `findSection` takes). */
  readonly docPath: string;
  /** Heading text as written, without an "(Optional)" suffix. */
  readonly heading: string;
  readonly level: number;
  /** Marked "(Optional)" or with `<!-- specboard: optional -->`: lint does not require it. */
  readonly optional: boolean;
  readonly required: boolean;
  readonly pattern: HeadingPattern | null;
  /** The template's own body of the section (without subsections), as written. */
  readonly body: string;
  /** Texts of the template's `<!-- -->` comments in this section (optional markers excluded). */
  readonly placeholderComments: readonly string[];
  readonly blankTableRows: readonly TemplateBlankRow[];
  readonly fields: readonly TemplateField[];
  /** Contents of the template's code blocks here (example diagrams, schemas...). */
  readonly codeBlocks: readonly string[];
  readonly children: readonly TemplateSection[];
  readonly parent: TemplateSection | null;
}

export interface TemplateStructure {
  /** Title heading text, if the template has one. */
  readonly title: string | null;
  /** Top-level sections as a tree. */
  readonly sections: readonly TemplateSection[];
  /** Every section in document order. */
  readonly allSections: readonly TemplateSection[];
}

/** A template: any Markdown file, plus the structure derived from it once. */
export interface Template {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  /** The template's exact text. */
  readonly source: string;
  /** The template parsed as a document. */
  readonly document: SpecDocument;
  readonly structure: TemplateStructure;
}
