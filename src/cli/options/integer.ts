import { InvalidArgumentError } from 'commander';

/** Parses a non-negative integer option such as `--max-warnings 0`. */
export function parseNonNegativeInteger(value: string): number {
  if (!/^\s*\d+\s*$/.test(value)) throw new InvalidArgumentError('expected a non-negative integer.');
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a non-negative integer.');
  return n;
}
