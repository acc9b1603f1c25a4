import type { Section, SpecDocument } from '../document/types.js';
import { matchesPattern } from '../templates/heading-pattern.js';
import { matchKey, stripOptionalSuffix } from '../templates/optional-marker.js';
import type { Template, TemplateSection } from '../templates/types.js';

/** A required template section the document lacks, and where it would go. */
export interface MissingSection {
  readonly template: TemplateSection;
  /** Offset where the section would be inserted (before the next template section present). */
  readonly at: number;
}

/** How a document's sections line up with its template's. */
export interface SectionMatch {
  /** The template section a document section stands for (pattern sections can stand for several). */
  readonly templateOf: ReadonlyMap<Section, TemplateSection>;
  /** Template sections matched at least once. */
  readonly matched: ReadonlySet<TemplateSection>;
  /** Required sections absent, topmost only (children of an absent section are not listed). */
  readonly missing: readonly MissingSection[];
  /** Document sections that have a missing required child (so "empty" is already explained). */
  readonly parentsOfMissing: ReadonlySet<Section>;
}

/**
 * Matches sections by slug (with "(Optional)" stripped) level by level, then places sections
 * that moved elsewhere by a slug unique on both sides. Linear in the number of sections, except
 * for the sibling lookups which are by map.
 */
export function matchSections(doc: SpecDocument, template: Template): SectionMatch {
  const templateOf = new Map<Section, TemplateSection>();
  const matched = new Set<TemplateSection>();
  const pairOf = new Map<TemplateSection, Section>();
  const keyOf = new Map<Section, string>();
  for (const s of doc.allSections) keyOf.set(s, matchKey(s.heading.text));

  const matchLevel = (tChildren: readonly TemplateSection[], sChildren: readonly Section[]): void => {
    const free = new Map<string, Section[]>();
    for (const s of sChildren) {
      if (templateOf.has(s)) continue;
      const key = keyOf.get(s) ?? '';
      const list = free.get(key);
      if (list) list.push(s);
      else free.set(key, [s]);
    }
    const pairs: [TemplateSection, Section][] = [];
    for (const t of tChildren) {
      if (t.pattern || matched.has(t)) continue;
      const s = free.get(t.key)?.shift();
      if (!s) continue;
      link(t, s);
      pairs.push([t, s]);
    }
    for (const t of tChildren) {
      if (!t.pattern) continue;
      for (const s of sChildren) {
        if (templateOf.has(s) || !matchesPattern(t.pattern, stripOptionalSuffix(s.heading.text))) continue;
        link(t, s);
        pairs.push([t, s]);
      }
    }
    for (const [t, s] of pairs) matchLevel(t.children, s.children);
  };
  const link = (t: TemplateSection, s: Section): void => {
    templateOf.set(s, t);
    matched.add(t);
    if (!pairOf.has(t)) pairOf.set(t, s);
  };

  matchLevel(template.structure.sections, doc.sections);

  // Sections moved under another parent or to another level: match by a slug unique on both sides.
  const templateKeyCount = keyCountsOf(template);
  const freeByKey = new Map<string, Section[]>();
  for (const s of doc.allSections) {
    if (templateOf.has(s)) continue;
    const key = keyOf.get(s) ?? '';
    const list = freeByKey.get(key);
    if (list) list.push(s);
    else freeByKey.set(key, [s]);
  }
  for (const t of template.structure.allSections) {
    if (matched.has(t) || t.pattern || templateKeyCount.get(t.key) !== 1) continue;
    const candidates = freeByKey.get(t.key)?.filter((s) => !templateOf.has(s));
    if (candidates?.length !== 1 || !candidates[0]) continue;
    link(t, candidates[0]);
    matchLevel(t.children, candidates[0].children);
  }

  const missing: MissingSection[] = [];
  const parentsOfMissing = new Set<Section>();
  const order = template.structure.allSections;
  order.forEach((t, i) => {
    if (matched.has(t) || !t.required) return;
    if (t.parent && !matched.has(t.parent)) return;
    missing.push({ template: t, at: insertionPoint(doc, order, i, t, pairOf) });
    const parentSection = t.parent ? pairOf.get(t.parent) : undefined;
    if (parentSection) parentsOfMissing.add(parentSection);
  });
  return { templateOf, matched, missing, parentsOfMissing };
}

/** Before the next template section (after this one's subtree) that the document has, else at the parent's end. */
function insertionPoint(
  doc: SpecDocument,
  order: readonly TemplateSection[],
  index: number,
  t: TemplateSection,
  pairOf: ReadonlyMap<TemplateSection, Section>,
): number {
  for (let j = index + 1; j < order.length; j += 1) {
    const next = order[j];
    if (!next || isDescendant(next, t)) continue;
    if (t.parent && !isDescendant(next, t.parent)) break;
    const s = pairOf.get(next);
    if (s) return s.range.start;
  }
  const parent = t.parent ? pairOf.get(t.parent) : undefined;
  if (parent) return Math.min(parent.range.end, doc.footer?.range.start ?? Infinity);
  return doc.footer ? doc.footer.range.start : doc.source.length;
}

function isDescendant(node: TemplateSection, ancestor: TemplateSection): boolean {
  for (let p = node.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

// How many template sections have each key: the same for every document of a template object.
const keyCounts = new WeakMap<Template, ReadonlyMap<string, number>>();

function keyCountsOf(template: Template): ReadonlyMap<string, number> {
  let counts = keyCounts.get(template);
  if (counts === undefined) {
    counts = countBy(template.structure.allSections, (t) => t.key);
    keyCounts.set(template, counts);
  }
  return counts;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
