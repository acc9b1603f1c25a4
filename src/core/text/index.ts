export { checkStorableText, type StorableTextResult } from './storable.js';
export { decodeUtf8Strict, type DecodeUtf8Result } from './utf8.js';
export { buildLineTable, lineIndexAt, positionIn, rangeIn, type LineTable } from './line-table.js';
export { sha256Text } from './sha256.js';
