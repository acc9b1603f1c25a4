// Full-text search over spec sections: the port, its SQLite and PostgreSQL implementations, and the
// helpers the search service uses. The specs service calls indexSpec/removeSpec from searchIndexOf(trx).
export { searchIndexFor, searchIndexOf } from './factory.js';
export { SEARCH_DEPTH, type SearchHit, type SearchIndex, type SearchPage, type SearchPosition, type SearchQuery, type SnippetPart } from './port.js';
export { MAX_QUERY_LENGTH, MAX_QUERY_TERMS, searchTerms } from './query-terms.js';
export { indexedSections, MAX_INDEXED_CHARS, type IndexedSection } from './sections.js';
