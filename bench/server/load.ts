// Throughput under load: a thin wrapper over autocannon that refuses to report a run in which any
// response was not 2xx or any request failed (a fast error page is not a fast route).
import autocannon from 'autocannon';

export interface LoadOptions {
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly connections: number;
  readonly durationSeconds: number;
}

export interface LoadResult {
  /** Completed requests per second over the whole run. */
  readonly requestsPerSecond: number;
  readonly requests: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  /** Response bytes per request (headers and body), to show both sides sent the same. */
  readonly bytesPerRequest: number;
}

export class LoadRunError extends Error {
  constructor(url: string, detail: string) {
    super(`load run against ${url}: ${detail}`);
    this.name = 'LoadRunError';
  }
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    headers: { ...options.headers },
    connections: options.connections,
    duration: options.durationSeconds,
    pipelining: 1,
  });
  const total = result.requests.total;
  if (total === 0) throw new LoadRunError(options.url, 'no request completed');
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    const codes = Object.entries(result.statusCodeStats ?? {})
      .map(([code, stat]) => `${code}: ${stat.count ?? 0}`)
      .join(', ');
    throw new LoadRunError(options.url, `${result.non2xx} non-2xx responses (${codes}), ${result.errors} errors, ${result.timeouts} timeouts of ${total}`);
  }
  return {
    requestsPerSecond: total / result.duration,
    requests: total,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    bytesPerRequest: result.throughput.total / total,
  };
}
