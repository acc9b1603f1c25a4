import type { Section, SpecDocument } from '../document/types.js';

export type SectionChange = 'added' | 'removed' | 'changed' | 'unchanged';

/** How one section differs between two versions of a document. */
export interface SectionDiff {
  /** The section path; '' is the preamble (title and anything before the first section). */
  readonly path: string;
  readonly status: SectionChange;
  /** Heading text (the new one when the section exists in the new document). */
  readonly heading: string;
  /** Heading level; 1 for the preamble. */
  readonly level: number;
  /** The section's own text (heading and body, without subsections) in the old document; null when added. */
  readonly before: string | null;
  /** The same in the new document; null when removed. */
  readonly after: string | null;
}

interface OwnText {
  readonly path: string;
  readonly heading: string;
  readonly level: number;
  readonly text: string;
}

/**
 * Compares two documents section by section (matched by path). Order follows the new document;
 * a removed section comes right after the nearest section before it that still exists.
 */
export function diffSections(docA: SpecDocument, docB: SpecDocument): SectionDiff[] {
  const a = ownTexts(docA);
  const b = ownTexts(docB);
  const byPathA = new Map(a.map((s) => [s.path, s]));
  const byPathB = new Map(b.map((s) => [s.path, s]));

  const removedAfter = new Map<string, SectionDiff[]>();
  let anchor = '';
  for (const old of a) {
    if (byPathB.has(old.path)) {
      anchor = old.path;
      continue;
    }
    const group = removedAfter.get(anchor) ?? [];
    group.push({ path: old.path, status: 'removed', heading: old.heading, level: old.level, before: old.text, after: null });
    removedAfter.set(anchor, group);
  }

  const out: SectionDiff[] = [];
  for (const cur of b) {
    const old = byPathA.get(cur.path);
    const status: SectionChange = !old ? 'added' : old.text === cur.text ? 'unchanged' : 'changed';
    out.push({ path: cur.path, status, heading: cur.heading, level: cur.level, before: old?.text ?? null, after: cur.text });
    out.push(...(removedAfter.get(cur.path) ?? []));
  }
  // The preamble is listed only when one side has one.
  const first = out[0];
  if (first && first.path === '' && first.before === '' && first.after === '') out.shift();
  return out;
}

function ownTexts(doc: SpecDocument): OwnText[] {
  const firstSection = doc.allSections[0];
  const preambleEnd = firstSection ? firstSection.range.start : doc.source.length;
  const list: OwnText[] = [
    { path: '', heading: doc.title?.text ?? '', level: 1, text: doc.source.slice(0, preambleEnd) },
  ];
  for (const section of doc.allSections) list.push(ownText(doc.source, section));
  return list;
}

function ownText(source: string, section: Section): OwnText {
  const end = section.children[0]?.range.start ?? section.range.end;
  return {
    path: section.path,
    heading: section.heading.text,
    level: section.heading.level,
    text: source.slice(section.range.start, end),
  };
}
