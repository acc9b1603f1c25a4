export * from './types.js';
export { parse, serialize } from './parse.js';
export { findSection, footerStatus, positionAt, sectionOf } from './query.js';
export * from './edits/index.js';
