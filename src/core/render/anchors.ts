// Where a spec's sections are on its rendered page: heading element ids. Kept apart from the
// renderer so the web client can link to sections without loading markdown-it.

/** An outline node as the spec views carry it: enough to place its heading. */
export interface OutlineHeading {
  readonly path: string;
  readonly line: number;
  readonly children: readonly OutlineHeading[];
}

/** The element id of a section's heading on the spec page (paths are slugs joined by "/"). */
export function sectionAnchor(path: string): string {
  return `sec-${path}`;
}

/** Source line (1-based) of each heading in `sections` (an outline) -> its section path. */
export function headingPaths(sections: readonly OutlineHeading[]): Map<number, string> {
  const map = new Map<number, string>();
  const walk = (nodes: readonly OutlineHeading[]) => {
    for (const node of nodes) {
      map.set(node.line, node.path);
      walk(node.children);
    }
  };
  walk(sections);
  return map;
}
