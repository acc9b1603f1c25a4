// Spec texts for the server benchmarks: realistic specs of a given size from the core corpus
// generator, and small seeded specs with a known number of sections and known word frequencies.
import { generateSpec } from '../corpus/generate.js';
import { Prng } from '../corpus/prng.js';

const CORPUS_SEED = 7;

/**
 * A spec written from the built-in template (headings, fields, tables, lists, code) whose UTF-8
 * size is within 3% of `bytes`; the same text on every run.
 */
export function specOfSize(bytes: number): string {
  const options = { seed: CORPUS_SEED, count: 1, minBytes: bytes * 0.97, maxBytes: bytes * 1.03 };
  for (let index = 0; index < 200; index += 1) {
    const { text } = generateSpec(options, index);
    const size = Buffer.byteLength(text, 'utf8');
    if (size >= options.minBytes && size <= options.maxBytes) return text;
  }
  throw new Error(`no corpus spec within 3% of ${bytes} bytes`);
}

/**
 * The same spec with one line changed to mark `version`: a small edit, as people make, that keeps
 * the size (within a few bytes) and every section.
 */
export function editedVersion(text: string, version: number): string {
  const marker = `Edited in revision ${version}.`;
  const firstBreak = text.indexOf('\n');
  const secondBreak = firstBreak < 0 ? -1 : text.indexOf('\n', firstBreak + 1);
  // Right after the title line and its blank line, before the template's first section.
  if (secondBreak < 0) return `${text}\n\n${marker}\n`;
  return `${text.slice(0, secondBreak + 1)}${marker}\n${text.slice(secondBreak + 1).replace(/^Edited in revision \d+\.\n/, '')}`;
}

/** Words of the seeded specs; none is a search stop word. */
const VOCABULARY = [
  'cache', 'queue', 'worker', 'retry', 'backoff', 'timeout', 'client', 'database', 'index', 'migration',
  'schema', 'payload', 'endpoint', 'token', 'session', 'tenant', 'replica', 'shard', 'partition', 'throughput',
  'budget', 'deadline', 'rollout', 'feature', 'flag', 'metric', 'alert', 'dashboard', 'trace', 'span',
  'event', 'stream', 'consumer', 'producer', 'broker', 'handles', 'stores', 'sends', 'reads', 'writes',
  'validates', 'rejects', 'retries', 'emits', 'records', 'consistent', 'idempotent', 'durable', 'eventual', 'strict',
  'optional', 'required', 'stale', 'fresh', 'bounded', 'upstream', 'downstream', 'ledger', 'invoice', 'quota',
] as const;

const SECTION_TITLES = ['Summary', 'Context', 'Goals', 'Non-goals', 'Design', 'API', 'Data model', 'Rollout', 'Risks', 'Open questions'] as const;

/** In about half of all sections: the "common word" search query. */
export const COMMON_WORD = 'latency';
/** In one spec of RARE_EVERY: the "rare word" search query. */
export const RARE_WORD = 'quasiperiodic';
export const RARE_EVERY = 2000;
/** Labels of the seeded specs: each gets one or two, so a label filter keeps about a third. */
export const SEED_LABELS = ['backend', 'frontend', 'security', 'infra', 'data'] as const;

export interface SeedSpec {
  readonly markdown: string;
  readonly labels: string[];
}

/**
 * Seeded spec `index`: a title and exactly SECTION_TITLES.length sections of a few sentences each
 * (about 2 KB), so 10,000 of them hold 100,000 sections.
 */
export function seedSpec(index: number): SeedSpec {
  const rng = new Prng(0x5eed0000 + index);
  const lines = [`# ${capitalize(rng.pick(VOCABULARY))} ${rng.pick(VOCABULARY)} ${index}`, ''];
  const rareSection = index % RARE_EVERY === 0 ? rng.int(0, SECTION_TITLES.length - 1) : -1;
  SECTION_TITLES.forEach((title, s) => {
    lines.push(`## ${title}`, '');
    const sentences: string[] = [];
    for (let n = rng.int(3, 5); n > 0; n -= 1) sentences.push(sentence(rng));
    if (rng.chance(0.5)) sentences.push(`The ${COMMON_WORD} budget is ${rng.int(5, 500)} ms.`);
    if (s === rareSection) sentences.push(`This path is ${RARE_WORD} under load.`);
    lines.push(sentences.join(' '), '');
  });
  const labels = [rng.pick(SEED_LABELS)];
  if (rng.chance(0.5)) labels.push(rng.pick(SEED_LABELS));
  return { markdown: lines.join('\n'), labels };
}

function sentence(rng: Prng): string {
  const words: string[] = [];
  for (let n = rng.int(6, 12); n > 0; n -= 1) words.push(rng.pick(VOCABULARY));
  return `${capitalize(words.join(' '))}.`;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
