// Latency of one request at a time on one kept-alive connection: what a user's request costs when
// the server is not busy with others. Each sample is wall time from sending the request to the
// last byte of the response.
import { Agent, request } from 'node:http';

export interface LatencyOptions {
  readonly headers?: Readonly<Record<string, string>>;
  /** Requests sent first and not measured (JIT, caches, the connection itself). */
  readonly warmup: number;
  readonly samples: number;
  /** Stop sampling after this long even if fewer samples were taken (a slow route must not stall the suite). */
  readonly maxSeconds: number;
}

export interface LatencyResult {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly samples: number;
  /** Body bytes of the last response (to show the request did real work). */
  readonly bodyBytes: number;
}

export interface SimpleResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

/** One request over `agent`; resolves with the whole response. */
export function send(agent: Agent, url: string, options: { method?: string; headers?: Readonly<Record<string, string>>; body?: string | Buffer } = {}): Promise<SimpleResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, method: options.method ?? 'GET', headers: { ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** p-th percentile (0-100) of the samples, nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of no samples');
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

/** Measures `url` sequentially; every response must be 200 (anything else throws). */
export async function measureLatency(url: string, options: LatencyOptions): Promise<LatencyResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    let bodyBytes = 0;
    const once = async (): Promise<number> => {
      const started = performance.now();
      const response = await send(agent, url, { headers: options.headers ?? {} });
      const ms = performance.now() - started;
      if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status} ${response.body.toString('utf8').slice(0, 500)}`);
      bodyBytes = response.body.length;
      return ms;
    };
    for (let i = 0; i < options.warmup; i += 1) await once();
    const samples: number[] = [];
    const deadline = performance.now() + options.maxSeconds * 1000;
    while (samples.length < options.samples && performance.now() < deadline) samples.push(await once());
    samples.sort((a, b) => a - b);
    return {
      p50: percentile(samples, 50),
      p95: percentile(samples, 95),
      p99: percentile(samples, 99),
      max: samples[samples.length - 1] ?? Number.NaN,
      samples: samples.length,
      bodyBytes,
    };
  } finally {
    agent.destroy();
  }
}
