// docs/events.md carries the event and message schemas rendered from src/server/events/schemas.ts;
// run with UPDATE_DOCS=1 to rewrite that part after changing a schema.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOC_BEGIN, DOC_END, renderEventSchemas } from '../../../src/server/events/doc.js';
import { EVENT_AUDIENCE, EVENT_DATA, EVENT_TYPES } from '../../../src/server/events/schemas.js';

const PAGE = join(import.meta.dirname, '../../../docs/events.md');

describe('docs/events.md', () => {
  it('holds the schemas of every event type and message, as the code defines them', () => {
    const page = readFileSync(PAGE, 'utf8');
    const begin = page.indexOf(DOC_BEGIN);
    const end = page.indexOf(DOC_END);
    expect(begin, 'docs/events.md lacks the generated block').toBeGreaterThanOrEqual(0);
    const current = page.slice(begin, end + DOC_END.length);
    const rendered = renderEventSchemas();
    if (process.env.UPDATE_DOCS === '1' && current !== rendered) writeFileSync(PAGE, page.replace(current, rendered));
    else expect(current, 'run UPDATE_DOCS=1 npx vitest run test/unit/server/events-doc.test.ts').toBe(rendered);
  });

  it('gives every event type an audience and a data schema', () => {
    expect(Object.keys(EVENT_AUDIENCE).sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES) expect(EVENT_DATA[type]).toMatchObject({ type: 'object' });
  });
});
