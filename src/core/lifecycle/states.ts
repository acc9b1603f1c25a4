/**
 * The specification lifecycle, defined once for every layer (core, server, CLI, web): states,
 * the words the status footer shows for them, and how footer words read back as states.
 */

export const LIFECYCLE_STATES = [
  'draft', 'in_review', 'changes_requested', 'approved', 'rejected', 'withdrawn', 'superseded',
] as const;

export type LifecycleState = (typeof LIFECYCLE_STATES)[number];

/** The footer word for each state (`**Document Status**: In Review`). */
export const STATUS_WORDS: Readonly<Record<LifecycleState, string>> = {
  draft: 'Draft',
  in_review: 'In Review',
  changes_requested: 'Changes Requested',
  approved: 'Approved',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  superseded: 'Superseded',
};

const STATE_BY_WORD = new Map<string, LifecycleState>(
  LIFECYCLE_STATES.map((state) => [STATUS_WORDS[state].toLowerCase(), state]),
);

/** True for a known lifecycle state name. */
export function isLifecycleState(value: unknown): value is LifecycleState {
  return typeof value === 'string' && (LIFECYCLE_STATES as readonly string[]).includes(value);
}

function normalizeWord(word: string): string {
  return word
    .trim()
    .replace(/^[*_`~]+|[*_`~]+$/g, '')
    .trim()
    .replace(/[\s_-]+/g, ' ')
    .toLowerCase();
}

/**
 * The state a footer status value names: a status word (case-insensitive, emphasis ignored) or a
 * state name (`in_review`). A `|`-separated list of choices, as the template writes `Draft | In Review |
 * Approved`, reads as its first choice (so the template reads as `draft`). Null when unknown.
 */
export function parseStatusWord(word: string): LifecycleState | null {
  const choices = word.split('|').map(normalizeWord);
  if (choices.some((choice) => !STATE_BY_WORD.has(choice))) return null;
  return STATE_BY_WORD.get(choices[0] ?? '') ?? null;
}
