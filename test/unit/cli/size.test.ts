import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { formatSize, parseSize } from '../../../src/cli/options/size.js';

describe('--max-size values', () => {
  it.each([
    ['500000', 500_000],
    ['512KB', 512 * 1024],
    ['512k', 512 * 1024],
    ['10MB', 10 * 1024 * 1024],
    ['1.5M', 1.5 * 1024 * 1024],
    ['1GiB', 1024 ** 3],
  ])('%s = %d bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(['', 'big', '-1', '0', '10 parsecs', '1e9', '0.1'])('%j is refused', (text) => {
    expect(() => parseSize(text)).toThrow(InvalidArgumentError);
  });

  it('formats sizes for messages', () => {
    expect(formatSize(900)).toBe('900 bytes');
    expect(formatSize(1024)).toBe('1 KB');
    expect(formatSize(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatSize(52_428_800 + 400_000)).toBe('50.4 MB');
  });
});
