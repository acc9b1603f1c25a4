import { buildLineTable, rangeFromLines } from '../text/line-table.js';
import { buildCodeBlocks, buildComments, buildFields, buildListItems, buildTables, type BlockContext } from './build/blocks.js';
import { matchField } from './build/fields.js';
import { footerKeyOf, footerRange, locateFooter, type FooterLocation } from './build/footer.js';
import { detectFrontMatter } from './build/front-matter.js';
import { buildSectionIndex } from './build/section-index.js';
import { attachInternals } from './internals.js';
import { scanBlocks } from './scan/block-scanner.js';
import type { Field, Footer, FooterKey, ListItem, SpecDocument } from './types.js';

/** Parses Markdown into a SpecDocument; never throws, for any string. */
export function parse(text: string): SpecDocument {
  const src = typeof text === 'string' ? text : String(text);
  const lines = buildLineTable(src);
  const frontMatter = detectFrontMatter(src, lines);
  const scan = scanBlocks(src, lines, frontMatter ? frontMatter.nextLine : 0);
  const footerAt = locateFooter(src, lines, scan);
  const index = buildSectionIndex(src, lines, scan, footerAt ? footerAt.start : src.length, footerAt !== null, footerAt ? footerAt.startLine : -1);
  const ctx: BlockContext = { src, lines, scan, index };
  // Block lists are built on first read (then kept): parsing for sections alone stays cheap.
  let listItems: ListItem[] | undefined;
  const items = (): ListItem[] => (listItems ??= buildListItems(ctx));
  const doc = Object.defineProperties({} as SpecDocument, {
    source: { value: src, enumerable: true },
    title: { value: index.title, enumerable: true },
    sections: { value: index.sections, enumerable: true },
    allSections: { value: index.allSections, enumerable: true },
    tables: lazy(() => buildTables(ctx)),
    listItems: lazy(items),
    fields: lazy(() => buildFields(ctx, items())),
    codeBlocks: lazy(() => buildCodeBlocks(ctx)),
    comments: lazy(() => buildComments(ctx, frontMatter ? frontMatter.range.end : 0)),
    footer: { value: footerAt ? buildFooter(src, ctx, footerAt) : null, enumerable: true },
    frontMatter: { value: frontMatter ? frontMatter.range : null, enumerable: true },
  });
  attachInternals(doc, { lines, index });
  return doc;
}

function lazy<T>(make: () => T): PropertyDescriptor {
  let value: T | undefined;
  let made = false;
  return {
    enumerable: true,
    get(): T | undefined {
      if (!made) {
        value = make();
        made = true;
      }
      return value;
    },
  };
}

function buildFooter(src: string, ctx: BlockContext, at: FooterLocation): Footer {
  const { lines, scan } = ctx;
  const fields: Partial<Record<FooterKey, Field>> = {};
  for (let l = at.paragraphStart; l <= at.paragraphEnd; l++) {
    const s = scan.contentStart[l] ?? 0;
    const m = matchField(src, s, lines.ends[l] ?? s, false);
    const key = m ? footerKeyOf(m.label) : undefined;
    if (!m || !key || fields[key]) continue;
    fields[key] = {
      sectionPath: '', label: m.label, bold: true, inList: false, value: src.slice(m.valueStart, m.valueEnd),
      valueRange: rangeFromLines(m.valueStart, m.valueEnd, l, l),
      range: rangeFromLines(m.start, Math.max(m.valueEnd, m.colonEnd), l, l),
    };
  }
  return { fields, range: footerRange(lines, at) };
}

/** The document's text, byte for byte (edits splice the source, so it is always current). */
export function serialize(doc: SpecDocument): string {
  return doc.source;
}
