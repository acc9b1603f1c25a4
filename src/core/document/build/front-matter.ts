import type { LineTable } from '../../text/line-table.js';
import { rangeFromLines } from '../../text/line-table.js';
import type { SourceRange } from '../types.js';

function isDelimiterLine(src: string, start: number, end: number, marker: string): boolean {
  if (!src.startsWith(marker, start)) return false;
  for (let p = start + marker.length; p < end; p++) {
    const c = src.charCodeAt(p);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** YAML front matter: `---` on the first line (after a BOM) up to a `---` or `...` line. */
export function detectFrontMatter(src: string, lines: LineTable): { range: SourceRange; nextLine: number } | null {
  if (lines.count < 2) return null;
  const first = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!isDelimiterLine(src, first, lines.ends[0] ?? 0, '---')) return null;
  for (let l = 1; l < lines.count; l++) {
    const s = lines.starts[l] ?? 0;
    const e = lines.ends[l] ?? 0;
    if (isDelimiterLine(src, s, e, '---') || isDelimiterLine(src, s, e, '...')) {
      return { range: rangeFromLines(first, e, 0, l), nextLine: l + 1 };
    }
  }
  return null;
}
