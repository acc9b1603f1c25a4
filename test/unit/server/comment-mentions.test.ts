import { describe, expect, it } from 'vitest';
import { mentionHandles } from '../../../src/server/services/comments/index.js';

describe('mentionHandles', () => {
  it('finds @email and @name, lower-cased, once each, not inside an address', () => {
    expect(mentionHandles('@Bob and @bob@Example.com, @bob. mail me@example.com or @carol_x!')).toEqual(['bob', 'bob@example.com', 'carol_x']);
    expect(mentionHandles('no mentions @ all')).toEqual([]);
  });
});
