import { firstTextLine, normalizeBlock, normalizeInline } from '../templates/normalize.js';
import { headingPattern } from '../templates/heading-pattern.js';
import { isOptionalMarkerText } from '../templates/optional-marker.js';
import type { Template, TemplateSection } from '../templates/types.js';
import { paragraphBlocks } from './paragraphs.js';
import type { RuleId } from './types.js';

/** Blank counts of the untouched template: template section path ('' for the document) -> rule -> count. */
export type Baseline = ReadonlyMap<string, ReadonlyMap<RuleId, number>>;

/** What lint compares documents with, derived once per template object. */
export interface LintIndex {
  /** normalizeInline of each template comment (optional markers excluded). */
  readonly commentTexts: ReadonlySet<string>;
  /** normalizeBlock of each non-empty template code block. */
  readonly codeBlocks: ReadonlySet<string>;
  /** Their first lines (firstTextLine), to skip normalizing blocks that cannot match. */
  readonly codeBlockFirstLines: ReadonlySet<string>;
  /** rowKey of each template table row with an empty cell. */
  readonly blankRows: ReadonlySet<string>;
  /** normalizeBlock of the template's free-text paragraphs (example prose). */
  readonly exampleParagraphs: ReadonlySet<string>;
  readonly sectionByPath: ReadonlyMap<string, TemplateSection>;
  /** The template's title (normalizeInline) and its `[placeholder]`, if it has a title. */
  readonly title: { readonly text: string; readonly placeholder: string | null } | null;
  /** Filled in lazily by the engine (it needs the rules). */
  baseline: Baseline | null;
}

const cache = new WeakMap<Template, LintIndex>();

/** The template's lint index, computed on first use and cached by template object. */
export function getLintIndex(template: Template): LintIndex {
  let index = cache.get(template);
  if (!index) {
    index = buildIndex(template);
    cache.set(template, index);
  }
  return index;
}

/** The key a table row is compared by: trimmed, case-folded cells. */
export function rowKey(cells: readonly string[]): string {
  return cells.map(normalizeInline).join('\u0001');
}

function buildIndex(template: Template): LintIndex {
  const doc = template.document;
  const footerStart = doc.footer ? doc.footer.range.start : Infinity;
  const commentTexts = new Set<string>();
  for (const c of doc.comments) {
    if (c.range.start < footerStart && !isOptionalMarkerText(c.text)) commentTexts.add(normalizeInline(c.text));
  }
  const codeBlocks = new Set<string>();
  for (const b of doc.codeBlocks) {
    const text = normalizeBlock(b.content);
    if (text !== '' && b.range.start < footerStart) codeBlocks.add(text);
  }
  const codeBlockFirstLines = new Set([...codeBlocks].map(firstTextLine));
  const blankRows = new Set<string>();
  for (const section of template.structure.allSections) {
    for (const row of section.blankTableRows) blankRows.add(rowKey(row.cells));
  }
  const exampleParagraphs = new Set(paragraphBlocks(doc).map((p) => p.text).filter((t) => t !== ''));
  return {
    commentTexts,
    codeBlocks,
    codeBlockFirstLines,
    blankRows,
    exampleParagraphs,
    sectionByPath: new Map(template.structure.allSections.map((s) => [s.path, s])),
    title: doc.title ? { text: normalizeInline(doc.title.text), placeholder: headingPattern(doc.title.text)?.placeholder ?? null } : null,
    baseline: null,
  };
}
