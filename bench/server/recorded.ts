// A response recorded from the real server, replayed byte for byte by the bare baseline.

export const BARE_PATH = '/bare';

export interface RecordedResponse {
  readonly status: number;
  /** Every response header except those the HTTP layer sets per response or per connection. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

// Written by Node's HTTP layer for each response; replaying a recorded value would be wrong.
const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/** Fetches `url` once and keeps what the baseline must send to be byte-for-byte the same response. */
export async function recordResponse(url: string, headers: Readonly<Record<string, string>>): Promise<RecordedResponse> {
  const response = await fetch(url, { headers });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`recording ${url}: HTTP ${response.status} ${body.slice(0, 500)}`);
  const kept: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!PER_RESPONSE.has(name)) kept[name] = value;
  });
  return { status: response.status, headers: kept, body };
}

export function parseRecordedResponse(text: string): RecordedResponse {
  const value: unknown = JSON.parse(text);
  if (
    typeof value !== 'object' || value === null ||
    !('status' in value) || typeof value.status !== 'number' ||
    !('body' in value) || typeof value.body !== 'string' ||
    !('headers' in value) || typeof value.headers !== 'object' || value.headers === null
  ) {
    throw new Error('not a recorded response');
  }
  const headers: Record<string, string> = {};
  for (const [name, item] of Object.entries(value.headers)) if (typeof item === 'string') headers[name] = item;
  return { status: value.status, headers, body: value.body };
}
