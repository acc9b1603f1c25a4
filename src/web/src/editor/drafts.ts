// Unsaved editor text survives a reload or a crash: kept in localStorage until a save succeeds.

export interface Draft {
  text: string;
  /** The ETag the text was based on: saving a stale draft meets the 412 conflict flow. */
  etag: string;
  revision: number;
}

const keyOf = (ws: string, n: string) => `specboard:draft:${ws.toUpperCase()}:${n}`;

export function loadDraft(ws: string, n: string): Draft | null {
  try {
    const raw = window.localStorage.getItem(keyOf(ws, n));
    return raw === null ? null : (JSON.parse(raw) as Draft);
  } catch {
    return null;
  }
}

export function saveDraft(ws: string, n: string, draft: Draft): void {
  try {
    window.localStorage.setItem(keyOf(ws, n), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the editor still holds the text.
  }
}

export function clearDraft(ws: string, n: string): void {
  try {
    window.localStorage.removeItem(keyOf(ws, n));
  } catch {
    // As above.
  }
}
