/** Tries per delivery, the first included. */
export const MAX_ATTEMPTS = 8;

/**
 * Delay before the try after `failedAttempts` failures: base * 2^(n-1), capped, with "equal
 * jitter" (between half and all of it) so receivers coming back are not hit by every node at once.
 */
export function retryDelayMs(failedAttempts: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const full = Math.min(maxMs, baseMs * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(full / 2 + random() * (full / 2));
}
