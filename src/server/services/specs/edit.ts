import {
  appendTableRow,
  insertSection,
  setField,
  setSectionBody,
  setTableCell,
  setTaskChecked,
  SpecEditError,
  type SpecDocument,
} from '../../../core/index.js';
import { AppError } from '../../errors/index.js';
import { specPolicy } from '../../policies/index.js';
import type { ActorCtx } from '../context.js';
import { analyzeDocument } from './analysis.js';
import { checkIfMatch, commitContent } from './commit.js';
import { currentRevision } from './current.js';
import { loadSpec, type SpecLocator } from './load.js';
import { templateAt } from './template-versions.js';
import type { SpecRead } from './views.js';

/** One structured change, applied by the core edit engine: every byte outside its span is kept. */
export type SpecEdit =
  | { readonly op: 'setSectionBody'; readonly path: string; readonly markdown: string }
  | { readonly op: 'setTableCell'; readonly sectionPath: string; readonly table: number; readonly row: number; readonly column: number; readonly text: string }
  | { readonly op: 'appendTableRow'; readonly sectionPath: string; readonly table: number; readonly cells: readonly string[] }
  | { readonly op: 'setTaskChecked'; readonly sectionPath: string; readonly index: number; readonly checked: boolean }
  | { readonly op: 'setField'; readonly sectionPath: string; readonly label: string; readonly value: string }
  | { readonly op: 'insertSection'; readonly afterPath: string; readonly title: string; readonly level: number };

export type SpecEditOp = SpecEdit['op'];

function apply(doc: SpecDocument, edit: SpecEdit): SpecDocument {
  switch (edit.op) {
    case 'setSectionBody':
      return setSectionBody(doc, edit.path, edit.markdown);
    case 'setTableCell':
      return setTableCell(doc, { sectionPath: edit.sectionPath, table: edit.table }, edit.row, edit.column, edit.text);
    case 'appendTableRow':
      return appendTableRow(doc, { sectionPath: edit.sectionPath, table: edit.table }, [...edit.cells]);
    case 'setTaskChecked':
      return setTaskChecked(doc, { sectionPath: edit.sectionPath, index: edit.index }, edit.checked);
    case 'setField':
      return setField(doc, edit.sectionPath, edit.label, edit.value);
    case 'insertSection':
      return insertSection(doc, edit.afterPath, edit.title, edit.level);
  }
}

function describe(edit: SpecEdit): string {
  switch (edit.op) {
    case 'setSectionBody':
      return `Edited section ${edit.path}`;
    case 'setTableCell':
    case 'appendTableRow':
      return `Edited a table in ${edit.sectionPath}`;
    case 'setTaskChecked':
      return `${edit.checked ? 'Checked' : 'Unchecked'} a task in ${edit.sectionPath}`;
    case 'setField':
      return `Set ${edit.label} in ${edit.sectionPath}`;
    case 'insertSection':
      return `Added section ${edit.title}`;
  }
}

/** Applies one edit to the current revision as a new revision (If-Match required). An edit that changes nothing makes no revision. */
export async function editSpec(ctx: ActorCtx, locator: SpecLocator, edit: SpecEdit, summary: string | undefined, ifMatch: string | undefined): Promise<SpecRead> {
  const loaded = await loadSpec(ctx, locator, specPolicy.write, { labels: true });
  const { spec } = loaded;
  checkIfMatch(ifMatch, spec, true);
  const current = await currentRevision(ctx, spec);
  let next: SpecDocument;
  try {
    next = apply(current.doc, edit);
  } catch (error) {
    if (error instanceof SpecEditError) throw new AppError('invalid_edit', error.message, { reason: error.code, op: edit.op });
    throw error;
  }
  if (current.revision === spec.revision && next.source === current.content) return { loaded, current };
  const template = await templateAt(ctx.deps.db, spec.workspaceId, spec.templateId, spec.templateVersion);
  return commitContent(ctx, { loaded, analysis: analyzeDocument(next, template), summary: summary ?? describe(edit) });
}
