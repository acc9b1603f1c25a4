import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { approvalHash, approvalText, parse, setFooterField, setSectionBody, sha256Text } from '../../../src/core/index.js';

const DOC = '# Cache\n\n## Overview\nWhy.\n\n---\n**Document Status**: Draft\n**Author**: Ada\n**Last Updated**: 2025-01-01\n**Reviewers**: \n**Approval Date**: \n';

describe('sha256Text', () => {
  it('matches node:crypto on UTF-8 input of every padding length', () => {
    for (const text of ['', 'abc', 'é✓😀', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'y'.repeat(1000)]) {
      expect(sha256Text(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });
});

describe('approvalHash', () => {
  it('ignores changes to the managed footer fields', () => {
    const doc = parse(DOC);
    let synced = setFooterField(doc, 'status', 'Approved');
    synced = setFooterField(synced, 'reviewers', 'Grace Hopper, Alan Turing');
    synced = setFooterField(synced, 'approvalDate', '2025-02-02');
    synced = setFooterField(synced, 'lastUpdated', '2025-02-02');
    synced = setFooterField(synced, 'author', 'Ada Lovelace');
    expect(synced.source).not.toBe(DOC);
    expect(approvalHash(synced)).toBe(approvalHash(doc));
  });

  it('is the same when the server adds a footer to a document that had none', () => {
    const bare = parse('# Cache\n\n## Overview\nWhy.\n');
    const withFooter = setFooterField(bare, 'status', 'In Review');
    expect(withFooter.footer).not.toBeNull();
    expect(approvalHash(withFooter)).toBe(approvalHash(bare));
  });

  it('changes with any other byte, including unmanaged footer lines', () => {
    const doc = parse(DOC);
    expect(approvalHash(setSectionBody(doc, 'overview', 'Why not.\n'))).not.toBe(approvalHash(doc));
    const extra = parse(DOC.replace('**Author**: Ada\n', '**Author**: Ada\n**Owner**: Team\n'));
    expect(approvalText(extra)).toContain('**Owner**: Team');
    expect(approvalHash(extra)).not.toBe(approvalHash(doc));
  });
});
