// Specs: create, read, list, change (whole text or structured edits), delete/restore, revisions,
// diffs and lint. Every operation loads the spec with the caller's role and checks the spec policy.
export { createSpec, type CreateSpecInput } from './create.js';
export { readSpec } from './get.js';
export { listSpecs, SPEC_SORTS, type ListSpecsQuery, type SpecListItem, type SpecSort } from './list.js';
export { listSpecsWithReviewers } from './list-with-reviewers.js';
export { replaceContent, type ReplaceContentInput } from './replace-content.js';
export { editSpec, type SpecEdit, type SpecEditOp } from './edit.js';
export { updateSpec, type UpdateSpecInput } from './update.js';
export { deleteSpec, restoreSpec } from './delete.js';
export { getRevision, listRevisions, restoreRevision, type Revision, type RevisionSummary } from './revisions.js';
export { diffRevisions, type DiffFormat, type DiffRequest, type RevisionDiff } from './diff.js';
export { lintSpec, type SpecLint } from './lint.js';
export { specEtag, ifNoneMatchHolds } from './refs.js';
export type { SpecLocator } from './load.js';
export { detailJson, writtenJson, type SpecRead, type SpecSummary } from './views.js';
