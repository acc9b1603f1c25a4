import MarkdownIt from 'markdown-it';
import { getBuiltinTemplate, parse, serialize } from '../src/core/index.js';
import { lint, resolveLintConfig } from '../src/core/lint/index.js';
import type { Section } from '../src/core/index.js';
import { generateCorpus, type CorpusDoc } from './corpus/generate.js';
import type { BenchContext, BenchSuite } from './harness.js';
import { SHAPES } from './pathological.js';
import { LINEAR_OPERATIONS, measureLinear, type LinearMeasurement } from './linear.js';
import { median, sink, timeOnce } from './timing.js';

/** Fixed settings, the same with and without --check, so printed figures are comparable. */
const SETTINGS = {
  /** Warm-up: each target once over the first docs of the corpus (JIT, caches). */
  warmupDocs: 150,
  /** Timed passes over the whole corpus per target, interleaved; the median is reported. */
  runs: 3,
  /** Targets, as a multiple of markdown-it's time on the same corpus in the same run. */
  parseMaxRatio: 1.0,
  lintMaxRatio: 2.0,
  /** Linear time: 10x the input may cost at most this many times the time. */
  linearMaxRatio: 12,
  /** Samples per size are in LINEAR_SETTINGS (bench/linear.ts), each shape and operation in its own process. */
  /** A FAIL is measured again (up to this many attempts in all) before it stands: noise is not quadratic. */
  linearAttempts: 3,
} as const;

export const suite: BenchSuite = {
  name: 'core',
  description: 'parse / serialize / lint throughput against markdown-it on a generated 1,000-spec corpus; linear time on pathological input',
  async run(ctx) {
    throughput(ctx);
    await linearity(ctx);
  },
};

function throughput(ctx: BenchContext): void {
  const started = performance.now();
  const corpus = generateCorpus();
  const texts = corpus.map((d) => d.text);
  const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t, 'utf8'), 0);
  ctx.report(corpusLine(corpus, bytes, performance.now() - started));

  const md = new MarkdownIt();
  const template = getBuiltinTemplate('technical-specification');
  const config = resolveLintConfig();
  let roundTripFailures = 0;

  const targets = {
    'markdown-it parse': (list: readonly string[]) => {
      let tokens = 0;
      for (const text of list) tokens += md.parse(text, {}).length;
      return tokens;
    },
    'parse + section index + serialize': (list: readonly string[]) => {
      let sections = 0;
      for (const text of list) {
        const doc = parse(text);
        const index = new Map<string, Section>();
        for (const section of doc.allSections) index.set(section.path, section);
        sections += index.size;
        if (serialize(doc) !== text) roundTripFailures += 1;
      }
      return sections;
    },
    'parse + lint': (list: readonly string[]) => {
      let findings = 0;
      for (const text of list) findings += lint(parse(text), template, config).findings.length;
      return findings;
    },
  } as const;
  type Target = keyof typeof targets;
  const names = Object.keys(targets) as Target[];

  for (const name of names) sink(targets[name](texts.slice(0, SETTINGS.warmupDocs)));
  roundTripFailures = 0;
  const samples: Record<Target, number[]> = { 'markdown-it parse': [], 'parse + section index + serialize': [], 'parse + lint': [] };
  const wall: Record<Target, number[]> = { 'markdown-it parse': [], 'parse + section index + serialize': [], 'parse + lint': [] };
  for (let run = 0; run < SETTINGS.runs; run += 1) {
    // Interleaved so that drift (thermal, other load) hits every target alike.
    for (const name of names) {
      const t = timeOnce(() => targets[name](texts));
      samples[name].push(t.cpu);
      wall[name].push(t.wall);
    }
  }
  const ms = Object.fromEntries(names.map((n) => [n, median(samples[n])])) as Record<Target, number>;
  for (const name of names) {
    ctx.report(
      `${name.padEnd(34)} ${fmtMs(ms[name])} CPU  ${mbps(bytes, ms[name])}  (runs: ${samples[name].map(fmtMs).join(', ')}; wall: ${wall[name].map(fmtMs).join(', ')})`,
    );
  }

  const base = ms['markdown-it parse'];
  const parseRatio = ms['parse + section index + serialize'] / base;
  const lintRatio = ms['parse + lint'] / base;
  ctx.check(
    'round-trip',
    roundTripFailures === 0,
    `serialize(parse(text)) === text for ${roundTripFailures === 0 ? 'every' : `all but ${roundTripFailures / SETTINGS.runs} of the`} ${corpus.length} specs`,
  );
  ctx.check(
    'parse-vs-markdown-it',
    parseRatio <= SETTINGS.parseMaxRatio,
    `parse + section index + serialize = ${parseRatio.toFixed(2)}x markdown-it (target <= ${SETTINGS.parseMaxRatio.toFixed(1)}x); ${mbps(bytes, ms['parse + section index + serialize'])} vs ${mbps(bytes, base)}`,
  );
  ctx.check(
    'lint-vs-markdown-it',
    lintRatio <= SETTINGS.lintMaxRatio,
    `parse + lint = ${lintRatio.toFixed(2)}x markdown-it (target <= ${SETTINGS.lintMaxRatio.toFixed(1)}x); ${mbps(bytes, ms['parse + lint'])} vs ${mbps(bytes, base)}`,
  );
}

async function linearity(ctx: BenchContext): Promise<void> {
  for (const shape of SHAPES) {
    for (const operation of LINEAR_OPERATIONS) {
      const attempts: LinearMeasurement[] = [];
      for (let attempt = 0; attempt < SETTINGS.linearAttempts; attempt += 1) {
        const measured = await measureLinear(shape, operation);
        attempts.push(measured);
        if (measured.ratio <= SETTINGS.linearMaxRatio) break;
      }
      const best = attempts.reduce((a, b) => (b.ratio < a.ratio ? b : a));
      const tries = attempts.length > 1 ? `; best of ${attempts.length} attempts: ${attempts.map((a) => `${a.ratio.toFixed(1)}x`).join(', ')}` : '';
      ctx.check(
        `linear/${shape.name}/${operation}`,
        best.ratio <= SETTINGS.linearMaxRatio,
        `${(shape.n * 10).toLocaleString('en-US')} ${shape.unit} (${kb(best.largeBytes)}): ${fmtMs(best.large)} vs ${fmtMs(best.small)} (median CPU per call) for ${shape.n.toLocaleString('en-US')}: ${best.ratio.toFixed(1)}x time for 10x input (fastest samples ${best.minRatio.toFixed(1)}x; target <= ${SETTINGS.linearMaxRatio}x${tries})`,
      );
    }
  }
}

function corpusLine(corpus: readonly CorpusDoc[], bytes: number, ms: number): string {
  const sizes = corpus.map((d) => Buffer.byteLength(d.text, 'utf8')).sort((a, b) => a - b);
  const crlf = corpus.filter((d) => d.crlf).length;
  const unicode = corpus.filter((d) => d.unicode).length;
  return `corpus: ${corpus.length} specs, ${(bytes / 1e6).toFixed(1)} MB (min ${kb(sizes[0] ?? 0)}, median ${kb(median(sizes))}, max ${kb(sizes.at(-1) ?? 0)}; ${crlf} CRLF, ${unicode} with non-ASCII), generated in ${fmtMs(ms)}`;
}

function kb(value: number | string): string {
  const n = typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value;
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e3).toFixed(1)} KB`;
}

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`;
}

function mbps(bytes: number, ms: number): string {
  return `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;
}
