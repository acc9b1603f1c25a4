import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, useTestServer, type ApiClient } from '../harness.js';
import { codesOf, gql, gqlData } from './helpers.js';

interface SpecItem {
  key: string;
  number: number;
  title: string;
  etag: string;
}

describeEachDatabase('graphql: queries', (database) => {
  const server = useTestServer(database);
  let owner: ApiClient;
  let number: number;

  beforeAll(async () => {
    owner = (await server().setupOwner({ workspaceKey: 'GQ' })).client;
    const created = await gqlData<{ createSpec: SpecItem }>(owner, 'mutation { createSpec(workspace: "GQ", title: "Caching") { key number title etag } }');
    number = created.createSpec.number;
  });

  it('answers me, workspaces, members, templates and notifications like REST', async () => {
    const data = await gqlData<{ me: { email: string; memberships: { workspaceKey: string; role: string }[] }; workspaces: { items: { key: string; role: string; permissions: { update: boolean } }[] } }>(
      owner,
      `{ me { email memberships { workspaceKey role } }
         workspaces { items { key role permissions { update } } nextCursor }
         members(workspace: "GQ") { items { name role } }
         templates(workspace: "GQ") { id name builtin }
         notifications { items { id } unreadCount } }`,
    );
    const rest = await owner.get<{ email: string }>('/api/v1/me');
    expect(data.me.email).toBe(rest.body.email);
    expect(data.me.memberships).toEqual([{ workspaceKey: 'GQ', role: 'owner' }]);
    expect(data.workspaces.items).toEqual([{ key: 'GQ', role: 'owner', permissions: { update: true } }]);
  });

  it('reads one spec with its text, sections, lint, revisions, review, reviewers and threads', async () => {
    const data = await gqlData<{ spec: Record<string, unknown> }>(
      owner,
      `query One($ref: String!) { spec(workspace: "GQ", ref: $ref) {
         key title etag markdown sections lint revisions(limit: 5) revisionDetail(number: 1) diff review reviewers { user { name } } versions reviewPolicy
         threads { items { id } } } }`,
      { ref: String(number) },
    );
    const rest = await owner.get<{ markdown: string; etag: string; key: string }>(`/api/v1/workspaces/GQ/specs/${number}`);
    expect(data.spec).toMatchObject({ key: rest.body.key, markdown: rest.body.markdown, etag: rest.body.etag, reviewers: [] });
    expect(data.spec.lint).toEqual((await owner.get(`/api/v1/workspaces/GQ/specs/${number}/lint`)).body);
  });

  it("answers everything REST's GET spec answers, the same (the spec query benchmark's fields), also for list items and when asked twice", async () => {
    const fields = `id workspaceId key number title status author { id name } labels templateId templateVersion revision
      completeness createdAt updatedAt deletedAt etag lintSummary { score errors warnings } markdown sections`;
    const rest = await owner.get<Record<string, unknown> & { lint: unknown }>(`/api/v1/workspaces/GQ/specs/${number}`);
    const { lint, ...restRest } = rest.body;
    for (let i = 0; i < 2; i++) {
      const data = await gqlData<{ spec: Record<string, unknown> }>(owner, `query Spec($ws: String!, $ref: String!) { spec(workspace: $ws, ref: $ref) { ${fields} } }`, { ws: 'GQ', ref: String(number) });
      const { lintSummary, ...spec } = data.spec;
      expect(spec).toEqual(restRest);
      expect(lintSummary).toEqual(lint);
    }
    const list = await gqlData<{ specs: { items: Record<string, unknown>[] } }>(owner, `{ specs(workspace: "GQ", sort: "number", limit: 1) { items { key lintSummary { score errors warnings } sections markdown } } }`);
    expect(list.specs.items[0]).toEqual({ key: restRest.key, lintSummary: lint, sections: restRest.sections, markdown: restRest.markdown });
  });

  it('refuses variables of the wrong type with invalid_graphql (400) before running anything', async () => {
    const query = 'mutation Make($title: String!) { createSpec(workspace: "GQ", title: $title) { key } }';
    const before = (await owner.get<{ items: unknown[] }>('/api/v1/workspaces/GQ/specs?limit=100')).body.items.length;
    // Several times: the first runs uncompiled, later ones JIT-compiled; both refuse.
    for (let i = 0; i < 3; i++) {
      const res = await gql(owner, query, { title: 42 });
      expect(codesOf(res), JSON.stringify(res.body)).toEqual(['invalid_graphql']);
      expect(res.status).toBe(400);
      const missing = await gql(owner, query, {});
      expect(codesOf(missing), JSON.stringify(missing.body)).toEqual(['invalid_graphql']);
      expect(missing.status).toBe(400);
    }
    expect((await owner.get<{ items: unknown[] }>('/api/v1/workspaces/GQ/specs?limit=100')).body.items.length).toBe(before);
    const valid = await gqlData<{ createSpec: { key: string } }>(owner, query, { title: 'Typed' });
    expect(valid.createSpec.key).toMatch(/^GQ-/);
  });

  it('lists specs with filters and a cursor', async () => {
    await gqlData(owner, 'mutation { createSpec(workspace: "GQ", title: "Second") { key } }');
    const first = await gqlData<{ specs: { items: (SpecItem & { overdue: boolean })[]; nextCursor: string | null } }>(owner, '{ specs(workspace: "GQ", sort: "number", limit: 1) { items { number title overdue } nextCursor } }');
    expect(first.specs.items[0]?.overdue).toBe(false);
    expect(first.specs.items).toHaveLength(1);
    expect(first.specs.nextCursor).not.toBeNull();
    const second = await gqlData<{ specs: { items: SpecItem[] } }>(owner, 'query Next($c: String) { specs(workspace: "GQ", sort: "number", limit: 1, cursor: $c) { items { number title } } }', { c: first.specs.nextCursor });
    expect(second.specs.items[0]?.number).toBeGreaterThan(first.specs.items[0]?.number ?? 0);
  });

  it('refuses bad input with the REST validation codes', async () => {
    const res = await gql(owner, '{ specs(workspace: "GQ", limit: 0) { items { key } } }');
    expect(codesOf(res), JSON.stringify(res.body)).toEqual(["validation_failed"]);
    expect(res.body.errors?.[0]?.extensions.errors).toEqual([expect.objectContaining({ field: 'limit', in: 'query', code: 'too_small' })]);
    const unknown = await gql(owner, '{ spec(workspace: "GQ", ref: "999") { key } }');
    expect(codesOf(unknown)).toEqual(['not_found']);
    expect(unknown.status).toBe(404);
    const syntax = await gql(owner, '{ spec(');
    expect(codesOf(syntax)).toEqual(['invalid_graphql']);
  });

  it('searches', async () => {
    const data = await gqlData<{ search: { items: { key: string; snippet: { text: string }[] }[] } }>(owner, '{ search(q: "caching") { items { key sectionPath snippet { text match } } nextCursor } }');
    expect(data.search.items.length).toBeGreaterThan(0);
  });
});
