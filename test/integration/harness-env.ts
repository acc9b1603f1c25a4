// Which external services the integration suites run against, and the rule for missing ones:
// without TEST_DATABASE_URL / TEST_REDIS_URL a suite is skipped and says so, but under CI it fails.

export const isCI = ['true', '1'].includes((process.env.CI ?? '').toLowerCase());

export const testDatabaseUrl = nonEmpty(process.env.TEST_DATABASE_URL);
export const testRedisUrl = nonEmpty(process.env.TEST_REDIS_URL);

/** Short random suffix for per-worker database names and key prefixes. */
export function uniqueSuffix(): string {
  const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? '0';
  return `${worker}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value.trim();
}
