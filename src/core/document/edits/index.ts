export { SPEC_EDIT_ERROR_CODES, SpecEditError, type SpecEditErrorCode } from './errors.js';
export { insertSection, setSectionBody } from './sections.js';
export { appendTableRow, setTableCell, type TableAddress } from './tables.js';
export { setField, setFooterField, setTaskChecked, type TaskAddress } from './fields.js';
export { lineEndingOf } from './splice.js';
export { replaceRange } from './text.js';
