// The API calls the CLI makes, typed: one function per endpoint of the REST contract it uses.
import { apiPath, type RemoteClient } from './client.js';
import { RemoteError } from './problem.js';
import { InviteCreatedSchema, SpecPageSchema, SpecRefSchema, WorkspaceSchema, type InviteCreated, type RemoteWorkspace, type SpecRef } from './schemas.js';

const MARKDOWN = 'text/markdown; charset=utf-8';

/** The workspace (by key or id); also proves the server, token and membership before any work. */
export async function getWorkspace(client: RemoteClient, workspace: string): Promise<RemoteWorkspace> {
  return (await client.json('GET', apiPath('workspaces', workspace), WorkspaceSchema)).value;
}

export interface InviteInput {
  readonly role: string;
  readonly email?: string | undefined;
  readonly expiresInHours?: number | undefined;
}

export async function createInvite(client: RemoteClient, workspace: string, input: InviteInput): Promise<InviteCreated> {
  const json = { role: input.role, email: input.email, expiresInHours: input.expiresInHours };
  return (await client.json('POST', apiPath('workspaces', workspace, 'invites'), InviteCreatedSchema, { json })).value;
}

/** A spec as stored plus its ETag. */
export interface StoredSpec {
  readonly spec: SpecRef;
  readonly etag: string;
}

function etagOf(headers: Headers): string {
  return headers.get('etag') ?? '';
}

export async function createSpec(client: RemoteClient, workspace: string, input: { markdown: string; title?: string | undefined; summary: string }): Promise<StoredSpec> {
  const { value, response } = await client.json('POST', apiPath('workspaces', workspace, 'specs'), SpecRefSchema, { json: input });
  return { spec: value, etag: etagOf(response.headers) };
}

/** Replaces the text with these exact bytes, if the spec is still at `ifMatch`; null when the spec is gone (404). */
export async function replaceSpecContent(
  client: RemoteClient,
  workspace: string,
  specId: string,
  bytes: Uint8Array,
  ifMatch: string,
  summary: string,
): Promise<StoredSpec | null> {
  const { value, response } = await client.json('PUT', apiPath('workspaces', workspace, 'specs', specId, 'content'), SpecRefSchema, {
    body: bytes,
    contentType: MARKDOWN,
    headers: { 'if-match': ifMatch },
    query: { summary },
    allow: [404],
  });
  if (response.status === 404) return null;
  return { spec: value, etag: etagOf(response.headers) };
}

export type MarkdownRead =
  | { readonly state: 'current'; readonly bytes: Buffer; readonly etag: string }
  /** The `ifNoneMatch` ETag is still current: no body was sent. */
  | { readonly state: 'not_modified' }
  | { readonly state: 'gone' };

/** The spec's Markdown exactly as stored (the raw body, never decoded and re-encoded). */
export async function readSpecMarkdown(client: RemoteClient, workspace: string, specId: string, ifNoneMatch?: string): Promise<MarkdownRead> {
  const response = await client.request('GET', apiPath('workspaces', workspace, 'specs', specId), {
    accept: 'text/markdown',
    headers: ifNoneMatch === undefined ? {} : { 'if-none-match': ifNoneMatch },
    allow: [404],
  });
  if (response.status === 404) return { state: 'gone' };
  if (response.status === 304) return { state: 'not_modified' };
  if (!/^text\/markdown/i.test(response.headers.get('content-type') ?? '')) {
    throw new RemoteError('unexpected_response', 'asked for Markdown, the server sent something else', response.status);
  }
  return { state: 'current', bytes: response.body, etag: etagOf(response.headers) };
}

/** Every live spec of the workspace, in number order, a page at a time. */
export async function* listSpecs(client: RemoteClient, workspace: string): AsyncGenerator<SpecRef> {
  let cursor: string | undefined;
  do {
    const { value } = await client.json('GET', apiPath('workspaces', workspace, 'specs'), SpecPageSchema, { query: { sort: 'number', limit: 200, cursor } });
    yield* value.items;
    cursor = value.nextCursor ?? undefined;
  } while (cursor !== undefined);
}
