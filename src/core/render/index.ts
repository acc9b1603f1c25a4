/** Spec Markdown to HTML (unsanitized: the browser sanitizes it) and the section anchors in it. */
export * from './anchors.js';
export * from './markdown-html.js';
