/**
 * serialize(parse(text)) === text, byte for byte, for any JavaScript string: line endings of every
 * kind, BOM, tabs, trailing spaces, no final newline, lone surrogates, HTML, front matter.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, positionAt, serialize } from '../../../src/core/document/index.js';
import { BUILTIN_TEMPLATE_DATA } from '../../../src/core/templates/builtin-data.generated.js';

/** Any UTF-16 code units, lone surrogates and NUL included. */
const anyUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 }).map((units) => String.fromCharCode(...units));

const PIECES = [
  '# Title', '## Section', 'text', '- item', '- [ ] task', '| a | b |', '|---|---|', '```js', '```', '~~~', '<!-- c -->',
  '<div>', '</div>', '> quote', '    code', '\tcode', '---', '===', '**Author**: me', '\uFEFF', '\uD800', '\uDC00', '😀',
  'trailing   ', '\t', ' ', '', '\u0000', 'é', '[a]: /b', '1. one', '***',
];
const markdownish = fc
  .array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom('\n', '\r\n', '\r', '')), { maxLength: 40 })
  .map((parts) => parts.map(([p, eol]) => p + eol).join(''));

describe('round trip', () => {
  it('serialize(parse(s)) returns any string unchanged (arbitrary UTF-16, lone surrogates)', () => {
    fc.assert(fc.property(anyUnits, (s) => serialize(parse(s)) === s), { numRuns: 2000 });
  }, 30_000);

  it('serialize(parse(s)) returns Markdown-like text unchanged (mixed CRLF/LF/CR, BOM, tabs, no final newline)', () => {
    fc.assert(fc.property(markdownish, (s) => serialize(parse(s)) === s), { numRuns: 2000 });
  }, 30_000);

  it('front matter, BOM and HTML survive byte for byte', () => {
    const text = '\uFEFF---\r\ntitle: x\r\n---\r\n# T\r\n<div>\n  <b>x</b>\n</div>\n\t- a  \n\uD83D';
    const doc = parse(text);
    expect(serialize(doc)).toBe(text);
    expect(doc.frontMatter).not.toBeNull();
  });

  it('the built-in template round-trips byte for byte (no final newline, trailing spaces)', () => {
    for (const t of BUILTIN_TEMPLATE_DATA) {
      expect(serialize(parse(t.source))).toBe(t.source);
      const crlf = t.source.replace(/\n/g, '\r\n');
      expect(serialize(parse(crlf))).toBe(crlf);
    }
  });

  it('every range has the lines of its offsets (startLine of start, endLine of the last code unit)', () => {
    fc.assert(
      fc.property(markdownish, (s) => {
        const doc = parse(s);
        const ranges = [
          ...doc.allSections.flatMap((x) => [x.range, x.body, x.heading.range]), ...doc.tables.map((t) => t.range),
          ...doc.listItems.map((i) => i.range), ...doc.fields.map((f) => f.range), ...doc.codeBlocks.map((c) => c.range),
          ...doc.comments.map((c) => c.range), ...(doc.footer ? [doc.footer.range] : []),
        ];
        for (const r of ranges) {
          expect(r.startLine).toBe(positionAt(doc, r.start).line);
          expect(r.endLine).toBe(r.end > r.start ? positionAt(doc, r.end - 1).line : r.startLine);
        }
      }),
      { numRuns: 1500 },
    );
  }, 30_000);

  it('parse never throws and ranges stay inside the text', () => {
    fc.assert(
      fc.property(fc.oneof(anyUnits, markdownish), (s) => {
        const doc = parse(s);
        const ranges = [
          ...doc.allSections.flatMap((x) => [x.range, x.body, x.heading.range]),
          ...doc.tables.map((t) => t.range), ...doc.listItems.map((i) => i.range), ...doc.fields.map((f) => f.valueRange),
          ...doc.codeBlocks.map((c) => c.range), ...doc.comments.map((c) => c.range),
        ];
        for (const r of ranges) {
          expect(r.start).toBeGreaterThanOrEqual(0);
          expect(r.end).toBeGreaterThanOrEqual(r.start);
          expect(r.end).toBeLessThanOrEqual(s.length);
          expect(r.endLine).toBeGreaterThanOrEqual(r.startLine);
        }
      }),
      { numRuns: 1000 },
    );
  }, 30_000);
});
