// Document names of the co-editing endpoint (docs/events.md, "Co-editing"): the spec id for the
// live document of the spec's current version, or `<spec id>:v<N>` for version N (read-only).

// Lowercase only: one spec must never have two live documents under differently spelled names.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A parsed document name. `version` null: the live, editable document. */
export interface DocumentName {
  readonly specId: string;
  readonly version: number | null;
}

/** Parses a document name; null when it is not one (the connection is refused as not found). */
export function parseDocumentName(name: string): DocumentName | null {
  const [id = '', version, ...rest] = name.split(':');
  if (rest.length > 0 || !UUID.test(id)) return null;
  if (version === undefined) return { specId: id, version: null };
  const match = /^v([1-9][0-9]{0,8})$/.exec(version);
  return match?.[1] === undefined ? null : { specId: id, version: Number(match[1]) };
}

/** The Y.Text every document keeps the spec's Markdown in. */
export const TEXT_NAME = 'markdown';
