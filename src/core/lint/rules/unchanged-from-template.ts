import { firstTextLine, normalizeBlock, normalizeInline } from '../../templates/normalize.js';
import { paragraphBlocks } from '../paragraphs.js';
import type { LintRule } from '../types.js';
import { excerpt } from './text.js';

/** Template example content (code blocks, prose, heading placeholders) left as the template has it. */
export const unchangedFromTemplate: LintRule = {
  id: 'unchanged-from-template',
  defaultSeverity: 'error',
  description: "Content is still the template's example: a code block or diagram, example prose, the template's title, or a heading placeholder such as [Feature Name].",
  countsTowardScore: true,
  check({ doc, index, docIndex, match }, report) {
    for (const block of doc.codeBlocks) {
      if (docIndex.inFooter(block.range) || !index.codeBlockFirstLines.has(firstTextLine(block.content))) continue;
      const text = normalizeBlock(block.content);
      if (text === '' || !index.codeBlocks.has(text)) continue;
      report({
        message: `Code block${block.lang ? ` (${block.lang})` : ''} is still the template's example; replace it with this spec's own`,
        sectionPath: block.sectionPath,
        start: block.range.start,
        end: block.range.end,
      });
    }
    if (index.exampleParagraphs.size > 0) {
      for (const p of paragraphBlocks(doc)) {
        if (!index.exampleParagraphs.has(p.text)) continue;
        report({
          message: `Text is still the template's example: "${excerpt(p.text)}"`,
          sectionPath: docIndex.sectionPathAt(p.start),
          start: p.start,
          end: p.end,
        });
      }
    }
    for (const [section, t] of match.templateOf) {
      if (!t.pattern || !section.heading.text.toLowerCase().includes(t.pattern.placeholder.toLowerCase())) continue;
      report({
        message: `Heading still has the template's placeholder ${t.pattern.placeholder}`,
        sectionPath: section.path,
        start: section.heading.range.start,
        end: section.heading.range.end,
      });
    }
    const title = doc.title;
    if (title && index.title !== null && isTemplateTitle(title.text, index.title)) {
      report({ message: `Title is still the template's ("${excerpt(title.text)}")`, sectionPath: '', start: title.range.start, end: title.range.end });
    }
  },
};

/** The template's title kept as is, or its `[placeholder]` kept. */
function isTemplateTitle(text: string, templateTitle: { readonly text: string; readonly placeholder: string | null }): boolean {
  if (templateTitle.placeholder !== null) return text.toLowerCase().includes(templateTitle.placeholder.toLowerCase());
  return normalizeInline(text) === templateTitle.text;
}
