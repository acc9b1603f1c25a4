// One If-Match chain of content saves over HTTP, for the save-cost and WAL-frames measurements.
import type { Agent } from 'node:http';
import { createSpecOverHttp, type BenchOwner } from './api.js';
import { send } from './latency.js';
import { editedVersion } from './spec-text.js';

export interface PutChain {
  readonly url: string;
  etag: string;
  /** The spec's text as stored: each change edits it, as a client working from the spec does. */
  text: string;
  version: number;
}

/** Creates `count` specs holding `text`, each the start of a chain. */
export async function createPutChains(baseUrl: string, owner: BenchOwner, text: string, count: number): Promise<PutChain[]> {
  const chains: PutChain[] = [];
  for (let i = 0; i < count; i += 1) {
    const spec = await createSpecOverHttp(baseUrl, owner, text, ['backend']);
    chains.push({ url: `${baseUrl}/api/v1${spec.path}/content`, etag: spec.etag, text, version: 2 });
  }
  return chains;
}

/** PUTs the chain's text, edited first when `change` (else the same text again: a no-op save). */
export async function putContent(agent: Agent, owner: BenchOwner, chain: PutChain, change = true): Promise<void> {
  const sent = change ? editedVersion(chain.text, chain.version) : chain.text;
  if (change) chain.version += 1;
  const response = await send(agent, chain.url, {
    method: 'PUT',
    headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'text/markdown; charset=utf-8', 'if-match': chain.etag },
    body: sent,
  });
  const etag = response.headers.etag;
  if (response.status !== 200 || typeof etag !== 'string') throw new Error(`PUT: HTTP ${response.status} ${response.body.toString('utf8').slice(0, 300)}`);
  chain.etag = etag;
  const stored = (JSON.parse(response.body.toString('utf8')) as { markdown?: unknown }).markdown;
  chain.text = typeof stored === 'string' ? stored : sent;
}
