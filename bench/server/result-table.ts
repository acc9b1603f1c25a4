// The suite's summary: one Markdown table row per figure, printed at the end of the run so it can
// be pasted into docs/benchmarks.md as it is.

interface Row {
  readonly metric: string;
  readonly value: string;
  readonly target: string;
  /** null: a figure without a target, or a part that was skipped. */
  readonly pass: boolean | null;
}

export class ResultTable {
  private readonly rows: Row[] = [];

  add(metric: string, value: string, target: string, pass: boolean | null): void {
    this.rows.push({ metric, value, target, pass });
  }

  /** The table's lines (header, separator, rows). */
  lines(): string[] {
    const cells = this.rows.map((r) => [r.metric, r.value, r.target, r.pass === null ? '-' : r.pass ? 'PASS' : 'FAIL']);
    const header = ['Measure', 'Result', 'Target', ''];
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
    const line = (c: readonly string[]): string => `| ${c.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
    return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)];
  }
}
