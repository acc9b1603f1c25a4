import { beforeAll, expect, it } from 'vitest';
import { findSection, parse, type SpecDocument } from '../../../src/core/index.js';
import { describeEachDatabase, ownerSession, useTestServer, type ApiClient } from '../harness.js';
import { createSpec, expectProblem, getMarkdown, getSpec, postEdit, revisionContents, type SpecBody } from './helpers.js';

// CRLF throughout, odd spacing and a trailing-space line: edits must keep all of it.
const BASE = [
  '# Edit target',
  '',
  '## Overview',
  'Old overview.',
  '',
  '## Tasks',
  '- [ ] first',
  '- [x] second',
  '',
  '## Data',
  '| Name | Value |',
  '|------|-------|',
  '| a    | 1     |',
  '',
  '## Fields',
  '- Owner: ',
  '- Team: Core',
  '',
  '## Last',
  'End.   ',
].join('\r\n');

/** The bytes outside section `path` of the old text are unchanged in the new one. */
function keepsOutsideSection(before: string, after: string, path: string): void {
  const section = findSection(parse(before), path);
  expect(section, path).toBeDefined();
  const { start, end } = section?.range ?? { start: 0, end: 0 };
  expect(after.slice(0, start)).toBe(before.slice(0, start));
  expect(after.slice(after.length - (before.length - end))).toBe(before.slice(end));
}

describeEachDatabase('specs: structured edits', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let ws: string;

  beforeAll(async () => {
    ({ owner, ws } = await ownerSession(server()));
  });

  async function fresh(): Promise<SpecBody> {
    return createSpec(owner, ws, { markdown: BASE });
  }

  async function apply(spec: SpecBody, edit: Record<string, unknown>): Promise<{ body: SpecBody; doc: SpecDocument }> {
    const res = await postEdit(owner, ws, spec.number, edit, spec.etag);
    expect(res.status, res.text).toBe(200);
    expect(res.body.revision).toBe(spec.revision + 1);
    expect(await getMarkdown(owner, ws, spec.number)).toBe(res.body.markdown);
    return { body: res.body, doc: parse(res.body.markdown) };
  }

  it('setSectionBody replaces one body and keeps every other byte (line endings included)', async () => {
    const spec = await fresh();
    const { body, doc } = await apply(spec, { op: 'setSectionBody', path: 'overview', markdown: 'New overview,\ntwo lines.', summary: 'Wrote the overview' });
    expect(body.markdown).toContain('## Overview\r\nNew overview,\r\ntwo lines.\r\n');
    keepsOutsideSection(BASE, body.markdown, 'overview');
    expect(doc.allSections.map((s) => s.path)).toEqual(parse(BASE).allSections.map((s) => s.path));
    const list = await owner.get<{ items: { summary: string }[] }>(`/api/v1/workspaces/${ws}/specs/${spec.number}/revisions`);
    expect(list.body.items[0]?.summary).toBe('Wrote the overview');
  });

  it('setTableCell and appendTableRow change one table only', async () => {
    const spec = await fresh();
    const cell = await apply(spec, { op: 'setTableCell', sectionPath: 'data', table: 0, row: 0, column: 1, text: '42' });
    expect(cell.doc.tables[0]?.rows[0]?.cells.map((c) => c.text)).toEqual(['a', '42']);
    keepsOutsideSection(BASE, cell.body.markdown, 'data');
    const row = await apply(cell.body, { op: 'appendTableRow', sectionPath: 'data', table: 0, cells: ['b', 'x | y'] });
    expect(row.doc.tables[0]?.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['a', '42'],
      ['b', 'x \\| y'],
    ]);
    keepsOutsideSection(cell.body.markdown, row.body.markdown, 'data');
  });

  it('setTaskChecked flips one checkbox; checking a checked box is no change (no revision)', async () => {
    const spec = await fresh();
    const { body, doc } = await apply(spec, { op: 'setTaskChecked', sectionPath: 'tasks', index: 0, checked: true });
    expect(doc.listItems.filter((i) => i.task !== null).map((i) => i.task?.checked)).toEqual([true, true]);
    expect(body.markdown).toBe(BASE.replace('- [ ] first', '- [x] first'));
    const again = await postEdit(owner, ws, spec.number, { op: 'setTaskChecked', sectionPath: 'tasks', index: 1, checked: true }, body.etag);
    expect(again.status).toBe(200);
    expect(again.body.revision).toBe(body.revision);
  });

  it('setField fills a blank field; insertSection adds a heading after a section', async () => {
    const spec = await fresh();
    const field = await apply(spec, { op: 'setField', sectionPath: 'fields', label: 'Owner', value: 'Platform team' });
    expect(field.doc.fields.find((f) => f.label === 'Owner')?.value).toBe('Platform team');
    keepsOutsideSection(BASE, field.body.markdown, 'fields');
    const added = await apply(field.body, { op: 'insertSection', afterPath: 'data', title: 'Risks', level: 2 });
    expect(added.doc.allSections.map((s) => s.path)).toEqual(['overview', 'tasks', 'data', 'risks', 'fields', 'last']);
    expect(added.body.sections.map((s) => s.path)).toEqual(['overview', 'tasks', 'data', 'risks', 'fields', 'last']);
  });

  it('an edit that cannot apply is 422 invalid_edit with the engine reason; nothing changes', async () => {
    const spec = await fresh();
    const cases: [Record<string, unknown>, string][] = [
      [{ op: 'setSectionBody', path: 'nowhere', markdown: 'x' }, 'section_not_found'],
      [{ op: 'setTableCell', sectionPath: 'overview', table: 0, row: 0, column: 0, text: 'x' }, 'table_not_found'],
      [{ op: 'setTableCell', sectionPath: 'data', table: 0, row: 5, column: 0, text: 'x' }, 'cell_out_of_range'],
      [{ op: 'setTableCell', sectionPath: 'data', table: 0, row: 0, column: 0, text: 'two\nlines' }, 'invalid_value'],
      [{ op: 'setTaskChecked', sectionPath: 'tasks', index: 7, checked: true }, 'task_not_found'],
      [{ op: 'setField', sectionPath: 'fields', label: 'Budget', value: '1' }, 'field_not_found'],
      [{ op: 'setSectionBody', path: 'overview', markdown: '```\nunclosed fence' }, 'structure_changed'],
    ];
    for (const [edit, reason] of cases) {
      const problem = expectProblem(await postEdit(owner, ws, spec.number, edit, spec.etag), 422, 'invalid_edit');
      expect(problem).toMatchObject({ reason, op: edit.op });
    }
    expect(await revisionContents(owner, ws, spec.number)).toEqual([BASE]);
  });

  it('If-Match is required (428) and must be current (412): a stale edit is not applied', async () => {
    const spec = await fresh();
    const edit = { op: 'setSectionBody', path: 'last', markdown: 'Changed.' };
    expectProblem(await postEdit(owner, ws, spec.number, edit, null), 428, 'precondition_required');
    const first = await apply(spec, edit);
    expectProblem(await postEdit(owner, ws, spec.number, { op: 'setSectionBody', path: 'overview', markdown: 'Stale.' }, spec.etag), 412, 'etag_mismatch');
    expect((await getSpec(owner, ws, spec.number)).body.markdown).toBe(first.body.markdown);
  });

  it('malformed edits are 400 validation problems naming the field', async () => {
    const spec = await fresh();
    for (const edit of [
      { op: 'deleteEverything' },
      { op: 'setSectionBody', path: 'overview' },
      { op: 'setSectionBody', path: 'overview', markdown: 'x', extra: true },
      { op: 'setTableCell', sectionPath: 'data', table: '0', row: 0, column: 0, text: 'x' },
      { op: 'insertSection', afterPath: 'data', title: 'Deep', level: 7 },
    ]) {
      expectProblem(await postEdit(owner, ws, spec.number, edit, spec.etag), 400, 'validation_failed');
    }
    expect((await getSpec(owner, ws, spec.number)).body.revision).toBe(1);
  });
});
