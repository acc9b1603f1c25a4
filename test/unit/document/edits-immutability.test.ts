// Every structured edit returns a new document and leaves the one it was given untouched, so a
// caller holding the old document (a cache, an undo stack, another request) never sees it change.
import { describe, expect, it } from 'vitest';
import * as edits from '../../../src/core/document/edits/index.js';
import { parse, type SpecDocument } from '../../../src/core/document/index.js';
import { BUILTIN_TEMPLATE_DATA } from '../../../src/core/templates/builtin-data.generated.js';

const template = BUILTIN_TEMPLATE_DATA[0]?.source ?? '';
const componentTable = { sectionPath: 'system-architecture/component-overview', table: 0 };

/** One call per exported edit function; the enumeration test below fails when a new one has no row. */
const CALLS: Record<string, (doc: SpecDocument) => SpecDocument> = {
  setSectionBody: (doc) => edits.setSectionBody(doc, 'overview/purpose', 'New purpose.'),
  insertSection: (doc) => edits.insertSection(doc, 'overview', 'Glossary', 2),
  setTableCell: (doc) => edits.setTableCell(doc, componentTable, 0, 0, 'API'),
  appendTableRow: (doc) => edits.appendTableRow(doc, componentTable, ['Web', 'UI']),
  setTaskChecked: (doc) => edits.setTaskChecked(doc, { sectionPath: 'migration-plan/data-migration', index: 1 }, true),
  setField: (doc) => edits.setField(doc, 'performance-optimization/resource-optimization', 'Network', '10 Gbit/s'),
  setFooterField: (doc) => edits.setFooterField(doc, 'status', 'In Review'),
};

function snapshot(doc: SpecDocument): string {
  return JSON.stringify({ source: doc.source, sections: doc.allSections.map((s) => [s.path, s.body.start, s.body.end]) });
}

describe('edits leave their input unchanged', () => {
  it('has a row for every edit function the module exports', () => {
    const editFunctions = Object.entries(edits)
      .filter(([name, value]) => typeof value === 'function' && /^(set|insert|append)[A-Z]/.test(name))
      .map(([name]) => name);
    expect(editFunctions.sort()).toEqual(Object.keys(CALLS).sort());
  });

  for (const [name, call] of Object.entries(CALLS)) {
    it(`${name} returns a new document; the old one keeps its source and structure`, () => {
      const doc = parse(template);
      const before = snapshot(doc);
      const next = call(doc);
      expect(next).not.toBe(doc);
      expect(next.source).not.toBe(doc.source);
      expect(snapshot(doc)).toBe(before);
      expect(doc.source).toBe(template);
    });
  }
});
