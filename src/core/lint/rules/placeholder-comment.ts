import { normalizeInline } from '../../templates/normalize.js';
import { isOptionalMarkerText } from '../../templates/optional-marker.js';
import type { LintRule } from '../types.js';
import { excerpt } from './text.js';

/** One of the template's `<!-- -->` hints still in the document. */
export const placeholderComment: LintRule = {
  id: 'placeholder-comment',
  defaultSeverity: 'warning',
  description: "One of the template's <!-- --> guidance comments is still in the document.",
  countsTowardScore: true,
  check({ doc, index, docIndex }, report) {
    if (index.commentTexts.size === 0) return;
    for (const comment of doc.comments) {
      if (docIndex.inFooter(comment.range) || isOptionalMarkerText(comment.text)) continue;
      if (!index.commentTexts.has(normalizeInline(comment.text))) continue;
      report({
        message: `Template comment left in: "${excerpt(comment.text)}"`,
        sectionPath: comment.sectionPath,
        start: comment.range.start,
        end: comment.range.end,
      });
    }
  },
};
