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
  const t = text.trim();
  return (hasWhitespaceToCollapse(t) ? t.replace(/\s+/g, ' ') : t).toLowerCase();
}

/** The first line of a block that has text, without trailing spaces ('' if none): a cheap pre-check before normalizeBlock. */
export function firstTextLine(text: string): string {
  let start = 0;
  while (start < text.length) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end += 1;
    const line = text.slice(start, end).trimEnd();
    if (line !== '') return line;
    start = end + 1;
  }
  return '';
}

function hasWhitespaceToCollapse(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (text.charCodeAt(i + 1) === 32) return true;
    } else if (c <= 13 && c >= 9) return true;
    else if (c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff) {
      return true;
    }
  }
  return false;
}
