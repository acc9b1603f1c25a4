import { SpecEditError, setFooterField } from '../document/edits/index.js';
import { parse } from '../document/parse.js';
import type { FooterKey, Heading, SpecDocument } from '../document/types.js';
import { TemplateError } from './errors.js';
import type { Template } from './types.js';

export interface NewSpecInput {
  /** The spec's title; becomes the H1 text. Line breaks and runs of spaces become one space. */
  readonly title: string;
  /** Goes into the footer's Author field ('' leaves it blank). */
  readonly author: string;
  /** `YYYY-MM-DD`; goes into the footer's Last Updated field. */
  readonly date: string;
}

interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A new spec's text from a template: the title, the footer's author, Last Updated and status
 * (Draft) filled in by splicing (the footer through the model's setFooterField, which adds a
 * missing field or footer at the end); every other byte exactly as the template has it.
 */
export function newSpec(template: Template, input: NewSpecInput): string {
  const title = oneLine(input.title);
  if (title === '') throw new TemplateError('invalid_title', 'title must not be empty');
  if (title.length > 500) throw new TemplateError('invalid_title', 'title must be at most 500 characters');
  const author = oneLine(input.author);
  if (author.length > 200) throw new TemplateError('invalid_author', 'author must be at most 200 characters');
  if (!isValidDate(input.date)) throw new TemplateError('invalid_date', `date must be a real calendar date as YYYY-MM-DD, got ${JSON.stringify(input.date)}`);

  const doc = template.document;
  let filled = parse(applySplices(doc.source, [titleSplice(doc, title)]));
  const footerValues: [FooterKey, string][] = [['status', 'Draft']];
  if (author !== '') footerValues.push(['author', author]);
  footerValues.push(['lastUpdated', input.date]);
  for (const [key, value] of footerValues) {
    try {
      filled = setFooterField(filled, key, value);
    } catch (error) {
      // A template ending inside an open block cannot take a footer; the rest is still filled.
      if (!(error instanceof SpecEditError)) throw error;
    }
  }
  return filled.source;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function isValidDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Replaces the title heading's text, or adds an H1 at the top (after front matter) when there is none. */
function titleSplice(doc: SpecDocument, title: string): Splice {
  const heading = doc.title;
  if (!heading) {
    const at = doc.frontMatter ? lineEndAfter(doc.source, doc.frontMatter.end) : 0;
    const eol = detectEol(doc.source);
    return { start: at, end: at, text: `# ${title}${eol}${eol}` };
  }
  return heading.style === 'atx' ? atxTextSplice(doc.source, heading, title) : setextTextSplice(doc.source, heading, title);
}

function atxTextSplice(source: string, heading: Heading, title: string): Splice {
  const line = source.slice(heading.range.start, heading.range.end);
  let i = 0;
  while (line[i] === ' ') i += 1;
  while (line[i] === '#') i += 1;
  while (line[i] === ' ' || line[i] === '\t') i += 1;
  let end = line.length;
  while (end > i && (line[end - 1] === ' ' || line[end - 1] === '\t')) end -= 1;
  // An optional closing sequence of #s (preceded by a space) stays as the template wrote it.
  let hashes = end;
  while (hashes > i && line[hashes - 1] === '#') hashes -= 1;
  if (hashes < end && (hashes === i || line[hashes - 1] === ' ' || line[hashes - 1] === '\t')) {
    end = hashes;
    while (end > i && (line[end - 1] === ' ' || line[end - 1] === '\t')) end -= 1;
  }
  return { start: heading.range.start + i, end: heading.range.start + end, text: escapeClosingHashes(title) };
}

/** A title ending in " ##" would read as an ATX closing sequence; escaping its first hash keeps it text. */
function escapeClosingHashes(title: string): string {
  let run = title.length;
  while (run > 0 && title[run - 1] === '#') run -= 1;
  if (run === title.length || (run > 0 && title[run - 1] !== ' ')) return title;
  return `${title.slice(0, run)}\\${title.slice(run)}`;
}

function setextTextSplice(source: string, heading: Heading, title: string): Splice {
  // The text is every line of the heading but the underline.
  const text = source.slice(heading.range.start, heading.range.end);
  const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  let end = lastBreak;
  if (end > 0 && text[end - 1] === '\r' && text[end] === '\n') end -= 1;
  let start = 0;
  while (text[start] === ' ') start += 1;
  return { start: heading.range.start + start, end: heading.range.start + Math.max(start, end), text: title };
}

function applySplices(source: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => b.start - a.start);
  let out = source;
  for (const s of sorted) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

function detectEol(source: string): string {
  const nl = source.indexOf('\n');
  if (nl > 0 && source[nl - 1] === '\r') return '\r\n';
  return '\n';
}

function lineEndAfter(source: string, offset: number): number {
  let at = offset;
  if (source[at] === '\r') at += 1;
  if (source[at] === '\n') at += 1;
  return at;
}
