import { headingPaths, markdownToHtml } from '../../../core/index.js';
import type { LintSummary } from './analysis.js';
import { outline } from './analysis.js';
import type { LoadedSpec, SpecMeta } from './load.js';
import { specEtag, specKey } from './refs.js';
import type { CachedRevision } from './revision-cache.js';

export interface SpecSummary {
  readonly id: string;
  readonly workspaceId: string;
  /** Workspace key and number, e.g. SPEC-42. */
  readonly key: string;
  readonly number: number;
  readonly title: string;
  readonly status: string;
  readonly author: { readonly id: string; readonly name: string };
  readonly labels: string[];
  readonly templateId: string;
  readonly templateVersion: number;
  readonly revision: number;
  /** Lint completeness of the current revision, 0-100. */
  readonly completeness: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Set only for soft-deleted specs. */
  readonly deletedAt: string | null;
}

/** A managed footer field whose hand-edited value the server replaced with the real one. */
export interface FooterReplacementNotice {
  readonly field: string;
  readonly submitted: string;
  readonly value: string;
}

/** A spec and exactly the revision its metadata names, parsed. */
export interface SpecRead {
  readonly loaded: LoadedSpec;
  readonly current: CachedRevision;
  /** Set by a write whose managed footer fields were replaced (docs/reviews.md). */
  readonly footerReplaced?: readonly FooterReplacementNotice[];
}

/** Extra members of a write's answer: `footerReplaced` when the server replaced hand edits. */
function noticesOf(read: SpecRead): { footerReplaced?: readonly FooterReplacementNotice[] } {
  return read.footerReplaced === undefined ? {} : { footerReplaced: read.footerReplaced };
}

export function summaryOf(spec: SpecMeta, labels: readonly string[]): SpecSummary {
  return {
    id: spec.id,
    workspaceId: spec.workspaceId,
    key: specKey(spec.workspaceKey, spec.number),
    number: spec.number,
    title: spec.title,
    status: spec.status,
    author: { id: spec.authorId, name: spec.authorName },
    labels: [...labels],
    templateId: spec.templateId,
    templateVersion: spec.templateVersion,
    revision: spec.revision,
    completeness: spec.completeness,
    createdAt: spec.createdAt,
    updatedAt: spec.updatedAt,
    deletedAt: spec.deletedAt,
  };
}

export function lintOf(spec: SpecMeta): LintSummary {
  return { score: spec.completeness, errors: spec.lintErrors, warnings: spec.lintWarnings };
}

/**
 * What a content write answers, serialized: the detail view without `markdown` and `sections`. The
 * writer just sent the text; echoing 5 KB or more back (and outlining it) was a tenth of a save's cost.
 */
export function writtenJson(read: SpecRead): string {
  const { spec, labels } = read.loaded;
  return JSON.stringify({ ...summaryOf(spec, labels), etag: specEtag(spec.id, spec.revision), lint: lintOf(spec), ...noticesOf(read) });
}

/**
 * The revision as HTML for the spec page: markdown-it with raw HTML off, headings with their section
 * anchors (sec-<path>), the leading H1 (the title) left out, code not highlighted. Not sanitized:
 * the browser runs DOMPurify over it. Rendered once per cached revision.
 */
export function revisionHtml(current: CachedRevision): string {
  current.html ??= markdownToHtml(current.content, { headingPaths: headingPaths(outline(current.doc.sections)), hideTitle: true });
  return current.html;
}

/**
 * The spec view (summary, etag, lint counts, Markdown and outline), serialized to UTF-8; with `html`, plus the revision's HTML
 * (revisionHtml). The content part (Markdown and outline, the bulk of it) is serialized once per
 * revision; the whole body (one with and one without `html`) is kept in the cache entry and reused
 * as long as the metadata part serializes to the same text, so it can never be stale: any change to
 * what the view shows changes that text (or the revision, which is another entry).
 */
export function detailJson(read: SpecRead, options: { html?: boolean } = {}): Buffer {
  const { loaded, current } = read;
  const { spec, labels } = loaded;
  const head = JSON.stringify({ ...summaryOf(spec, labels), etag: specEtag(spec.id, spec.revision), lint: lintOf(spec), ...noticesOf(read) });
  const withHtml = options.html === true;
  const cached = withHtml ? current.jsonBodyWithHtml : current.jsonBody;
  if (cached !== null && cached.head === head) return cached.bytes;
  current.jsonFragment ??= `"markdown":${JSON.stringify(current.content)},"sections":${JSON.stringify(outline(current.doc.sections))}`;
  const tail = withHtml ? `,"html":${JSON.stringify(revisionHtml(current))}` : '';
  const bytes = Buffer.from(`${head.slice(0, -1)},${current.jsonFragment}${tail}}`, 'utf8');
  if (withHtml) current.jsonBodyWithHtml = { head, bytes };
  else current.jsonBody = { head, bytes };
  return bytes;
}
