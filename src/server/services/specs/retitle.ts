import { lineEndingOf, parse, type SpecDocument } from '../../../core/index.js';

/** A title ending in " ##" would read as an ATX closing sequence: escaping its first hash keeps it text. */
function escapeClosingHashes(title: string): string {
  let run = title.length;
  while (run > 0 && title[run - 1] === '#') run -= 1;
  if (run === title.length || (run > 0 && title[run - 1] !== ' ')) return title;
  return `${title.slice(0, run)}\\${title.slice(run)}`;
}

/**
 * The document with its H1 text replaced (an ATX closing sequence goes; a setext underline stays),
 * or with `# title` added at the top (after front matter) when it has none. Every other byte is kept.
 */
export function retitle(doc: SpecDocument, title: string): SpecDocument {
  const src = doc.source;
  const heading = doc.title;
  if (heading === null) {
    const eol = lineEndingOf(src);
    let at = doc.frontMatter?.end ?? 0;
    if (doc.frontMatter !== null) {
      if (src[at] === '\r') at += 1;
      if (src[at] === '\n') at += 1;
    }
    return parse(`${src.slice(0, at)}# ${escapeClosingHashes(title)}${eol}${eol}${src.slice(at)}`);
  }
  const { start, end } = heading.range;
  const text = src.slice(start, end);
  if (heading.style === 'atx') {
    const marks = /^ {0,3}#+[ \t]*/.exec(text)?.[0] ?? '#';
    const open = /[ \t]$/.test(marks) ? marks : `${marks} `;
    return parse(src.slice(0, start) + open + escapeClosingHashes(title) + src.slice(end));
  }
  // Setext: the text lines, then the underline on the last line.
  const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  let textEnd = lastBreak;
  if (textEnd > 0 && text[textEnd - 1] === '\r' && text[textEnd] === '\n') textEnd -= 1;
  return parse(src.slice(0, start) + title + src.slice(start + Math.max(0, textEnd)));
}
