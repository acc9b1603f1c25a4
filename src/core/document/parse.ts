import { buildLineTable } from '../text/line-table.js';
import { buildCodeBlocks, buildComments, buildFields, buildListItems, buildTables, type BlockContext } from './build/blocks.js';
import { footerKeyOf, footerRange, locateFooter } from './build/footer.js';
import { detectFrontMatter } from './build/front-matter.js';
import { buildSectionIndex } from './build/section-index.js';
import { attachInternals } from './internals.js';
import { scanBlocks } from './scan/block-scanner.js';
import type { Field, Footer, FooterKey, SpecDocument } from './types.js';

/** Parses Markdown into a SpecDocument; never throws, for any string. */
export function parse(text: string): SpecDocument {
  const src = typeof text === 'string' ? text : String(text);
  const lines = buildLineTable(src);
  const frontMatter = detectFrontMatter(src, lines);
  const scan = scanBlocks(src, lines, frontMatter ? frontMatter.nextLine : 0);
  const footerAt = locateFooter(src, lines, scan);
  const index = buildSectionIndex(src, lines, scan, footerAt ? footerAt.start : src.length, footerAt !== null);
  const ctx: BlockContext = { src, lines, scan, index };
  const listItems = buildListItems(ctx);
  const fields = buildFields(ctx, listItems);
  let footer: Footer | null = null;
  if (footerAt) {
    const range = footerRange(lines, footerAt);
    const footerFields: Partial<Record<FooterKey, Field>> = {};
    for (const f of fields) {
      if (f.inList || !f.bold || f.range.start < range.start || f.range.end > range.end) continue;
      const key = footerKeyOf(f.label);
      if (key && !footerFields[key]) footerFields[key] = f;
    }
    footer = { fields: footerFields, range };
  }
  const doc: SpecDocument = {
    source: src,
    title: index.title,
    sections: index.sections,
    allSections: index.allSections,
    tables: buildTables(ctx),
    listItems,
    fields,
    codeBlocks: buildCodeBlocks(ctx),
    comments: buildComments(ctx, frontMatter ? frontMatter.range.end : 0),
    footer,
    frontMatter: frontMatter ? frontMatter.range : null,
  };
  attachInternals(doc, { lines, index });
  return doc;
}

/** The document's text, byte for byte (edits splice the source, so it is always current). */
export function serialize(doc: SpecDocument): string {
  return doc.source;
}
