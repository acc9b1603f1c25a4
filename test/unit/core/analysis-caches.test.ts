// Parse and lint keep results that repeat from save to save (heading slugs by heading text; blank
// counts, key counts and resolved rules by template and config). These caches must never change a
// result: random edits of several specs are parsed and linted with warm caches and compared with
// what cold caches (a fresh template object, an explicit config, a fresh slugger) give.
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../bench/corpus/prng.js';
import { generateSpec } from '../../../bench/corpus/generate.js';
import { detectFrontMatter } from '../../../src/core/document/build/front-matter.js';
import { inlinePlainText } from '../../../src/core/document/inline/plain-text.js';
import { DocumentSlugger } from '../../../src/core/document/inline/slug.js';
import { scanBlocks } from '../../../src/core/document/scan/block-scanner.js';
import { getBuiltinTemplate, parse, templateFromMarkdown, type SpecDocument, type Template } from '../../../src/core/index.js';
import { lint } from '../../../src/core/lint/index.js';
import { buildLineTable } from '../../../src/core/text/line-table.js';

const MESSY = [
  '---',
  'title: front matter',
  '---',
  'Setext Title',
  '============',
  '',
  '## Overview',
  '',
  '```sh',
  '# not a heading',
  '## nor this',
  '```',
  '',
  'Purpose',
  '-------',
  '',
  '- **Owner**: ',
  '- TODO: fill in',
  '- [ ] Question 1: ',
  '',
  '| A | B |',
  '|---|---|',
  '|   |   |',
  '| x | y |',
  '',
  '## Overview',
  '',
  '> ## Quoted `heading` [link](https://example.com)',
  '',
  '### Scope (Optional)',
  '<!-- specboard: optional -->',
  '',
  '## Open Questions',
  '- [ ] Is it *done*?',
  '',
  '---',
  '**Document Status**: Draft',
  '**Author**: ',
  '**Last Updated**: 2025-01-01',
  '**Reviewers**: ',
].join('\r\n');

/** Lines an edit inserts or substitutes: headings (repeated, marked up, optional), fields, tables, fences, footer lines. */
const SNIPPETS = [
  '## Overview', '### Purpose', '## Risks & Mitigations', '#### Feature: [Feature Name]', '## `code` *heading* <b>x</b>',
  '## Open Questions', '### Scope (Optional)', 'Setext heading', '---', '===', '```', '```graphql', '# inside fence?',
  '- **Description**: ', '- Label:', '- [ ] Question 2: what?', '- [x] done', '* item', '1. first', '   nested text',
  '| Method | Endpoint |', '|--------|----------|', '|  |  |', 'TODO TBD FIXME', '<<[UNRESOLVED x ]>>',
  '<!-- What is included and excluded from this specification -->', '**Document Status**: In Review', '**Author**: Ada',
  '', '', 'Plain prose that fills a section.', '> quoted', '    indented code', '\t# tab heading', '## Überblick', '## 设计',
];

function edit(text: string, rng: Prng): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  const at = rng.int(0, lines.length);
  const snippet = rng.pick(SNIPPETS);
  const kind = rng.int(0, 3);
  if (kind === 0) lines.splice(at, 0, snippet);
  else if (kind === 1) lines.splice(at, 1);
  else if (kind === 2) lines.splice(at, 1, snippet);
  else lines.splice(at, 0, `${lines[at] ?? ''} and more`);
  return lines.join(eol);
}

/** Section slugs as a fresh slugger numbers them over every heading (nested ones and the title included). */
function freshSlugs(text: string): string[] {
  const lines = buildLineTable(text);
  const frontMatter = detectFrontMatter(text, lines);
  const scan = scanBlocks(text, lines, frontMatter ? frontMatter.nextLine : 0);
  const slugger = new DocumentSlugger();
  const out: string[] = [];
  let titleSeen = false;
  for (const h of scan.headings) {
    const slug = slugger.slug(inlinePlainText(h.text));
    if (h.nested) continue;
    if (!titleSeen && h.level === 1) {
      titleSeen = true;
      continue;
    }
    out.push(slug);
  }
  return out;
}

function lintBothWays(doc: SpecDocument, warm: Template, cold: Template): void {
  const expected = lint(doc, cold, {});
  expect(lint(doc, warm)).toEqual(expected);
  expect(lint(parse(doc.source), warm, { rules: {} })).toEqual(expected);
}

describe('parse and lint caches', () => {
  it('warm caches give exactly what cold ones give, over random edits of several specs (property)', () => {
    const builtin = getBuiltinTemplate('technical-specification');
    const starts = [builtin.source, MESSY, generateSpec({ seed: 7, count: 1, minBytes: 4000, maxBytes: 6000 }, 0).text, MESSY.replace(/\r\n/g, '\n')];
    const rng = new Prng(0x5eed);
    for (const [s, start] of starts.entries()) {
      let text = start;
      for (let step = 0; step < 150; step += 1) {
        text = edit(text, rng);
        const doc = parse(text);
        expect(doc.allSections.map((x) => x.slug), `spec ${s} step ${step}`).toEqual(freshSlugs(text));
        // A new template object each time: its lint index, baseline and counts start empty.
        const cold = templateFromMarkdown(builtin.id, builtin.name, builtin.source, builtin.version);
        lintBothWays(doc, builtin, cold);
      }
    }
  }, 60_000);

  it('a template of another text gets its own counts, not the first template\'s', () => {
    const builtin = getBuiltinTemplate('technical-specification');
    const small = templateFromMarkdown('small', 'Small', '# Title\n\n## Overview\n\n- **Owner**: \n\n## Risks\n\n| A | B |\n|---|---|\n|   |   |\n');
    for (const text of [builtin.source, MESSY]) {
      const doc = parse(text);
      lint(doc, builtin);
      const coldSmall = templateFromMarkdown('small', 'Small', small.source);
      expect(lint(doc, small)).toEqual(lint(doc, coldSmall, {}));
    }
  });
});
