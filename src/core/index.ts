/**
 * Public API of src/core (pure TypeScript, no I/O): import from here. See docs/core-api.md.
 */
export * from './document/index.js';
export * from './text/index.js';
export * from './lifecycle/index.js';
export * from './templates/index.js';
export * from './diff/index.js';
export * from './lint/index.js';
export * from './render/index.js';
