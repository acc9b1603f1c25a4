export { BUILTIN_TEMPLATE_DATA, type BuiltinTemplateData } from './builtin-data.generated.js';
export { BUILTIN_TEMPLATES, DEFAULT_TEMPLATE_ID, getBuiltinTemplate } from './builtin.js';
export { templateFromMarkdown } from './from-markdown.js';
export { newSpec, type NewSpecInput } from './new-spec.js';
export { TemplateError, type TemplateErrorCode } from './errors.js';
export { hasOptionalSuffix, stripOptionalSuffix, isOptionalMarkerLine, matchKey } from './optional-marker.js';
export { headingPattern, matchesPattern } from './heading-pattern.js';
export { normalizeBlock, normalizeInline, firstTextLine } from './normalize.js';
export type { Template, TemplateSection, TemplateStructure, TemplateBlankRow, TemplateField, HeadingPattern } from './types.js';
