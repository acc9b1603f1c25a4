import { FOOTER_LABELS, type Field, type FooterKey, type SpecDocument } from '../types.js';
import { SpecEditError } from './errors.js';
import { isLineEnding, lineEndingOf, requireOneLine, splice } from './splice.js';

/** A task item addressed by its section and its index among that section's task items (0-based). */
export interface TaskAddress {
  readonly sectionPath: string;
  readonly index: number;
}

/** Checks or unchecks a task item (`- [ ]` / `- [x]`). */
export function setTaskChecked(doc: SpecDocument, address: TaskAddress, checked: boolean): SpecDocument {
  const tasks = doc.listItems.filter((item) => item.task && item.sectionPath === address.sectionPath);
  const task = tasks[address.index]?.task;
  if (!task) {
    throw new SpecEditError(
      'task_not_found',
      `section "${address.sectionPath}" has ${tasks.length} task item(s); no task at index ${address.index}`,
    );
  }
  const mark = task.range.start + 1;
  const current = doc.source[mark];
  const next = checked ? (current === 'X' ? 'X' : 'x') : ' ';
  return splice(doc, mark, mark + 1, next);
}

/** Writes a field's value in place: the value span, or after `Label:` when it is blank. */
function writeField(doc: SpecDocument, field: Field, value: string): SpecDocument {
  requireOneLine(value, 'a field value');
  const text = value.trim();
  const src = doc.source;
  const { start, end } = field.valueRange;
  if (field.value !== '') return splice(doc, start, end, text);
  let lineEnd = end;
  while (lineEnd < src.length && !isLineEnding(src.charCodeAt(lineEnd))) lineEnd++;
  if (text === '') return splice(doc, start, start, '');
  const needsSpace = start > 0 && src[start - 1] !== ' ' && src[start - 1] !== '\t';
  return splice(doc, start, lineEnd, (needsSpace ? ' ' : '') + text);
}

function sameLabel(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Sets the value of the first `label` field directly in the section `sectionPath`. */
export function setField(doc: SpecDocument, sectionPath: string, label: string, value: string): SpecDocument {
  const field = doc.fields.find((f) => f.sectionPath === sectionPath && sameLabel(f.label, label));
  if (!field) throw new SpecEditError('field_not_found', `no field "${label}" in section "${sectionPath}"`);
  return writeField(doc, field, value);
}

/** Sets a status footer field, adding the line (or the whole footer) when missing. */
export function setFooterField(doc: SpecDocument, key: FooterKey, value: string): SpecDocument {
  if (!(key in FOOTER_LABELS)) throw new SpecEditError('field_not_found', `unknown footer field "${String(key)}"`);
  requireOneLine(value, 'a footer value');
  const existing = doc.footer?.fields[key];
  if (existing) return writeField(doc, existing, value);
  const src = doc.source;
  const eol = lineEndingOf(src);
  const line = `**${FOOTER_LABELS[key]}**: ${value.trim()}`;
  if (doc.footer) return splice(doc, doc.footer.range.end, doc.footer.range.end, eol + line);
  let prefix = '';
  if (src.length > 0 && !isLineEnding(src.charCodeAt(src.length - 1))) prefix = eol;
  if (src.trim() !== '') prefix += eol;
  const next = splice(doc, src.length, src.length, `${prefix}---${eol}${line}`);
  if (!next.footer) {
    throw new SpecEditError('structure_changed', 'a footer cannot be added at the end of this document (it ends inside a block)');
  }
  return next;
}
