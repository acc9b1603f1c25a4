// The schema part of docs/events.md, rendered from the TypeBox definitions (a unit test keeps the
// page equal to this).
import { ClientMessage, CLOSE_CODES, EVENT_AUDIENCE, EVENT_DATA, EVENT_TYPES, EventEnvelope, PROTOCOL_ERROR_CODES, SERVER_MESSAGES } from './schemas.js';

export const DOC_BEGIN = '<!-- BEGIN generated: event schemas (test/unit/server/events-doc.test.ts; UPDATE_DOCS=1 rewrites it) -->';
export const DOC_END = '<!-- END generated: event schemas -->';

const json = (value: unknown): string => ['```json', JSON.stringify(value, null, 2), '```'].join('\n');

/** The generated Markdown between DOC_BEGIN and DOC_END. */
export function renderEventSchemas(): string {
  const out: string[] = [DOC_BEGIN, '', '### Envelope', '', 'Every stored event, in `{"op":"event","event":<envelope>}`:', '', json(EventEnvelope), ''];
  out.push('### Event types', '', '| type | audience |', '|------|----------|');
  for (const type of EVENT_TYPES) out.push(`| \`${type}\` | ${EVENT_AUDIENCE[type] === 'user' ? 'only the user it concerns' : 'subscribers of its workspace (and of its spec)'} |`);
  out.push('');
  for (const type of EVENT_TYPES) out.push(`#### \`${type}\` data`, '', json(EVENT_DATA[type]), '');
  out.push('### Client messages', '', json(ClientMessage), '', '### Server messages', '');
  for (const [op, schema] of Object.entries(SERVER_MESSAGES)) out.push(`#### \`${op}\``, '', json(schema), '');
  out.push('### Protocol error codes', '', ...PROTOCOL_ERROR_CODES.map((code) => `- \`${code}\``), '');
  out.push('### Close codes', '', '| code | name |', '|------|------|', ...Object.entries(CLOSE_CODES).map(([name, code]) => `| ${code} | ${name} |`), '', DOC_END);
  return out.join('\n');
}
