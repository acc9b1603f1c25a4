export { diffLines, diffWords, splitLinesKeepEnds, DEFAULT_MAX_EDIT_LINES, DEFAULT_MAX_EDIT_WORDS } from './lines.js';
export { unifiedDiff, type UnifiedDiffOptions } from './unified.js';
export { diffSections, type SectionDiff, type SectionChange } from './sections.js';
export type { DiffPart, DiffPartType, DiffOptions } from './types.js';
