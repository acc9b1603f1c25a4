import { describe, expect, it } from 'vitest';
import { footerStatus, parse } from '../../../src/core/document/index.js';
import { lint } from '../../../src/core/lint/index.js';
import { TemplateError, getBuiltinTemplate, newSpec, templateFromMarkdown } from '../../../src/core/templates/index.js';

const builtin = getBuiltinTemplate();
const input = { title: 'Payments retry policy', author: 'Ada Lovelace', date: '2025-04-01' };

const errorCode = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (error) {
    return error instanceof TemplateError ? error.code : 'other';
  }
  return undefined;
};

describe('newSpec', () => {
  it('fills title, author, Last Updated and Draft status and leaves every other byte as the template has it', () => {
    const out = newSpec(builtin, input);
    const expected = builtin.source
      .replace('# Technical Specification\n', '# Payments retry policy\n')
      .replace('**Document Status**: Draft | In Review | Approved\n', '**Document Status**: Draft\n')
      .replace('**Author**: \n', '**Author**: Ada Lovelace\n')
      .replace('**Last Updated**: \n', '**Last Updated**: 2025-04-01\n');
    expect(out).toBe(expected);
    // Blank fields the writer fills later keep the template's trailing space; no final newline is added.
    expect(out.endsWith('**Reviewers**: \n**Approval Date**: ')).toBe(true);
  });

  it('produces a spec the model reads back with the filled values', () => {
    const doc = parse(newSpec(builtin, input));
    expect(doc.title?.text).toBe('Payments retry policy');
    expect(footerStatus(doc)).toBe('draft');
    expect(doc.footer?.fields.author?.value).toBe('Ada Lovelace');
    expect(doc.footer?.fields.lastUpdated?.value).toBe('2025-04-01');
    const metadata = lint(doc, builtin).findings.filter((f) => f.ruleId === 'missing-metadata');
    expect(metadata.map((f) => f.message)).toEqual(['"Reviewers" is blank']);
  });

  it('puts a multi-line or spaced title on one line', () => {
    const out = newSpec(builtin, { ...input, title: '  Retry\r\n  policy\tv2 ' });
    expect(out.startsWith('# Retry policy v2\n\n## Overview')).toBe(true);
  });

  it('leaves Author blank when none is given', () => {
    expect(newSpec(builtin, { ...input, author: '' })).toContain('**Author**: \n');
  });

  it('keeps CRLF line endings of a CRLF template and its closing #s', () => {
    const t = templateFromMarkdown('crlf', 'CRLF', '# Title #\r\n\r\n## Body\r\ntext\r\n\r\n---\r\n**Document Status**: Draft | In Review | Approved\r\n**Author**:\r\n**Last Updated**: \r\n');
    expect(newSpec(t, input)).toBe(
      '# Payments retry policy #\r\n\r\n## Body\r\ntext\r\n\r\n---\r\n**Document Status**: Draft\r\n**Author**: Ada Lovelace\r\n**Last Updated**: 2025-04-01\r\n',
    );
  });

  it('replaces a setext title and adds an H1 when the template has no title', () => {
    const footer = '**Document Status**: Draft\n**Author**: Ada Lovelace\n**Last Updated**: 2025-04-01\n';
    const setext = templateFromMarkdown('s', 'S', `Old title\n=========\n\n## A\n\n---\n${footer}`);
    expect(newSpec(setext, input)).toBe(`Payments retry policy\n=========\n\n## A\n\n---\n${footer}`);
    const untitled = templateFromMarkdown('u', 'U', `## A\ntext\n\n---\n${footer}`);
    expect(newSpec(untitled, input)).toBe(`# Payments retry policy\n\n## A\ntext\n\n---\n${footer}`);
  });

  it('adds the footer fields (or the whole footer) a template lacks, at the end, through setFooterField', () => {
    const bare = templateFromMarkdown('b', 'B', '# T\n\n## A\ntext\n');
    expect(newSpec(bare, input)).toBe(
      '# Payments retry policy\n\n## A\ntext\n\n---\n**Document Status**: Draft\n**Author**: Ada Lovelace\n**Last Updated**: 2025-04-01',
    );
    const partial = templateFromMarkdown('p', 'P', '# T\n\n---\n**Document Status**: Draft | In Review | Approved\n');
    expect(newSpec(partial, input)).toBe(
      '# Payments retry policy\n\n---\n**Document Status**: Draft\n**Author**: Ada Lovelace\n**Last Updated**: 2025-04-01\n',
    );
  });

  it('still fills the title when a footer cannot be added (template ends inside an open code block)', () => {
    const open = templateFromMarkdown('o', 'O', '# T\n\n```\ncode\n');
    expect(newSpec(open, input)).toBe('# Payments retry policy\n\n```\ncode\n');
  });

  it('escapes a title ending in " #" so it stays text', () => {
    const out = newSpec(builtin, { ...input, title: 'Ticket #' });
    expect(parse(out).title?.text).toBe('Ticket \\#');
    expect(out.startsWith('# Ticket \\#\n')).toBe(true);
  });

  it('rejects an empty title or a bad date with stable codes', () => {
    expect(errorCode(() => newSpec(builtin, { ...input, title: ' \n ' }))).toBe('invalid_title');
    expect(errorCode(() => newSpec(builtin, { ...input, date: '2025-02-30' }))).toBe('invalid_date');
    expect(errorCode(() => newSpec(builtin, { ...input, date: '01/04/2025' }))).toBe('invalid_date');
    expect(errorCode(() => newSpec(builtin, { ...input, title: 'x'.repeat(501) }))).toBe('invalid_title');
  });
});
