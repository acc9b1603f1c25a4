import type { TableRow } from '../../document/types.js';
import { rowKey } from '../template-index.js';
import type { LintRule } from '../types.js';

/** A table with no filled row, or a filled table still carrying the template's blank rows. */
export const emptyTable: LintRule = {
  id: 'empty-table',
  defaultSeverity: 'error',
  description: "A table has only the template's blank rows (or no rows); in a filled table, a row left blank.",
  countsTowardScore: true,
  check({ doc, index, docIndex }, report) {
    for (const table of doc.tables) {
      if (docIndex.inFooter(table.range)) continue;
      const blank: TableRow[] = [];
      for (const row of table.rows) if (isBlankRow(row, index.blankRows)) blank.push(row);
      if (blank.length === table.rows.length) {
        const header = table.header.cells.map((c) => c.text).filter((t) => t !== '').join(' | ');
        report({
          message:
            table.rows.length === 0
              ? `Table (${header}) has no rows`
              : `Table (${header}) has only the template's blank row${table.rows.length > 1 ? 's' : ''}`,
          sectionPath: table.sectionPath,
          start: table.range.start,
          end: table.range.end,
        });
        continue;
      }
      for (const row of blank) {
        report({
          message: 'Table row is still blank; fill it or delete it',
          sectionPath: table.sectionPath,
          start: row.range.start,
          end: row.range.end,
        });
      }
    }
  },
};

/** All cells empty, or the same cells as one of the template's blank rows (each of which has an empty cell). */
function isBlankRow(row: TableRow, templateBlankRows: ReadonlySet<string>): boolean {
  let empty = 0;
  for (const cell of row.cells) if (cell.text === '') empty += 1;
  if (empty === 0) return false;
  if (empty === row.cells.length) return true;
  return templateBlankRows.has(rowKey(row.cells.map((c) => c.text)));
}
