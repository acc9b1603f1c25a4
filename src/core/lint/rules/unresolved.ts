import type { LintRule } from '../types.js';
import { excerpt } from './text.js';

const WORDS = ['TODO', 'TBD', 'FIXME'] as const;
const KEP_OPEN = '<<[UNRESOLVED';
/** KEP-style markers close on the same line, within a short context. */
const KEP_WINDOW = 300;

/** TODO / TBD / FIXME (upper case, whole words) and `<<[UNRESOLVED ...]>>` markers anywhere in the text. */
export const unresolved: LintRule = {
  id: 'unresolved',
  defaultSeverity: 'warning',
  description: 'A TODO, TBD or FIXME (upper-case whole word) or a <<[UNRESOLVED]>> marker is left in the text.',
  countsTowardScore: true,
  check({ doc, docIndex }, report) {
    const source = doc.source;
    for (const word of WORDS) {
      for (let at = source.indexOf(word); at !== -1; at = source.indexOf(word, at + word.length)) {
        if (isWordChar(source.charCodeAt(at - 1)) || isWordChar(source.charCodeAt(at + word.length))) continue;
        report({
          message: `Unresolved ${word}: "${excerpt(source.slice(at, at + 120))}"`,
          sectionPath: docIndex.sectionPathAt(at),
          start: at,
          end: at + word.length,
        });
      }
    }
    for (let at = source.indexOf(KEP_OPEN); at !== -1; at = source.indexOf(KEP_OPEN, at + KEP_OPEN.length)) {
      const window = source.slice(at, at + KEP_WINDOW);
      const close = window.indexOf(']>>');
      const lineBreak = window.search(/[\r\n]/);
      const end = close !== -1 && (lineBreak === -1 || close < lineBreak) ? at + close + 3 : at + KEP_OPEN.length;
      report({
        message: `Unresolved marker: "${excerpt(source.slice(at, end))}"`,
        sectionPath: docIndex.sectionPathAt(at),
        start: at,
        end,
      });
    }
  },
};

/** Letters, digits and underscore (NaN before the start or after the end counts as a boundary). */
function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}
