import { BUILTIN_TEMPLATE_DATA } from '../../src/core/templates/builtin-data.generated.js';
import { Prng } from './prng.js';
import { CODE_LANGS, HTTP_METHODS, NAMES, TECHNOLOGIES, UNICODE_WORDS, WORDS } from './vocabulary.js';

export interface CorpusOptions {
  readonly seed: number;
  readonly count: number;
  readonly minBytes: number;
  readonly maxBytes: number;
}

export const DEFAULT_CORPUS: CorpusOptions = { seed: 20240611, count: 1000, minBytes: 5 * 1024, maxBytes: 200 * 1024 };

export interface CorpusDoc {
  readonly name: string;
  readonly text: string;
  readonly crlf: boolean;
  readonly unicode: boolean;
}

/**
 * Specs as people write them from the built-in template: its headings and fields filled in, each
 * section grown with prose, lists, task lists, tables and code until the document reaches a size
 * drawn log-uniformly from [minBytes, maxBytes]. About 10% use CRLF line endings and 30% contain
 * non-ASCII text. Document i depends only on (seed, i).
 */
export function generateCorpus(options: CorpusOptions = DEFAULT_CORPUS): CorpusDoc[] {
  const docs: CorpusDoc[] = [];
  for (let i = 0; i < options.count; i += 1) docs.push(generateSpec(options, i));
  return docs;
}

/** One document of the corpus. */
export function generateSpec(options: CorpusOptions, index: number): CorpusDoc {
  const rng = new Prng(hash(options.seed, index));
  const target = rng.logUniform(options.minBytes, options.maxBytes);
  const unicode = rng.chance(0.3);
  const crlf = rng.chance(0.1);
  // Section budgets are estimates; the rare document that lands outside the range is redrawn.
  const render = (size: number): string => {
    const text = new SpecWriter(rng, unicode, size).write();
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  };
  let text = render(target);
  for (let scale = 1.15; scale < 2 && byteLength(text) < options.minBytes; scale += 0.15) text = render(target * scale);
  for (let scale = 0.9; scale > 0.5 && byteLength(text) > options.maxBytes; scale -= 0.1) text = render(target * scale);
  return {
    name: `spec-${String(index).padStart(4, '0')}.md`,
    text,
    crlf,
    unicode,
  };
}

const TEMPLATE_LINES = templateSource().split('\n');
const TEMPLATE_SECTIONS = TEMPLATE_LINES.filter((line) => /^#{2,6} /.test(line)).length;
/** About what the template weighs once its fields are filled in. */
const FILLED_TEMPLATE_BYTES = 8000;

function templateSource(): string {
  const data = BUILTIN_TEMPLATE_DATA.find((t) => t.id === 'technical-specification');
  if (!data) throw new Error('built-in template technical-specification is missing');
  return data.source;
}

class SpecWriter {
  private readonly out: string[] = [];
  private size = 0;
  private sectionStart = 0;
  private sectionsLeft = TEMPLATE_SECTIONS;
  private budget = 0;
  private lastLine = '';
  /** Small targets drop whole H2 sections, as authors delete what does not apply. */
  private readonly skipChance: number;

  constructor(
    private readonly rng: Prng,
    private readonly unicode: boolean,
    private readonly target: number,
  ) {
    this.skipChance = Math.min(0.5, Math.max(0, 1 - target / FILLED_TEMPLATE_BYTES));
  }

  write(): string {
    let inFence = false;
    let tableColumns = 0;
    let skipping = false;
    for (const [index, line] of TEMPLATE_LINES.entries()) {
      if (index === 0) {
        this.push(`# ${this.title()}`);
        continue;
      }
      if (line.startsWith('## ') || line === '---') {
        skipping = line !== '---' && index > 3 && this.rng.chance(this.skipChance);
      }
      if (skipping) {
        if (/^#{2,6} /.test(line)) this.sectionsLeft -= 1;
        continue;
      }
      if (line.startsWith('```')) {
        inFence = !inFence;
        this.push(line);
        continue;
      }
      if (inFence) {
        this.push(line);
        continue;
      }
      if (/^#{2,6} /.test(line)) {
        this.growSection();
        this.push(line.replace('[Feature Name]', this.phrase(2, 4)));
        this.startSection();
        continue;
      }
      if (line.startsWith('|')) {
        const cells = line.split('|').length - 2;
        if (/^\|[-\s|:]*-[-\s|:]*\|$/.test(line) || tableColumns === 0) {
          tableColumns = cells;
          this.push(line);
        } else {
          for (let r = this.rng.int(1, 4); r > 0; r -= 1) this.push(this.tableRow(cells));
        }
        continue;
      }
      tableColumns = 0;
      this.push(this.fill(line));
    }
    const text = this.out.join('\n');
    return this.rng.chance(0.9) ? `${text}\n` : text;
  }

  private push(line: string): void {
    if (line === '' && this.lastLine === '') return;
    this.out.push(line);
    this.lastLine = line;
    this.size += line.length + 1;
  }

  /** Shares what is left of the target among the sections still to come, so sizes land close. */
  private startSection(): void {
    this.sectionStart = this.size;
    const left = this.target - this.size - (FILLED_TEMPLATE_BYTES / TEMPLATE_SECTIONS) * this.sectionsLeft;
    this.budget = Math.max(0, left / Math.max(1, this.sectionsLeft));
    this.sectionsLeft -= 1;
  }

  /** Adds blocks to the current section until it has its share of the document's size. */
  private growSection(): void {
    let guard = 0;
    while (this.size - this.sectionStart < this.budget && guard < 1000) {
      guard += 1;
      this.push('');
      const kind = this.rng.next();
      if (kind < 0.45) this.push(this.paragraph());
      else if (kind < 0.6) this.list('- ');
      else if (kind < 0.68) this.taskList();
      else if (kind < 0.8) this.table();
      else if (kind < 0.92) this.codeBlock();
      else this.list('1. ');
    }
    if (this.size > this.sectionStart) this.push('');
  }

  private fill(line: string): string {
    if (line.startsWith('<!--')) return this.rng.chance(0.5) ? line : this.sentence();
    if (line.startsWith('**Document Status**')) {
      return `**Document Status**: ${this.rng.pick(['Draft', 'In Review', 'Approved'])}`;
    }
    if (line.startsWith('**Author**')) return `**Author**: ${this.rng.pick(NAMES)}`;
    if (line.startsWith('**Last Updated**')) return `**Last Updated**: ${this.date()}`;
    if (line.startsWith('**Reviewers**')) return `**Reviewers**: ${this.rng.pick(NAMES)}, ${this.rng.pick(NAMES)}`;
    if (line.startsWith('**Approval Date**')) return this.rng.chance(0.5) ? line : `**Approval Date**: ${this.date()}`;
    const task = /^(\s*)- \[ \] ?(.*)$/.exec(line);
    if (task) return `${task[1] ?? ''}- [${this.rng.chance(0.4) ? 'x' : ' '}] ${task[2] ?? ''}${this.phrase(3, 10)}`;
    if (/:\s*$/.test(line) && /^\s*[-*] /.test(line)) {
      // Some fields stay blank, as in real drafts; lint should find those.
      return this.rng.chance(0.85) ? `${line.trimEnd()} ${this.value()}` : line;
    }
    if (/^\s*(?:[-*]|\d+\.)\s*$/.test(line)) return `${line.trimEnd()} ${this.sentence()}`;
    return line;
  }

  private title(): string {
    const words = this.phrase(2, 6);
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  private date(): string {
    return `20${this.rng.int(22, 26)}-${pad(this.rng.int(1, 12))}-${pad(this.rng.int(1, 28))}`;
  }

  private value(): string {
    const kind = this.rng.next();
    if (kind < 0.3) return this.rng.pick(TECHNOLOGIES);
    if (kind < 0.5) return `${this.rng.int(1, 999)} ${this.rng.pick(['ms', 'req/s', 'GB', '%', 'users', 'days'])}`;
    return this.phrase(2, 12);
  }

  private word(): string {
    if (this.unicode && this.rng.chance(0.04)) return this.rng.pick(UNICODE_WORDS);
    return this.rng.pick(WORDS);
  }

  private phrase(min: number, max: number): string {
    const words: string[] = [];
    for (let n = this.rng.int(min, max); n > 0; n -= 1) words.push(this.word());
    return words.join(' ');
  }

  private sentence(): string {
    const words: string[] = [];
    for (let n = this.rng.int(8, 24); n > 0; n -= 1) {
      const word = this.word();
      const markup = this.rng.next();
      if (markup < 0.03) words.push(`\`${word}\``);
      else if (markup < 0.05) words.push(`**${word}**`);
      else if (markup < 0.06) words.push(`*${word}*`);
      else if (markup < 0.07) words.push(`[${word}](https://example.com/${word.replace(/\W+/g, '-')})`);
      else words.push(word);
    }
    const text = words.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  }

  private paragraph(): string {
    const sentences: string[] = [];
    for (let n = this.rng.int(2, 7); n > 0; n -= 1) sentences.push(this.sentence());
    return sentences.join(' ');
  }

  private list(marker: string): void {
    for (let n = this.rng.int(2, 8); n > 0; n -= 1) {
      const nested = marker === '- ' && this.rng.chance(0.2);
      this.push(`${nested ? '  ' : ''}${marker}${this.rng.chance(0.3) ? `**${this.phrase(1, 2)}**: ` : ''}${this.sentence()}`);
    }
  }

  private taskList(): void {
    for (let n = this.rng.int(2, 6); n > 0; n -= 1) {
      this.push(`- [${this.rng.chance(0.5) ? 'x' : ' '}] ${this.phrase(3, 12)}`);
    }
  }

  private table(): void {
    const columns = this.rng.int(2, 6);
    const header: string[] = [];
    for (let c = 0; c < columns; c += 1) header.push(this.phrase(1, 2));
    this.push(`| ${header.join(' | ')} |`);
    this.push(`|${header.map(() => '---').join('|')}|`);
    for (let r = this.rng.int(2, 12); r > 0; r -= 1) this.push(this.tableRow(columns));
  }

  private tableRow(columns: number): string {
    const cells: string[] = [];
    for (let c = 0; c < columns; c += 1) {
      const kind = this.rng.next();
      if (kind < 0.15) cells.push(`${this.rng.pick(HTTP_METHODS)} /api/v1/${this.rng.pick(WORDS)}`);
      else if (kind < 0.3) cells.push(String(this.rng.int(0, 10000)));
      else if (kind < 0.35) cells.push('');
      else cells.push(this.phrase(1, 6));
    }
    return `| ${cells.join(' | ')} |`;
  }

  private codeBlock(): void {
    const lang = this.rng.pick(CODE_LANGS);
    this.push(`\`\`\`${lang}`);
    for (let n = this.rng.int(3, 25); n > 0; n -= 1) {
      const indent = '  '.repeat(this.rng.int(0, 3));
      this.push(`${indent}${this.rng.pick(WORDS)}_${this.rng.pick(WORDS)}(${this.rng.int(0, 99)}); // ${this.phrase(2, 6)}`);
    }
    this.push('```');
  }
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function hash(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
