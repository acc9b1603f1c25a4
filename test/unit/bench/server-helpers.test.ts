import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/core/index.js';
import { searchTerms } from '../../../src/server/search/index.js';
import { percentile } from '../../../bench/server/latency.js';
import { processCpuMs } from '../../../bench/server/process-cpu.js';
import { parseRecordedResponse } from '../../../bench/server/recorded.js';
import { ResultTable } from '../../../bench/server/result-table.js';
import { COMMON_WORD, RARE_EVERY, RARE_WORD, SEED_LABELS, editedVersion, seedSpec, specOfSize } from '../../../bench/server/spec-text.js';

describe('bench/server helpers', () => {
  it('percentile is the nearest-rank value of sorted samples', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
    expect(() => percentile([], 50)).toThrow();
  });

  it('specOfSize gives the same template-shaped text each time, within 3% of the size', () => {
    const text = specOfSize(5 * 1024);
    expect(specOfSize(5 * 1024)).toBe(text);
    expect(Math.abs(Buffer.byteLength(text, 'utf8') - 5 * 1024)).toBeLessThanOrEqual(5 * 1024 * 0.03);
    expect(parse(text).allSections.length).toBeGreaterThan(10);
  });

  it('editedVersion changes one line per version and keeps every section and (about) the size', () => {
    const base = specOfSize(5 * 1024);
    const v2 = editedVersion(base, 2);
    const v3 = editedVersion(v2, 3);
    expect(v2).not.toBe(base);
    expect(v3).not.toBe(v2);
    expect(editedVersion(base, 3)).toBe(v3);
    expect(Math.abs(v3.length - v2.length)).toBeLessThanOrEqual(1);
    expect(parse(v3).allSections.map((s) => s.path)).toEqual(parse(base).allSections.map((s) => s.path));
  });

  it('seeded specs have ten sections, labels from the set, and the search words at the documented rates', () => {
    let common = 0;
    const parsed = 200;
    for (let i = 0; i < parsed; i += 1) {
      const spec = seedSpec(i);
      const doc = parse(spec.markdown);
      expect(doc.allSections).toHaveLength(10);
      expect(spec.labels.length).toBeGreaterThan(0);
      for (const label of spec.labels) expect(SEED_LABELS).toContain(label);
      common += doc.allSections.filter((s) => spec.markdown.slice(s.body.start, s.body.end).includes(COMMON_WORD)).length;
    }
    expect(common / (parsed * 10)).toBeGreaterThan(0.4);
    let rare = 0;
    for (let i = 0; i < 2 * RARE_EVERY; i += 1) if (seedSpec(i).markdown.includes(RARE_WORD)) rare += 1;
    expect(rare).toBe(2);
    expect(seedSpec(42)).toEqual(seedSpec(42));
    // Both must survive the search's stop-word filter to be real queries.
    expect(searchTerms(COMMON_WORD)).toEqual([COMMON_WORD]);
    expect(searchTerms(RARE_WORD)).toEqual([RARE_WORD]);
  });

  it('a recorded response round-trips through JSON and anything else is refused', () => {
    const recorded = { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', etag: '"a:1"' }, body: '{"x":"ü"}' };
    expect(parseRecordedResponse(JSON.stringify(recorded))).toEqual(recorded);
    expect(() => parseRecordedResponse('{"status":200}')).toThrow('not a recorded response');
  });

  it('the result table is Markdown with aligned columns and PASS/FAIL/- results', () => {
    const table = new ResultTable();
    table.add('GET spec req/s', '900 (bare 1,500, 0.60x)', '>= 0.50x bare', true);
    table.add('p95', '12 ms', '<= 10 ms', false);
    table.add('Seeding', '10 s', '', null);
    const lines = table.lines();
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^\| Measure +\| Result +\| Target +\| +\|$/);
    expect(lines[1]).toMatch(/^\|-+\|-+\|-+\|-+\|$/);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines.slice(2).map((l) => l.split('|')[4]?.trim())).toEqual(['PASS', 'FAIL', '-']);
  });

  it('reads the CPU time of a process from /proc (this one, which is using some)', () => {
    const cpu = processCpuMs(process.pid);
    if (process.platform !== 'linux') {
      expect(cpu).toBeNull();
      return;
    }
    expect(cpu).toBeGreaterThan(0);
    expect(processCpuMs(2 ** 22 + 12345)).toBeNull();
  });
});
