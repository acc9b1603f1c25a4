/** Shortens text for a message: first line only, at most `max` characters. */
export function excerpt(text: string, max = 60): string {
  let end = 0;
  while (end < text.length && end <= max) {
    const c = text.charCodeAt(end);
    if (c === 10 || c === 13) break;
    end += 1;
  }
  const line = text.slice(0, end).trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}
