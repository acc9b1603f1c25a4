// Helpers for the GraphQL suites: one call, typed data, error codes.
import { expect } from 'vitest';
import type { ApiClient, ApiResponse } from '../harness.js';

export interface GraphqlError {
  message: string;
  path?: (string | number)[];
  extensions: { code: string; status: number; [extra: string]: unknown };
}

export interface GraphqlBody<T> {
  data: T | null;
  errors?: GraphqlError[];
}

/** POSTs a query to /graphql with the client's credentials (and CSRF header on cookie calls). */
export function gql<T = Record<string, unknown>>(client: ApiClient, query: string, variables: Record<string, unknown> = {}, options: { csrf?: boolean } = {}): Promise<ApiResponse<GraphqlBody<T>>> {
  return client.post<GraphqlBody<T>>('/graphql', { query, variables }, options);
}

/** The data of a call that must succeed. */
export async function gqlData<T = Record<string, unknown>>(client: ApiClient, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await gql<T>(client, query, variables);
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  expect(res.status).toBe(200);
  if (res.body.data === null) throw new Error('no data');
  return res.body.data;
}

/** The error codes of a call, in order. */
export function codesOf(res: ApiResponse<GraphqlBody<unknown>>): string[] {
  return (res.body.errors ?? []).map((e) => e.extensions.code);
}
