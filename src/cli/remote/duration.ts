import { InvalidArgumentError } from 'commander';

const HOURS: Readonly<Record<string, number>> = { h: 1, d: 24, w: 24 * 7 };
/** The server's limit for invites (90 days). */
export const MAX_INVITE_HOURS = 2160;

/** Parses `--expires` values such as `48h`, `7d`, `2w` into whole hours (1 hour to 90 days). */
export function parseExpiry(value: string): number {
  const match = /^\s*(\d{1,5})\s*([hdw])\s*$/i.exec(value);
  const unit = match ? HOURS[(match[2] ?? '').toLowerCase()] : undefined;
  if (!match || unit === undefined) throw new InvalidArgumentError('expected a duration such as 48h, 7d or 2w.');
  const hours = Number(match[1]) * unit;
  if (hours < 1 || hours > MAX_INVITE_HOURS) throw new InvalidArgumentError('expected a duration from 1h to 90d.');
  return hours;
}
