// Progress of a command that works through many files: a redrawn bar on a terminal, one plain
// line per file otherwise (logs, CI), nothing with --quiet.
import type { OutputStream } from './io.js';
import { displayWidth } from './text-width.js';

export type ProgressMode = 'bar' | 'lines' | 'quiet';

/** One file done: `action` is a past-tense word (created, updated, unchanged, failed, ...). */
export interface FileOutcome {
  readonly path: string;
  readonly action: string;
  /** The spec key, when there is one. */
  readonly key?: string | undefined;
  /** The error code of a failure. */
  readonly code?: string | undefined;
}

export function chooseProgressMode(stream: OutputStream, quiet: boolean): ProgressMode {
  if (quiet) return 'quiet';
  return stream.isTTY === true ? 'bar' : 'lines';
}

const BAR_WIDTH = 24;
const CLEAR_LINE = '\r\u001b[2K';

export class Progress {
  private done = 0;
  private drawn = false;

  constructor(
    private readonly stream: OutputStream,
    readonly mode: ProgressMode,
    private readonly total: number,
  ) {}

  /** Work on `path` starts. */
  working(path: string): void {
    if (this.mode === 'bar') this.draw(path);
  }

  /** A file is finished. */
  finished(outcome: FileOutcome): void {
    this.done++;
    if (this.mode === 'lines') this.stream.write(`${formatOutcome(outcome)}\n`);
    if (this.mode === 'bar') this.draw(outcome.path);
  }

  /** A message between files (e.g. waiting out a rate limit), kept above the bar. */
  notice(text: string): void {
    if (this.mode === 'quiet') return;
    this.clear();
    this.stream.write(`${text}\n`);
  }

  /** Removes the bar, before the summary is printed. */
  clear(): void {
    if (!this.drawn) return;
    this.stream.write(CLEAR_LINE);
    this.drawn = false;
  }

  private draw(path: string): void {
    const filled = this.total === 0 ? BAR_WIDTH : Math.round((this.done / this.total) * BAR_WIDTH);
    const head = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${this.done}/${this.total} `;
    const columns = columnsOf(this.stream);
    this.stream.write(`${CLEAR_LINE}${head}${fitLeft(path, Math.max(10, columns - head.length - 1))}`);
    this.drawn = true;
  }
}

/** `created   SPEC-12   docs/intro.md`, `failed    -         bad.md (invalid_utf8)`. */
export function formatOutcome(outcome: FileOutcome): string {
  const code = outcome.code === undefined ? '' : ` (${outcome.code})`;
  return `${outcome.action.padEnd(9)} ${(outcome.key ?? '-').padEnd(10)} ${outcome.path}${code}`;
}

function columnsOf(stream: OutputStream): number {
  const columns = (stream as { columns?: unknown }).columns;
  return typeof columns === 'number' && columns > 0 ? columns : 80;
}

/** Keeps the end of a long path (the file name matters most), marking the cut with `...`. */
function fitLeft(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  const chars = [...text];
  while (chars.length > 0 && displayWidth(chars.join('')) > width - 3) chars.shift();
  return `...${chars.join('')}`;
}
