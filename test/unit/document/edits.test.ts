import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SPEC_EDIT_ERROR_CODES, SpecEditError, appendTableRow, findSection, footerStatus, insertSection, parse,
  setField, setFooterField, setSectionBody, setTableCell, setTaskChecked, type SpecDocument,
} from '../../../src/core/document/index.js';
import { BUILTIN_TEMPLATE_DATA } from '../../../src/core/templates/builtin-data.generated.js';

const template = BUILTIN_TEMPLATE_DATA[0]?.source ?? '';
const componentTable = { sectionPath: 'system-architecture/component-overview', table: 0 };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof SpecEditError) return error.code;
    throw error;
  }
  return undefined;
}

/** The bytes before `start` and after `end` (of the old text) are the same in the new text. */
function keepsOutside(before: SpecDocument, after: SpecDocument, start: number, end: number): void {
  expect(after.source.slice(0, start)).toBe(before.source.slice(0, start));
  expect(after.source.slice(after.source.length - (before.source.length - end))).toBe(before.source.slice(end));
}

describe('edits', () => {
  const doc = parse(template);

  it('setSectionBody replaces only the body and returns a new document (the old one is unchanged)', () => {
    const section = findSection(doc, 'overview/purpose');
    const next = setSectionBody(doc, 'overview/purpose', 'Covers the **billing** service.');
    expect(next).not.toBe(doc);
    expect(doc.source).toBe(template);
    expect(next.source.slice(section?.body.start)).toMatch(/^Covers the \*\*billing\*\* service\.\n### Scope/);
    keepsOutside(doc, next, section?.body.start ?? 0, section?.body.end ?? 0);
    expect(next.allSections.map((s) => s.path)).toEqual(doc.allSections.map((s) => s.path));
  });

  it('setSectionBody keeps CRLF documents CRLF and does not turn a last line into a setext heading', () => {
    const crlf = parse(template.replace(/\n/g, '\r\n'));
    const next = setSectionBody(crlf, 'appendix/references', '- one\n- two\nlast line');
    expect(next.source).toContain('- one\r\n- two\r\nlast line\r\n\r\n---\r\n**Document Status**');
    expect(next.source.replace(/\r\n/g, '')).not.toMatch(/[^\r]\n/);
    expect(next.footer).not.toBeNull();
    expect(next.allSections).toHaveLength(crlf.allSections.length);
  });

  it('setSectionBody refuses text that would swallow the rest (unclosed fence) with structure_changed', () => {
    expect(codeOf(() => setSectionBody(doc, 'overview/purpose', '```\ncode'))).toBe('structure_changed');
  });

  it('setTableCell writes one cell, escapes pipes, keeps the column width when it fits', () => {
    const next = setTableCell(doc, componentTable, 0, 0, 'API');
    const row = next.tables.find((t) => t.sectionPath === componentTable.sectionPath)?.rows[0];
    expect(row?.cells.map((c) => c.text)).toEqual(['API', '', '']);
    expect(next.source).toContain('\n| API       |         |            |\n');
    const piped = setTableCell(doc, componentTable, -1, 1, 'Purpose | Why');
    expect(piped.tables.find((t) => t.sectionPath === componentTable.sectionPath)?.header.cells[1]?.text).toBe('Purpose \\| Why');
    const cell = doc.tables.find((t) => t.sectionPath === componentTable.sectionPath)?.rows[0]?.cells[0];
    keepsOutside(doc, next, (cell?.range.start ?? 1) - 1, (cell?.range.start ?? 0) + 10);
  });

  it('appendTableRow adds a row after the last one, padded to the header widths', () => {
    const next = appendTableRow(doc, componentTable, ['Web', 'UI']);
    const table = next.tables.find((t) => t.sectionPath === componentTable.sectionPath);
    expect(table?.rows.map((r) => r.cells.map((c) => c.text))).toEqual([['', '', ''], ['Web', 'UI', '']]);
    expect(next.source).toContain('|           |         |            |\n| Web       | UI      |            |\n\n### Data Flow');
  });

  it('appendTableRow works on a header-only table and keeps the container prefix (quote, list)', () => {
    const listed = appendTableRow(parse('## Q\n- item\n\n  | a | b |\n  |---|---|\n'), { sectionPath: 'q', table: 0 }, ['1']);
    expect(listed.source).toBe('## Q\n- item\n\n  | a | b |\n  |---|---|\n  | 1 |   |\n');
    const quoted = appendTableRow(parse('## Q\r\n> | a |\r\n> |---|\r\n> | x |\r\n'), { sectionPath: 'q', table: 0 }, ['y']);
    expect(quoted.source).toBe('## Q\r\n> | a |\r\n> |---|\r\n> | x |\r\n> | y |\r\n');
    expect(quoted.tables[0]?.rows).toHaveLength(2);
  });

  it('setTaskChecked checks and unchecks a task addressed in its section', () => {
    const next = setTaskChecked(doc, { sectionPath: 'migration-plan/data-migration', index: 1 }, true);
    expect(next.listItems.filter((i) => i.sectionPath === 'migration-plan/data-migration').map((i) => i.task?.checked)).toEqual([false, true]);
    const back = setTaskChecked(next, { sectionPath: 'migration-plan/data-migration', index: 1 }, false);
    expect(back.source).toBe(template);
  });

  it('setField sets a field addressed by section and label (labels repeat across sections)', () => {
    const next = setField(doc, 'performance-optimization/resource-optimization', 'Network', '10 Gbit/s');
    expect(next.fields.filter((f) => f.label === 'Network').map((f) => f.value)).toEqual(['', '10 Gbit/s']);
    expect(next.source).toContain('- Memory: \n- Network: 10 Gbit/s\n');
    const bold = setField(doc, 'technical-requirements/functional-requirements/feature-feature-name', 'acceptance criteria', 'all pass');
    expect(bold.source).toContain('- **Acceptance Criteria**: all pass\n');
  });

  it('setFooterField replaces a footer value, adds a missing field, or adds the footer', () => {
    const review = setFooterField(doc, 'status', 'In Review');
    expect(footerStatus(review)).toBe('in_review');
    expect(review.source.endsWith('**Document Status**: In Review\n**Author**: \n**Last Updated**: \n**Reviewers**: \n**Approval Date**: ')).toBe(true);
    const noFooter = parse('# T\r\n\r\n## A\r\ntext');
    const added = setFooterField(noFooter, 'author', 'Ann');
    expect(added.source).toBe('# T\r\n\r\n## A\r\ntext\r\n\r\n---\r\n**Author**: Ann');
    const more = setFooterField(added, 'status', 'Draft');
    expect(more.footer?.fields.status?.value).toBe('Draft');
  });

  it('insertSection adds a heading after a section and its subsections', () => {
    const next = insertSection(doc, 'overview', 'Goals', 2);
    const paths = next.allSections.map((s) => s.path);
    expect(paths.indexOf('goals')).toBe(paths.indexOf('overview/related-documents') + 1);
    expect(next.source).toContain('- API Docs: \n\n## Goals\n\n## System Architecture');
    const first = insertSection(doc, '', 'Summary', 2);
    expect(first.allSections[0]?.path).toBe('summary');
    expect(insertSection(parse('# T\r\n## A\r\ntext'), 'a', 'B', 3).source).toBe('# T\r\n## A\r\ntext\r\n\r\n### B');
    const last = insertSection(doc, 'appendix', 'Changelog', 2);
    expect(last.footer).not.toBeNull();
    expect(last.allSections[last.allSections.length - 1]?.path).toBe('changelog');
  });

  it('throws SpecEditError with a stable code for every bad address or value', () => {
    const cases: [string, () => unknown][] = [
      ['section_not_found', () => setSectionBody(doc, 'nope', 'x')],
      ['table_not_found', () => setTableCell(doc, { sectionPath: 'overview', table: 0 }, 0, 0, 'x')],
      ['cell_out_of_range', () => setTableCell(doc, componentTable, 5, 0, 'x')],
      ['task_not_found', () => setTaskChecked(doc, { sectionPath: 'open-questions', index: 9 }, true)],
      ['field_not_found', () => setField(doc, 'overview', 'PRD', 'x')],
      ['invalid_heading_level', () => insertSection(doc, 'overview', 'X', 7)],
      ['invalid_heading_text', () => insertSection(doc, 'overview', ' ', 2)],
      ['invalid_value', () => setField(doc, 'overview/related-documents', 'PRD', 'a\nb')],
      ['structure_changed', () => setSectionBody(doc, 'overview', '<!--')],
    ];
    expect(cases.map(([code]) => code).sort()).toEqual([...SPEC_EDIT_ERROR_CODES].sort());
    for (const [code, fn] of cases) expect(codeOf(fn)).toBe(code);
  });

  it('keeps every byte outside the edited span (property, over CRLF and LF templates)', () => {
    const docs = [doc, parse(template.replace(/\n/g, '\r\n'))];
    const sections = doc.allSections.map((s) => s.path);
    const fieldAddresses = doc.fields.filter((f) => f.sectionPath !== '').map((f) => [f.sectionPath, f.label] as const);
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('body' as const), path: fc.constantFrom(...sections), text: fc.string({ maxLength: 30 }) }),
      fc.record({ kind: fc.constant('field' as const), at: fc.constantFrom(...fieldAddresses), text: fc.string({ maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, ' ')) }),
      fc.record({ kind: fc.constant('cell' as const), table: fc.nat(11), col: fc.nat(5), text: fc.string({ maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ' ')) }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...docs), edit, (before, e) => {
        let after: SpecDocument;
        let span: { start: number; end: number };
        if (e.kind === 'body') {
          const s = findSection(before, e.path);
          if (!s) return;
          try {
            after = setSectionBody(before, e.path, e.text);
          } catch (error) {
            expect(error).toBeInstanceOf(SpecEditError);
            return;
          }
          span = s.body;
        } else if (e.kind === 'field') {
          const f = before.fields.find((x) => x.sectionPath === e.at[0] && x.label === e.at[1]);
          if (!f) return;
          after = setField(before, e.at[0], e.at[1], e.text);
          const lineEnd = before.source.slice(f.range.start).search(/\r|\n|$/) + f.range.start;
          span = { start: f.valueRange.start, end: lineEnd };
        } else {
          const table = before.tables[e.table];
          if (!table || e.col >= table.header.cells.length) return;
          after = setTableCell(before, { sectionPath: table.sectionPath, table: before.tables.filter((t) => t.sectionPath === table.sectionPath).indexOf(table) }, 0, e.col, e.text);
          span = table.rows[0]?.range ?? table.range;
        }
        keepsOutside(before, after, span.start, span.end);
        expect(parse(before.source).source).toBe(before.source);
      }),
      { numRuns: 500 },
    );
  }, 60_000);
});
