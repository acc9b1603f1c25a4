// Fixed settings of the server suite, the same with and without --check, so that printed figures
// are comparable from run to run. Chosen so the whole suite takes under about 4 minutes on 2 cores.

/**
 * The server under test logs as `npm start` does by default (info: a line per request), to stdout
 * that goes to /dev/null: logging is part of what a request costs in production.
 */
export const SERVER_LOG_LEVEL = 'info';

export const GET_SETTINGS = {
  specBytes: 50 * 1024,
  connections: 10,
  warmupSeconds: 3,
  /** Alternating bare/app runs; the medians are compared. */
  rounds: 3,
  durationSeconds: 5,
  minRatio: 0.5,
} as const;

export const LIST_SEARCH_SETTINGS = {
  specs: 10_000,
  /** Concurrent createSpec calls while seeding PostgreSQL (SQLite writes one at a time anyway). */
  seedConcurrency: 8,
  pageSize: 50,
  /** The "later page": the cursor after this many pages of the filtered list. */
  laterPage: 20,
  warmup: 30,
  samples: 300,
  /** ...or fewer, when a route is so slow that 300 would take longer than this. */
  maxSecondsPerCase: 6,
  maxP95Ms: 10,
} as const;

export const UPDATE_SETTINGS = {
  specBytes: 5 * 1024,
  /** Specs updated in parallel, one chain of If-Match PUTs per spec (each needs the latest ETag). */
  chains: 8,
  warmupPerChain: 25,
  durationSeconds: 8,
  minPerSecond: 1000,
  /** Database growth per 1,000 revisions, as a multiple of 1,000 x the spec's size. */
  maxGrowthRatio: 1.5,
} as const;
