/** How a run of text differs between the old and the new version. */
export type DiffPartType = 'added' | 'removed' | 'unchanged';

/** A run of consecutive tokens (lines or words) with the same fate. */
export interface DiffPart {
  readonly type: DiffPartType;
  /** The exact text of the run, line endings included. */
  readonly value: string;
  /** Number of tokens (lines for diffLines, words/spaces for diffWords) in the run. */
  readonly count: number;
}

export interface DiffOptions {
  /**
   * Largest number of inserted plus deleted tokens worth an exact diff. Beyond it the result is
   * still correct but coarse (one removed and one added run after the common prefix and suffix),
   * which keeps the cost bounded on rewrites of large documents.
   */
  readonly maxEditLength?: number;
}
