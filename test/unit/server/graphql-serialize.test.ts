// The /graphql serializer writes exactly what JSON.stringify would, however it gets there (large
// strings kept encoded, pre-serialized values, answers kept whole), and never alters the answer.
import { describe, expect, it } from 'vitest';
import { keptStats } from '../../../src/server/api/graphql/kept-answers.js';
import { PreSerialized, serializeGraphqlAnswer } from '../../../src/server/api/graphql/serialize.js';

const text = (value: unknown): string => {
  const out = serializeGraphqlAnswer(value);
  return typeof out === 'string' ? out : out.toString('utf8');
};

const large = (seed: string): string => `# ${seed}\n\n${'Ünïcode "quoted" \\ back\tslash and \u2028 line ✓ '.repeat(400)}`;

describe('graphql answer serializer', () => {
  it('writes what JSON.stringify writes, with and without large strings', () => {
    const markdown = large('a');
    const cases: unknown[] = [
      { data: { spec: { id: 'x', n: 1, ok: true, none: null, gone: undefined, list: [1, 'two', null, undefined], nested: { deep: [{ a: 'b' }] } } } },
      { data: { spec: { markdown, title: 'T', author: { id: '1', name: 'Ann "A"' } } }, errors: [{ message: 'm', extensions: { code: 'x' } }] },
      { data: { items: [{ markdown }, { markdown: large('b') }, { markdown }] } },
      { data: { at: new Date(0), json: { 'weird key "\\': markdown, 'ключ': 1 } } },
      { data: null, errors: [{ message: 'no' }] },
    ];
    for (const value of cases) {
      const before = JSON.stringify(value);
      expect(text(value)).toBe(before);
      // Twice (the second may come from the answers kept whole), and the answer is unchanged.
      expect(text(value)).toBe(before);
      expect(JSON.stringify(value)).toBe(before);
    }
  });

  it('writes pre-serialized values as their value, small or large', () => {
    const outline = [{ path: 'a', title: 'A', children: [] }];
    const big = Array.from({ length: 200 }, (_, i) => ({ path: `s${i}`, title: `Section ${i} ✓`, level: 2, line: i, children: [] }));
    for (const sections of [outline, big]) {
      const value = { data: { spec: { id: '1', markdown: large('c'), sections: new PreSerialized(() => sections) } } };
      const expected = JSON.stringify({ data: { spec: { id: '1', markdown: value.data.spec.markdown, sections } } });
      expect(text(value)).toBe(expected);
      expect(text(value)).toBe(expected);
    }
  });

  it('a changed answer is never served from the answers kept whole', () => {
    const markdown = large('d');
    expect(text({ data: { spec: { title: 'One', markdown } } })).toBe(JSON.stringify({ data: { spec: { title: 'One', markdown } } }));
    expect(text({ data: { spec: { title: 'Two', markdown } } })).toBe(JSON.stringify({ data: { spec: { title: 'Two', markdown } } }));
    const other = large('e');
    expect(text({ data: { spec: { title: 'Two', markdown: other } } })).toBe(JSON.stringify({ data: { spec: { title: 'Two', markdown: other } } }));
  });

  it('leaves frozen parts and getters as they are', () => {
    const markdown = large('f');
    const frozen = Object.freeze({ markdown });
    const withGetter = { get markdown(): string { return markdown; } };
    for (const part of [frozen, withGetter]) {
      const value = { data: { part } };
      expect(text(value)).toBe(JSON.stringify(value));
    }
    expect(frozen.markdown).toBe(markdown);
  });

  it('keeps at most 32 answers and 16 MB (none over 1 MB); an answer found again is spared by the next eviction', () => {
    const often = { data: { spec: { title: 'often', markdown: large('often') } } };
    const first = serializeGraphqlAnswer(often);
    for (let i = 0; i < 40; i++) {
      expect(serializeGraphqlAnswer(often)).toBe(first); // the same Buffer: kept, and found
      text({ data: { spec: { title: `other ${i}`, markdown: large(`other ${i}`) } } });
    }
    expect(keptStats().answers).toBeLessThanOrEqual(32);
    for (let i = 0; i < 20; i++) {
      const big = { data: { big: `${'y'.repeat(900 * 1024)}${i}` } };
      expect(text(big)).toBe(JSON.stringify(big));
    }
    expect(keptStats().bytes).toBeLessThanOrEqual(16 * 1024 * 1024);
    const before = keptStats();
    const huge = { data: { huge: 'z'.repeat(1024 * 1024 + 1) } };
    expect(text(huge)).toBe(JSON.stringify(huge));
    expect(keptStats()).toEqual(before);
  });
});
