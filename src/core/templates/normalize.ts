/**
 * The form in which template text and document text are compared: LF line endings, no trailing
 * spaces, no leading or trailing blank lines. Linear in the input.
 */
export function normalizeBlock(text: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  const out: string[] = [];
  for (const line of lines) out.push(line.trimEnd());
  let first = 0;
  while (first < out.length && out[first] === '') first += 1;
  let last = out.length - 1;
  while (last >= first && out[last] === '') last -= 1;
  return out.slice(first, last + 1).join('\n');
}

/** Lower-cased text with runs of whitespace collapsed; for comparing comments and cells. */
export function normalizeInline(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}
