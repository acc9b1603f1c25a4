import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/core/document/index.js';
import { BUILTIN_TEMPLATE_DATA } from '../../../src/core/templates/builtin-data.generated.js';

const template = BUILTIN_TEMPLATE_DATA[0]?.source ?? '';
const cellTexts = (row: { cells: readonly { text: string }[] }): string[] => row.cells.map((c) => c.text);

describe('tables', () => {
  it('reads GFM pipe tables: header, alignment, rows, trimmed cells with exact ranges', () => {
    const text = '## T\n| Name | Size |\n|:-----|----:|\n| a    | 1   |\n|      |     |\n';
    const [table] = parse(text).tables;
    expect(table?.sectionPath).toBe('t');
    expect(table && cellTexts(table.header)).toEqual(['Name', 'Size']);
    expect(table?.align).toEqual(['left', 'right']);
    expect(table?.rows.map(cellTexts)).toEqual([['a', '1'], ['', '']]);
    const a = table?.rows[0]?.cells[0];
    expect(a && text.slice(a.range.start, a.range.end)).toBe('a');
    expect(a?.range).toMatchObject({ startLine: 4, endLine: 4 });
    expect(table?.range).toMatchObject({ start: 5, startLine: 2, endLine: 5 });
    const empty = table?.rows[1]?.cells[0];
    expect(empty?.range.start).toBe(empty?.range.end);
  });

  it('does not split cells on escaped pipes or pipes inside code spans', () => {
    const [table] = parse('| a | b |\n|---|---|\n| x \\| y | `p | q` |\n').tables;
    expect(table && table.rows.map(cellTexts)).toEqual([['x \\| y', '`p | q`']]);
  });

  it('finds every table of the template in its section', () => {
    const doc = parse(template);
    expect(doc.tables.map((t) => t.sectionPath)).toContain('api-design/rest-endpoints');
    expect(doc.tables).toHaveLength(12);
    const env = doc.tables.find((t) => t.sectionPath === 'deployment--infrastructure/environments');
    expect(env?.rows.map((r) => r.cells[0]?.text)).toEqual(['Development', 'Staging', 'Production']);
  });

  it('splits a paragraph whose last line is a table header: earlier lines stay paragraph text', () => {
    const doc = parse('**Owner**: Ann\n**Note**: a | b\n|---|---|\n| 1 | 2 |\n');
    expect(doc.fields.map((f) => f.label)).toEqual(['Owner']);
    expect(doc.tables[0]?.header.cells.map((c) => c.text)).toEqual(['**Note**: a', 'b']);
  });

  it('needs a delimiter row with as many cells as the header', () => {
    expect(parse('| a | b |\n|---|\n').tables).toHaveLength(0);
    expect(parse('a | b\n--|--\n').tables).toHaveLength(1);
  });
});

describe('list items', () => {
  it('reads task items with their text and checkbox range', () => {
    const text = '## Q\n- [ ] Question 1: \n- [x] done\n- [X] Done too\n';
    const items = parse(text).listItems;
    expect(items.map((i) => [i.task?.checked, i.text])).toEqual([[false, 'Question 1:'], [true, 'done'], [true, 'Done too']]);
    const box = items[0]?.task?.range;
    expect(box && text.slice(box.start, box.end)).toBe('[ ]');
  });

  it('reads empty items (- and 1.) and nesting depth', () => {
    const items = parse('1. \n2.\n- \n- a\n  - b\n    - c\n  - [ ] \n').listItems;
    expect(items.map((i) => [i.marker, i.ordered, i.depth, i.empty])).toEqual([
      ['1.', true, 0, true], ['2.', true, 0, true], ['-', false, 0, true], ['-', false, 0, false],
      ['-', false, 1, false], ['-', false, 2, false], ['-', false, 1, true],
    ]);
  });

  it('finds the template\'s nested acceptance-criteria tasks at depth 1', () => {
    const doc = parse(template);
    const tasks = doc.listItems.filter((i) => i.task && i.sectionPath === 'technical-requirements/functional-requirements/feature-feature-name');
    expect(tasks.map((t) => [t.depth, t.empty])).toEqual([[1, true], [1, true]]);
  });
});

describe('fields', () => {
  it('reads bold and plain Label: value list items, and bold-label lines outside lists', () => {
    const text = '## S\n- **Description**: does things\n- **Label:** value\n- Response Time: 200ms\n- PRD: \n\n**Author**: Ann\n\n- see http://x\n';
    const fields = parse(text).fields;
    expect(fields.map((f) => [f.label, f.value, f.bold, f.inList])).toEqual([
      ['Description', 'does things', true, true], ['Label', 'value', true, true],
      ['Response Time', '200ms', false, true], ['PRD', '', false, true], ['Author', 'Ann', true, false],
    ]);
    const d = fields[0];
    expect(d && text.slice(d.valueRange.start, d.valueRange.end)).toBe('does things');
    const prd = fields[3];
    expect(prd?.valueRange.start).toBe(prd?.valueRange.end);
    expect(prd && text.slice(prd.valueRange.start - 2, prd.valueRange.start)).toBe(': ');
  });

  it('addresses fields by section: the same label in two sections', () => {
    const doc = parse(template);
    const tools = doc.fields.filter((f) => f.label === 'Framework');
    expect(tools.map((f) => f.sectionPath)).toEqual(['testing-strategy/e2e-tests']);
    const storage = doc.fields.filter((f) => f.label === 'Network').map((f) => f.sectionPath);
    expect(storage).toEqual(['deployment--infrastructure/infrastructure-requirements', 'performance-optimization/resource-optimization']);
  });
});

describe('code blocks and comments', () => {
  it('reads fenced code blocks (``` and ~~~) with language and content', () => {
    const text = '## C\n```typescript {1}\nlet a = 1;\n```\n~~~\nplain\n~~~~\n````md\n```\ninner\n```\n````\n';
    const blocks = parse(text).codeBlocks;
    expect(blocks.map((b) => [b.lang, b.content, b.sectionPath])).toEqual([
      ['typescript', 'let a = 1;\n', 'c'], ['', 'plain\n', 'c'], ['md', '```\ninner\n```\n', 'c'],
    ]);
    expect(blocks[0]?.range).toMatchObject({ startLine: 2, endLine: 4 });
  });

  it('finds HTML comments, one-line and multi-line, but not inside code', () => {
    const text = '## P\n<!-- Brief description -->\n- **X**: <!-- fill -->\n<!--\n  multi\n  line\n-->\n```\n<!-- code -->\n```\n';
    const comments = parse(text).comments;
    expect(comments.map((c) => [c.text, c.range.startLine, c.range.endLine])).toEqual([
      ['Brief description', 2, 2], ['fill', 3, 3], ['multi\n  line', 4, 7],
    ]);
    expect(parse(template).comments.map((c) => c.sectionPath)).toEqual([
      'overview/purpose', 'overview/scope', 'system-architecture/data-flow',
    ]);
  });
});

describe('footer and front matter', () => {
  it('reads the status footer fields of the template', () => {
    const doc = parse(template);
    const footer = doc.footer;
    expect(Object.keys(footer?.fields ?? {}).sort()).toEqual(['approvalDate', 'author', 'lastUpdated', 'reviewers', 'status']);
    expect(footer?.fields.status?.value).toBe('Draft | In Review | Approved');
    expect(footer?.fields.approvalDate?.value).toBe('');
    expect(doc.source.slice(footer?.range.start, footer?.range.end).startsWith('---\n**Document Status**')).toBe(true);
    expect(footer?.range.end).toBe(doc.source.length);
  });

  it('has no footer when footer fields are followed by a section', () => {
    expect(parse('**Author**: a\n## Later\n').footer).toBeNull();
    expect(parse('## A\ntext\n\n**Author**: me\n**Reviewers**: x').footer?.fields.reviewers?.value).toBe('x');
  });

  it('reads YAML front matter at the very start and keeps it out of the structure', () => {
    const text = '---\ntitle: Spec\n---\n# Title\n## A';
    const doc = parse(text);
    expect(doc.frontMatter).toEqual({ start: 0, end: 19, startLine: 1, endLine: 3 });
    expect(doc.allSections.map((s) => s.path)).toEqual(['a']);
    expect(parse('text\n---\ntitle: x\n---\n').frontMatter).toBeNull();
  });
});

describe('document object', () => {
  it('serializes to JSON with every block list', () => {
    const json = JSON.parse(JSON.stringify(parse(template))) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      'source', 'title', 'sections', 'allSections', 'tables', 'listItems', 'fields', 'codeBlocks', 'comments', 'footer', 'frontMatter',
    ]);
  });
});
