/**
 * Inputs that make naive Markdown code quadratic. Each shape takes a size n; the linear-time
 * check compares n with 10n. The sizes at 10n are the ones named in docs/benchmarks.md.
 */
export interface Shape {
  readonly name: string;
  /** n for the small input; the large one uses 10n. */
  readonly n: number;
  readonly unit: string;
  build(n: number): string;
}

export const SHAPES: readonly Shape[] = [
  {
    name: 'headings',
    n: 1_000,
    unit: 'headings',
    // Every level, ATX and setext, each followed by a short body: many sections, deep nesting.
    build: (n) => {
      const parts: string[] = ['# Title\n'];
      for (let i = 0; i < n; i += 1) {
        const level = (i % 6) + 1;
        parts.push(i % 7 === 3 ? `Heading ${i}\n${'='.repeat(8)}\n` : `${'#'.repeat(level)} Heading ${i}\n`, `Body ${i}.\n\n`);
      }
      return parts.join('');
    },
  },
  {
    name: 'long-line',
    n: 100_000,
    unit: 'characters on one line',
    // One paragraph line with inline markup and unclosed delimiters (emphasis and backtick scans).
    build: (n) => {
      const unit = 'word *em `code **strong [link](x) <b> _ ';
      return `# Title\n\n## Body\n${unit.repeat(Math.ceil(n / unit.length)).slice(0, n)}\n`;
    },
  },
  {
    name: 'list-items',
    n: 10_000,
    unit: 'list items',
    // Bullets, tasks and fields, nested up to 4 deep, all in one list.
    build: (n) => {
      const parts: string[] = ['# Title\n\n## Items\n'];
      for (let i = 0; i < n; i += 1) {
        const indent = '  '.repeat(i % 4);
        const body = i % 3 === 0 ? `[${i % 2 === 0 ? 'x' : ' '}] task ${i}` : i % 3 === 1 ? `Field ${i}: value` : `item ${i}`;
        parts.push(`${indent}- ${body}\n`);
      }
      return parts.join('');
    },
  },
  {
    name: 'nested-quotes',
    n: 1_000,
    unit: 'levels of nested block quotes',
    // One quote nested n deep with a list, heading and lazy continuation at the bottom.
    build: (n) => {
      const prefix = '>'.repeat(n);
      return `# Title\n\n## Quotes\n${prefix} deep quote\n${prefix} - item\n${prefix} ## heading\nlazy continuation\n`;
    },
  },
];
