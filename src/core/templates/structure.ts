import type { Section, SpecDocument, SourceRange } from '../document/types.js';
import { headingPattern } from './heading-pattern.js';
import { hasOptionalSuffix, isOptionalMarkerLine, isOptionalMarkerText, matchKey, stripOptionalSuffix } from './optional-marker.js';
import type { TemplateBlankRow, TemplateField, TemplateSection, TemplateStructure } from './types.js';

interface MutableSection extends Omit<TemplateSection, 'required' | 'children' | 'parent' | 'placeholderComments' | 'blankTableRows' | 'fields' | 'codeBlocks'> {
  required: boolean;
  children: MutableSection[];
  parent: MutableSection | null;
  placeholderComments: string[];
  blankTableRows: TemplateBlankRow[];
  fields: TemplateField[];
  codeBlocks: string[];
}

/** Derives a template's sections and blanks from its parsed document (done once per template). */
export function deriveStructure(doc: SpecDocument): TemplateStructure {
  const all: MutableSection[] = [];
  const byDocPath = new Map<string, MutableSection>();
  const build = (section: Section, parent: MutableSection | null): MutableSection => {
    const key = matchKey(section.heading.text);
    const node: MutableSection = {
      key,
      path: parent ? `${parent.path}/${key}` : key,
      docPath: section.path,
      heading: stripOptionalSuffix(section.heading.text),
      level: section.heading.level,
      optional: isOptionalSection(doc.source, section),
      required: false,
      pattern: headingPattern(stripOptionalSuffix(section.heading.text)),
      body: ownBody(doc, section),
      placeholderComments: [],
      blankTableRows: [],
      fields: [],
      codeBlocks: [],
      children: [],
      parent,
    };
    node.required = !node.optional;
    all.push(node);
    byDocPath.set(section.path, node);
    for (const child of section.children) node.children.push(build(child, node));
    return node;
  };
  const roots = doc.sections.map((s) => build(s, null));

  const inFooter = (range: SourceRange): boolean => doc.footer !== null && range.start >= doc.footer.range.start;
  for (const comment of doc.comments) {
    const node = byDocPath.get(comment.sectionPath);
    if (node && !inFooter(comment.range) && !isOptionalMarkerText(comment.text)) node.placeholderComments.push(comment.text);
  }
  for (const table of doc.tables) {
    const node = byDocPath.get(table.sectionPath);
    if (!node || inFooter(table.range)) continue;
    for (const row of table.rows) {
      const cells = row.cells.map((c) => c.text);
      if (cells.some((c) => c === '')) node.blankTableRows.push({ cells });
    }
  }
  for (const field of doc.fields) {
    const node = byDocPath.get(field.sectionPath);
    if (node && !inFooter(field.range)) node.fields.push({ label: field.label, value: field.value });
  }
  for (const block of doc.codeBlocks) {
    const node = byDocPath.get(block.sectionPath);
    if (node && !inFooter(block.range)) node.codeBlocks.push(block.content);
  }
  return { title: doc.title?.text ?? null, sections: roots, allSections: all };
}

/**
 * "(Optional)" at the end of the heading, or the marker comment on the very next line: the two
 * documented markers, decided here rather than by Section.optional so templates follow exactly
 * the rule docs/lint-rules.md states.
 */
function isOptionalSection(source: string, section: Section): boolean {
  if (hasOptionalSuffix(section.heading.text)) return true;
  const next = lineAfter(source, section.heading.range.end);
  return next !== null && isOptionalMarkerLine(next);
}

/** The line following the line that ends at `eol` (an offset at a line ending), or null. */
function lineAfter(source: string, eol: number): string | null {
  let start = eol;
  if (source.charCodeAt(start) === 13) start += 1;
  if (source.charCodeAt(start) === 10) start += 1;
  if (start === eol || start >= source.length) return null;
  let end = start;
  while (end < source.length) {
    const c = source.charCodeAt(end);
    if (c === 10 || c === 13) break;
    end += 1;
  }
  return source.slice(start, end);
}

/** The section's own body text: up to its first subsection, and never into the footer. */
function ownBody(doc: SpecDocument, section: Section): string {
  let end = section.children[0]?.range.start ?? section.range.end;
  if (doc.footer && doc.footer.range.start < end && doc.footer.range.start >= section.body.start) end = doc.footer.range.start;
  return doc.source.slice(section.body.start, Math.max(section.body.start, end));
}
