// HTTP details shared by the spec routes: representations (JSON or Markdown), ETags, headers.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { detailJson, ifNoneMatchHolds, specEtag, writtenJson, type SpecRead } from '../../services/specs/index.js';

export const JSON_TYPE = 'application/json; charset=utf-8';
export const MARKDOWN_TYPE = 'text/markdown; charset=utf-8';

/** The spec ref without a `.md` suffix, and whether the suffix asked for Markdown. */
export function splitMarkdownSuffix(ref: string): { ref: string; markdown: boolean } {
  return ref.endsWith('.md') ? { ref: ref.slice(0, -3), markdown: true } : { ref, markdown: false };
}

/** Whether the Accept header prefers text/markdown to JSON (by q-value, then by order). */
export function prefersMarkdown(accept: string | undefined): boolean {
  if (accept === undefined || !accept.includes('markdown')) return false;
  let markdown = -1;
  let json = -1;
  let position = 0;
  for (const range of accept.split(',')) {
    const [type = '', ...params] = range.split(';').map((p) => p.trim().toLowerCase());
    const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? '1');
    // Earlier ranges win ties.
    const weight = (Number.isFinite(q) ? q : 0) * 1000 - position++ / 1000;
    if (type === 'text/markdown' && weight > markdown) markdown = weight;
    if ((type === 'application/json' || type === 'application/*') && weight > json) json = weight;
  }
  return markdown > 0 && markdown > json;
}

/** Headers every successful spec response carries. */
function withValidators(reply: FastifyReply, read: SpecRead): void {
  reply.header('etag', specEtag(read.loaded.spec.id, read.loaded.spec.revision));
  reply.header('vary', 'Accept');
  reply.header('cache-control', 'private, no-cache');
}

/**
 * Sends a spec as JSON (serialized once per revision, see detailJson; with `html`, including the
 * revision's HTML, still JSON: HTML is never served as text/html from the API) or as its exact Markdown,
 * or, for Markdown, 304 when the client's If-None-Match already holds this revision. The JSON view
 * is never 304: labels and other metadata change without a new revision, so the revision's ETag
 * cannot tell that a client's copy is current.
 */
export function sendSpec(request: FastifyRequest, reply: FastifyReply, read: SpecRead, options: { markdown?: boolean; html?: boolean; status?: number } = {}): FastifyReply {
  withValidators(reply, read);
  const status = options.status ?? 200;
  const inm = request.headers['if-none-match'];
  const { spec } = read.loaded;
  if (options.markdown === true) {
    if (status === 200 && inm !== undefined && ifNoneMatchHolds(inm, spec.id, spec.revision)) return reply.code(304).send();
    return reply.code(status).type(MARKDOWN_TYPE).send(read.current.content);
  }
  return reply.code(status).type(JSON_TYPE).send(detailJson(read, { html: options.html === true }));
}

/** Answers a content write: metadata, new ETag and lint summary, not the text the client just sent. */
export function sendWritten(reply: FastifyReply, read: SpecRead): FastifyReply {
  withValidators(reply, read);
  return reply.code(200).type(JSON_TYPE).send(writtenJson(read));
}

/** The If-Match header as one string (repeated headers joined as HTTP says). */
export function ifMatchOf(request: FastifyRequest): string | undefined {
  const value = request.headers['if-match'];
  return Array.isArray(value) ? value.join(', ') : value;
}
