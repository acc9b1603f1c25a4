/**
 * What an approval pins: the content without the status footer fields the server manages
 * (Document Status, Reviewers, Approval Date, Last Updated, Author). Footer writes by the server
 * change only those, so they never make an approval stale; any other byte does.
 */
import type { SpecDocument } from '../document/types.js';
import { sha256Text } from '../text/sha256.js';

/**
 * The text an approval is about: the source with the footer's managed field lines and its
 * thematic break taken out (other lines of the footer paragraph stay), trailing whitespace
 * removed (adding a footer at the end appends line endings).
 */
export function approvalText(doc: SpecDocument): string {
  const footer = doc.footer;
  const src = doc.source;
  if (!footer) return src.trimEnd();
  const managedStarts = Object.values(footer.fields).map((field) => field.range.start);
  const { start, end } = footer.range;
  const kept: string[] = [];
  // Footer lines with their line endings; a line that holds a managed field goes.
  const lines = src.slice(start, end).match(/[^\r\n]*(?:\r\n|\r|\n|$)/g) ?? [];
  let lineStart = start;
  for (const line of lines) {
    if (line === '') continue;
    const lineEnd = lineStart + line.length;
    const managed = managedStarts.some((s) => s >= lineStart && s < lineEnd);
    const isBreak = lineStart === start && /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*(?:\r\n|\r|\n)?$/.test(line);
    if (!managed && !isBreak) kept.push(line);
    lineStart = lineEnd;
  }
  return (src.slice(0, start) + kept.join('') + src.slice(end)).trimEnd();
}

/** SHA-256 (hex) of approvalText(doc): equal for two revisions that differ only in managed footer fields. */
export function approvalHash(doc: SpecDocument): string {
  return sha256Text(approvalText(doc));
}
