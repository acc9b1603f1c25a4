// How a spec is named in URLs and headers: a number (42), a key (SPEC-42) or its id, and the
// strong ETag of one revision.

export type SpecRef =
  | { readonly kind: 'number'; readonly number: number }
  | { readonly kind: 'key'; readonly workspaceKey: string; readonly number: number }
  | { readonly kind: 'id'; readonly id: string };

const MAX_NUMBER = 2_147_483_647;
const NUMBER = /^[1-9][0-9]{0,9}$/;
const KEY = /^([A-Za-z][A-Za-z0-9]{1,9})-([1-9][0-9]{0,9})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Null for anything that cannot name a spec (the caller answers 404). */
export function parseSpecRef(ref: string): SpecRef | null {
  if (NUMBER.test(ref)) {
    const number = Number(ref);
    return number <= MAX_NUMBER ? { kind: 'number', number } : null;
  }
  const key = KEY.exec(ref);
  if (key !== null) {
    const number = Number(key[2]);
    return number <= MAX_NUMBER ? { kind: 'key', workspaceKey: (key[1] ?? '').toUpperCase(), number } : null;
  }
  return UUID.test(ref) ? { kind: 'id', id: ref.toLowerCase() } : null;
}

export function specKey(workspaceKey: string, number: number): string {
  return `${workspaceKey}-${number}`;
}

/** Strong ETag of a spec at one revision. */
export function specEtag(specId: string, revision: number): string {
  return `"${specId}:${revision}"`;
}

/**
 * Whether an If-Match header value holds the current ETag. `*` matches any existing spec; weak
 * tags never match (If-Match compares strongly).
 */
export function ifMatchHolds(header: string, specId: string, revision: number): boolean {
  const current = specEtag(specId, revision);
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === current;
  });
}

/** Whether an If-None-Match header value already holds the current ETag (weak comparison). */
export function ifNoneMatchHolds(header: string, specId: string, revision: number): boolean {
  const current = specEtag(specId, revision);
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === current || t === `W/${current}`;
  });
}
