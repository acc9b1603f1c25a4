import { splitRow } from '../inline/table-cells.js';
import type { SpecDocument, Table } from '../types.js';
import { SpecEditError } from './errors.js';
import { lineEndingOf, requireOneLine, splice } from './splice.js';

/** A table addressed by its section and its index among that section's tables (0-based). */
export interface TableAddress {
  readonly sectionPath: string;
  readonly table: number;
}

function requireTable(doc: SpecDocument, address: TableAddress): Table {
  const tables = doc.tables.filter((t) => t.sectionPath === address.sectionPath);
  const table = tables[address.table];
  if (!table) {
    throw new SpecEditError(
      'table_not_found',
      `section "${address.sectionPath}" has ${tables.length} table(s); no table at index ${address.table}`,
    );
  }
  return table;
}

/** Cell text as it must be written in a row: one line, with `|` escaped. */
function cellSource(text: string): string {
  requireOneLine(text, 'a table cell');
  return text.trim().replace(/(^|[^\\])\|/g, '$1\\|').replace(/(^|[^\\])\|/g, '$1\\|');
}

/** Sets one cell (row -1 is the header) to `text`, keeping the cell's width when the text fits. */
export function setTableCell(doc: SpecDocument, address: TableAddress, row: number, col: number, text: string): SpecDocument {
  const table = requireTable(doc, address);
  const target = row === -1 ? table.header : table.rows[row];
  const columns = table.header.cells.length;
  if (!target) throw new SpecEditError('cell_out_of_range', `the table has ${table.rows.length} row(s); no row ${row}`);
  if (!Number.isInteger(col) || col < 0 || col >= columns) {
    throw new SpecEditError('cell_out_of_range', `the table has ${columns} column(s); no column ${col}`);
  }
  const value = cellSource(text);
  const src = doc.source;
  const cells = splitRow(src, target.range.start, target.range.end);
  const cell = cells[col];
  if (cell) {
    const leading = cell.rawStart < cell.start && cell.rawStart < cell.rawEnd ? ' ' : '';
    const trailing = cell.end < cell.rawEnd ? ' ' : '';
    let raw = leading + value + trailing;
    const width = cell.rawEnd - cell.rawStart;
    if (raw.length < width) raw = leading + value + ' '.repeat(width - raw.length) + trailing;
    if (cell.start === cell.end && value === '') raw = src.slice(cell.rawStart, cell.rawEnd);
    return splice(doc, cell.rawStart, cell.rawEnd, raw);
  }
  // The row has fewer cells than the header: add the missing ones at its end.
  const rowText = src.slice(target.range.start, target.range.end);
  let suffix = rowText.endsWith('|') && !rowText.endsWith('\\|') ? '' : ' |';
  for (let i = cells.length; i < col; i++) suffix += '  |';
  suffix += ` ${value} |`;
  return splice(doc, target.range.end, target.range.end, suffix);
}

/** Appends a row after the table's last row (cells padded to the header's widths). */
export function appendTableRow(doc: SpecDocument, address: TableAddress, cells: readonly string[]): SpecDocument {
  const table = requireTable(doc, address);
  const columns = table.header.cells.length;
  if (cells.length > columns) {
    throw new SpecEditError('cell_out_of_range', `the table has ${columns} column(s); got ${cells.length} cells`);
  }
  const values = Array.from({ length: columns }, (_, i) => cellSource(cells[i] ?? ''));
  const src = doc.source;
  const header = splitRow(src, table.header.range.start, table.header.range.end);
  // Rows take the container prefix (`> `, list indentation) of the row above.
  const prefixOf = table.rows[table.rows.length - 1] ?? table.header;
  const lineStart = Math.max(src.lastIndexOf('\n', prefixOf.range.start - 1), src.lastIndexOf('\r', prefixOf.range.start - 1)) + 1;
  const containerPrefix = src.slice(lineStart, prefixOf.range.start);
  const headerText = src.slice(table.header.range.start, table.header.range.end);
  const outerPipes = headerText.startsWith('|');
  const parts = values.map((v, i) => {
    const width = header[i] ? header[i].rawEnd - header[i].rawStart : v.length + 2;
    const cell = ` ${v} `;
    return cell.length < width ? cell + ' '.repeat(width - cell.length) : cell;
  });
  const rowText = outerPipes ? `|${parts.join('|')}|` : parts.join('|').trim();
  // After the table's last line (the delimiter row when there are no rows), trailing spaces kept.
  const at = table.range.end;
  return splice(doc, at, at, lineEndingOf(src) + containerPrefix + rowText);
}
