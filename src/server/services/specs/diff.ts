import { diffSections, parse, unifiedDiff, type SectionDiff, type SpecDocument } from '../../../core/index.js';
import { specPolicy } from '../../policies/index.js';
import type { ActorCtx } from '../context.js';
import { loadSpec, type SpecLocator } from './load.js';
import { specKey } from './refs.js';
import { revisionCache } from './revision-cache.js';
import { revisionContents } from './revisions.js';

export type DiffFormat = 'unified' | 'sections';

export interface RevisionDiff {
  readonly from: number;
  readonly to: number;
  readonly format: DiffFormat;
  /** Unified diff text ('' when equal); only for format unified. */
  readonly unified?: string;
  /** Per section path; only for format sections. */
  readonly sections?: SectionDiff[];
}

export interface DiffRequest {
  /** Default: the revision before `to`. */
  readonly from?: number | undefined;
  /** Default: the current revision. */
  readonly to?: number | undefined;
  readonly format?: DiffFormat | undefined;
}

/** Differences between any two revisions (either order), byte for byte (core diff). */
export async function diffRevisions(ctx: ActorCtx, locator: SpecLocator, request: DiffRequest): Promise<RevisionDiff> {
  const { spec } = await loadSpec(ctx, locator, specPolicy.read);
  const to = request.to ?? spec.revision;
  const from = request.from ?? Math.max(1, to - 1);
  const format = request.format ?? 'unified';
  const contents = await revisionContents(ctx, spec.id, [from, to]);
  const a = contents.get(from) ?? '';
  const b = contents.get(to) ?? '';
  const key = specKey(spec.workspaceKey, spec.number);
  if (format === 'unified') return { from, to, format, unified: unifiedDiff(a, b, { fromLabel: `${key}@${from}`, toLabel: `${key}@${to}` }) };
  const cache = revisionCache(ctx.deps.db);
  const docOf = (n: number, text: string): SpecDocument => cache.get(spec.id, n)?.doc ?? parse(text);
  return { from, to, format, sections: diffSections(docOf(from, a), docOf(to, b)) };
}
