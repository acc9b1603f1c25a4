import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type TrustProxy = boolean | number | string[];

export type DatabaseConfig =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | { readonly dialect: 'postgres'; readonly url: string; readonly poolMax: number };

export interface RateLimitConfig {
  /** Sign-in, setup and invites: requests per window per client. */
  readonly strict: number;
  readonly write: number;
  readonly read: number;
  readonly windowMs: number;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  readonly redisUrl: string | null;
  /** Prefix for every Redis key this server writes (tests use one per worker). */
  readonly redisKeyPrefix: string;
  readonly logLevel: LogLevel;
  /** Origin the browser sees, e.g. https://specs.example.com; null = derive from the Host header. */
  readonly publicUrl: string | null;
  readonly bodyLimit: number;
  readonly trustProxy: TrustProxy;
  readonly sessionTtlHours: number;
  readonly inviteTtlHours: number;
  readonly rateLimit: RateLimitConfig;
  /** Bearer token required by /metrics; null = open. */
  readonly metricsToken: string | null;
  readonly shutdownTimeoutMs: number;
  /** Built web client; served when it contains index.html. */
  readonly webDir: string;
  readonly events: EventsConfig;
  readonly webhooks: WebhooksConfig;
}

/** Webhook deliveries (docs/webhooks.md). */
export interface WebhooksConfig {
  /** Allow targets on private, loopback and link-local addresses (refused by default). */
  readonly allowPrivate: boolean;
  /** First retry delay; each further retry doubles it (with jitter), up to retryMaxMs. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** Per-attempt HTTP timeout. */
  readonly timeoutMs: number;
  /** How often each node looks for due deliveries (new events wake it at once). */
  readonly pollMs: number;
  /** Finished deliveries (succeeded, or failed for good) older than this are deleted; 0 keeps them. */
  readonly deliveryRetentionDays: number;
}

/** Live events (docs/events.md). */
export interface EventsConfig {
  /** How long events stay replayable after a reconnect; older ones are deleted. */
  readonly retentionHours: number;
  /** A client whose unsent data passes this is disconnected (slow consumer). */
  readonly maxBufferedBytes: number;
  /** Period of the credential and access re-check of every open connection. */
  readonly recheckSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

// Both src/server/config.ts and dist/server/config.js sit two levels below the package root.
const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads the server configuration from environment variables; throws ConfigError listing every problem. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const port = read.integer('PORT', 3000, 0, 65535);
  const host = read.string('HOST', '0.0.0.0');
  const dataDir = resolveFrom(cwd, read.string('DATA_DIR', './data'));
  const database = readDatabase(read, dataDir, cwd);
  const redisUrl = read.optionalUrl('REDIS_URL', ['redis:', 'rediss:']);
  const publicUrl = readPublicUrl(read);
  const logLevel = read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info');
  const bodyLimit = read.byteSize('BODY_LIMIT', 1024 * 1024);
  const trustProxy = readTrustProxy(read);
  const windowMs = read.integer('RATE_LIMIT_WINDOW_MS', 60_000, 1000, 86_400_000);

  const config: Config = {
    port,
    host,
    dataDir,
    database,
    redisUrl,
    redisKeyPrefix: read.string('REDIS_KEY_PREFIX', 'specboard:'),
    logLevel,
    publicUrl,
    bodyLimit,
    trustProxy,
    sessionTtlHours: read.integer('SESSION_TTL_HOURS', 24 * 30, 1, 24 * 366),
    inviteTtlHours: read.integer('INVITE_TTL_HOURS', 24 * 7, 1, 24 * 90),
    rateLimit: {
      strict: read.integer('RATE_LIMIT_STRICT', 10, 1, 1_000_000),
      write: read.integer('RATE_LIMIT_WRITE', 300, 1, 1_000_000),
      read: read.integer('RATE_LIMIT_READ', 1200, 1, 1_000_000),
      windowMs,
    },
    metricsToken: read.optionalString('METRICS_TOKEN'),
    shutdownTimeoutMs: read.integer('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    webDir: resolveFrom(cwd, read.string('WEB_DIR', join(packageRoot, 'dist', 'web'))),
    events: {
      retentionHours: read.integer('EVENTS_RETENTION_HOURS', 72, 1, 24 * 366),
      maxBufferedBytes: read.byteSize('EVENTS_MAX_BUFFER', 1024 * 1024),
      recheckSeconds: read.integer('EVENTS_RECHECK_SECONDS', 30, 1, 3600),
    },
    webhooks: {
      allowPrivate: ['1', 'true'].includes(read.oneOf('WEBHOOKS_ALLOW_PRIVATE', ['0', '1', 'false', 'true'], '0')),
      retryBaseMs: read.integer('WEBHOOKS_RETRY_BASE_MS', 30_000, 1, 3_600_000),
      retryMaxMs: read.integer('WEBHOOKS_RETRY_MAX_MS', 3_600_000, 1, 86_400_000),
      timeoutMs: read.integer('WEBHOOKS_TIMEOUT_MS', 10_000, 100, 120_000),
      pollMs: read.integer('WEBHOOKS_POLL_MS', 1000, 10, 600_000),
      deliveryRetentionDays: read.integer('WEBHOOKS_DELIVERY_RETENTION_DAYS', 30, 0, 3650),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function resolveFrom(cwd: string, path: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function readDatabase(read: EnvReader, dataDir: string, cwd: string): DatabaseConfig {
  const poolMax = read.integer('DATABASE_POOL_MAX', 10, 1, 1000);
  const url = read.optionalString('DATABASE_URL');
  if (url === null) return { dialect: 'sqlite', file: join(dataDir, 'specboard.db') };
  if (/^postgres(ql)?:\/\//.test(url)) {
    if (!URL.canParse(url)) read.fail('DATABASE_URL', 'is not a valid postgres:// URL', url);
    return { dialect: 'postgres', url, poolMax };
  }
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (file === '') read.fail('DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:./data/specboard.db', url);
    return { dialect: 'sqlite', file: resolveFrom(cwd, file) };
  }
  read.fail('DATABASE_URL', 'must start with postgres://, postgresql:// or sqlite:', url);
  return { dialect: 'sqlite', file: '' };
}

function readPublicUrl(read: EnvReader): string | null {
  const value = read.optionalUrl('PUBLIC_URL', ['http:', 'https:']);
  if (value === null) return null;
  const url = new URL(value);
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    read.fail('PUBLIC_URL', 'must be an origin without path, query or fragment, e.g. https://specs.example.com', value);
  }
  return url.origin;
}

function readTrustProxy(read: EnvReader): TrustProxy {
  const raw = read.optionalString('TRUST_PROXY');
  if (raw === null || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const list = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (list.length === 0 || list.some((s) => !/^[0-9a-fA-F.:/]+$/.test(s))) {
    read.fail('TRUST_PROXY', 'must be true, false, a hop count or a comma-separated list of IP addresses/CIDRs', raw);
    return false;
  }
  return list;
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  fail(name: string, message: string, value: string): void {
    this.problems.push(`${name} ${message} (got ${JSON.stringify(value)})`);
  }

  optionalString(name: string): string | null {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? null : value;
  }

  string(name: string, fallback: string): string {
    return this.optionalString(name) ?? fallback;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optionalString(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || value < min || value > max) {
      this.fail(name, `must be an integer between ${min} and ${max}`, raw);
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optionalString(name);
    if (raw === null) return fallback;
    const found = allowed.find((a) => a === raw.toLowerCase());
    if (found === undefined) this.fail(name, `must be one of ${allowed.join(', ')}`, raw);
    return found ?? fallback;
  }

  optionalUrl(name: string, protocols: readonly string[]): string | null {
    const raw = this.optionalString(name);
    if (raw === null) return null;
    if (!URL.canParse(raw) || !protocols.includes(new URL(raw).protocol)) {
      this.fail(name, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`, raw);
      return null;
    }
    return raw;
  }

  /** Accepts plain bytes or a number with kb/mb suffix (1024-based). */
  byteSize(name: string, fallback: number): number {
    const raw = this.optionalString(name);
    if (raw === null) return fallback;
    const match = /^(\d+)\s*(b|kb|k|mb|m)?$/i.exec(raw);
    const unit = match?.[2]?.toLowerCase() ?? 'b';
    const factor = unit.startsWith('m') ? 1024 * 1024 : unit.startsWith('k') ? 1024 : 1;
    const value = match?.[1] === undefined ? NaN : Number(match[1]) * factor;
    if (!Number.isSafeInteger(value) || value < 1024 || value > 1024 * 1024 * 1024) {
      this.fail(name, 'must be a size between 1kb and 1024mb, e.g. 1048576, 512kb or 2mb', raw);
      return fallback;
    }
    return value;
  }
}
