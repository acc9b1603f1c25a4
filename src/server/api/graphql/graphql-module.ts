// The one copy of graphql-js every part of the server uses. Mercurius loads graphql as CommonJS;
// importing it as ESM can load the .mjs build too (bundler resolution, e.g. under Vitest), and
// graphql refuses types made by another copy. Requiring it here always gets Mercurius' copy.
import { createRequire } from 'node:module';

const graphql = createRequire(import.meta.url)('graphql') as typeof import('graphql');

export const { buildClientSchema, GraphQLScalarType, GraphQLError, Kind, buildSchema, printSchema, valueFromASTUntyped, getIntrospectionQuery, getNamedType, getNullableType, isListType, isNonNullType, isObjectType, visit } = graphql;
