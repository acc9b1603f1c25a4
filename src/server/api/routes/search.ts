import { Type } from 'typebox';
import { LIFECYCLE_STATES } from '../../../core/index.js';
import { MAX_QUERY_LENGTH, MAX_QUERY_TERMS, SEARCH_DEPTH } from '../../search/index.js';
import { MAX_SEARCH_LIMIT, searchSpecs } from '../../services/search.js';
import type { ApiInstance } from '../api-instance.js';
import { actorCtx } from '../request-context.js';
import { Nullable } from '../schemas.js';

// The same bounds as the specs list (GET /workspaces/:ws/specs): date-times, both inclusive.
const DateBound = (description: string) => Type.String({ format: 'date-time', description });

const SearchQuerystring = Type.Object({
  q: Type.String({
    description:
      `Words to find (all of them, English stemming: "caching" finds "cache"). Operators and punctuation are ` +
      `not syntax: they separate words. At most ${MAX_QUERY_LENGTH} characters and ${MAX_QUERY_TERMS} different ` +
      'words (else 400 search_query_too_long); a query without words is 400 search_query_empty.',
  }),
  workspace: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Only this workspace (id or key); default: every workspace you belong to' })),
  status: Type.Optional(Type.Enum([...LIFECYCLE_STATES], { description: 'Only specs in this lifecycle state' })),
  author: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Only specs by this user (id)' })),
  label: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Only specs with this label (name)' })),
  template: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Only specs from this template (id)' })),
  updatedAfter: Type.Optional(DateBound('Only specs updated at or after this ISO 8601 date-time')),
  updatedBefore: Type.Optional(DateBound('Only specs updated at or before this ISO 8601 date-time')),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'nextCursor of the previous page (same query and filters)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SEARCH_LIMIT, description: 'Page size (default 20)' })),
});

const SnippetSchema = Type.Array(Type.Object({ text: Type.String(), match: Type.Boolean() }), {
  description:
    'Text around the matches as plain-text parts, in order; parts with match: true are the words that matched. ' +
    'Never HTML: render each part as text (e.g. wrap matches in <mark> after escaping). Fragments that are ' +
    'not adjacent are joined by " … ". Empty when the section has no body text.',
});

const SearchHitSchema = Type.Object({
  specId: Type.String(),
  key: Type.String({ description: 'Workspace key and spec number, e.g. SPEC-42' }),
  title: Type.String({ description: 'Title of the spec' }),
  sectionPath: Type.String({ description: 'Path of the matching section (slugs joined by /); "" = the top of the spec (its title and the text before the first section)' }),
  sectionTitle: Type.String({ description: 'Heading of the matching section (the spec title for "")' }),
  snippet: SnippetSchema,
  score: Type.Number({ description: 'Relevance, higher is better (heading matches weigh more than body matches); comparable only within one response' }),
  status: Type.String(),
  updatedAt: Type.String(),
});

export function searchRoutes(app: ApiInstance): void {
  app.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Full-text search over the sections of the specs you can read',
        description:
          'One hit per matching section, best first. Only workspaces you belong to; deleted specs never appear. ' +
          `When a word is very common, the ${SEARCH_DEPTH} most recently saved matching sections are ranked: add words or filters to narrow.`,
        querystring: SearchQuerystring,
        response: { 200: Type.Object({ items: Type.Array(SearchHitSchema), nextCursor: Nullable(Type.String()) }) },
      },
      config: { access: { auth: 'user', scope: 'read' } },
    },
    (request) => searchSpecs(actorCtx(request), request.query),
  );
}
