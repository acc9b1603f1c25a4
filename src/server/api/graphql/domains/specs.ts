// Specs: lists, one spec with its text, outline, lint, revisions and diffs; writes as new revisions.
import {
  createSpec, deleteSpec, diffRevisions, editSpec, getRevision, lintSpec, listRevisions, listSpecs, readSpec, replaceContent, restoreRevision, restoreSpec,
  specEtag, updateSpec, type CreateSpecInput, type DiffRequest, type ListSpecsQuery, type SpecEdit, type SpecRead, type SpecSummary,
} from '../../../services/specs/index.js';
import { outline, type LintSummary } from '../../../services/specs/analysis.js';
import type { CachedRevision } from '../../../services/specs/revision-cache.js';
import { lintOf, revisionHtml, summaryOf } from '../../../services/specs/views.js';
import type { Domain } from '../domain.js';
import { given, operation } from '../operation.js';
import { PreSerialized } from '../serialize.js';

/** A spec as resolvers pass it on: a list item, or a full read (with its text, outline and lint summary). */
export type SpecNode = SpecSummary & { readonly markdown?: string; readonly sections?: unknown; readonly lintSummary?: LintSummary; readonly overdue?: boolean };

/** Mercurius replaces the SDL scalar with the resolver's: both say the same. */
export const JSON_DESCRIPTION = 'Any JSON value: the same members as the REST answer of the same operation.';

type Args = Record<string, unknown>;
type SpecArgs = { workspace: string; spec: string };
type IfMatch = { ifMatch?: string | null };

// A revision's outline never changes: outlined and serialized once per cached revision (as REST's
// JSON fragment is), not per request.
const outlines = new WeakMap<CachedRevision, PreSerialized>();

function outlineOf(current: CachedRevision): PreSerialized {
  let kept = outlines.get(current);
  if (kept === undefined) {
    kept = new PreSerialized(() => outline(current.doc.sections));
    outlines.set(current, kept);
  }
  return kept;
}

// The revision a read node was made from: its HTML is rendered (once per revision) only when asked for.
const revisions = new WeakMap<SpecNode, CachedRevision>();

/** A read spec as a node: its text at hand, its outline computed (once per revision) only when a query asks for it. */
const node = (read: SpecRead): SpecNode => {
  const { loaded, current } = read;
  const { spec } = loaded;
  // summaryOf's object is new: extended in place rather than copied.
  const made = Object.assign(summaryOf(spec, loaded.labels), {
    markdown: current.content,
    lintSummary: lintOf(spec),
    sections: outlineOf(current),
  });
  revisions.set(made, current);
  return made;
};

/** The HTML of the revision a read node holds (undefined for a list item). */
function heldHtml(spec: SpecNode): string | undefined {
  const current = revisions.get(spec);
  return current === undefined ? undefined : revisionHtml(current);
}
/** REST path parameters addressing a spec the resolver already holds. */
export const specParams = (spec: SpecNode) => ({ ws: spec.workspaceId, spec: spec.id });
const locator = (p: { ws: string; spec: string }) => ({ workspace: p.ws, spec: p.spec });

export const specDomain: Domain = {
  typeDefs: /* GraphQL */ `
    "${JSON_DESCRIPTION}"
    scalar JSON

    type Spec {
      id: ID!
      workspaceId: ID!
      "Workspace key and number, e.g. SPEC-42."
      key: String!
      number: Int!
      title: String!
      status: String!
      author: Person!
      labels: [String!]!
      templateId: String!
      templateVersion: Int!
      revision: Int!
      "Lint completeness of the current revision, 0-100."
      completeness: Int!
      createdAt: String!
      updatedAt: String!
      deletedAt: String
      "In lists: a reviewer of the version in review is past the due date without a verdict (null outside lists)."
      overdue: Boolean
      "Pass as ifMatch to writes."
      etag: String!
      "The stored Markdown, exactly."
      markdown: String!
      "The outline: sections with their paths (see the REST spec view)."
      sections: JSON!
      "The revision as HTML, as the REST spec view's html member (include=html): not sanitized, sanitize it before showing it."
      html: String!
      "Lint counts of the current revision, as the REST spec view's lint member."
      lintSummary: LintSummary!
      "Lint findings and completeness against the template version."
      lint: JSON!
      "Revisions, newest first."
      revisions(limit: Int, cursor: String): JSON!
      "One revision with its full content."
      revisionDetail(number: Int!): JSON!
      "Differences between two revisions (format: unified or sections)."
      diff(from: Int, to: Int, format: String): JSON!
    }
    type SpecPage { items: [Spec!]! nextCursor: String }
    "Completeness (0-100) and lint findings by severity."
    type LintSummary { score: Int! errors: Int! warnings: Int! }
  `,
  query: /* GraphQL */ `
    "Specs of a workspace: filtered, sorted (updated, -updated, number, -number, title), a page at a time."
    specs(workspace: String!, status: String, author: String, label: String, template: String, updatedAfter: String, updatedBefore: String, sort: String, deleted: Boolean, limit: Int, cursor: String): SpecPage!
    "One spec by number, key or id."
    spec(workspace: String!, ref: String!): Spec!
    "One spec by its server-wide key (SPEC-42)."
    specByKey(key: String!): Spec!
  `,
  mutation: /* GraphQL */ `
    "Creates a spec from a template (default: the built-in technical specification) or from Markdown."
    createSpec(workspace: String!, title: String, templateId: String, markdown: String, labels: [String!], summary: String): Spec!
    "Retitles (a new revision) and/or relabels."
    updateSpec(workspace: String!, spec: String!, title: String, labels: [String!], ifMatch: String): Spec!
    "Replaces the whole text as a new revision; ifMatch (the etag) is required."
    replaceSpecContent(workspace: String!, spec: String!, markdown: String!, summary: String, ifMatch: String): Spec!
    "Applies one structured edit (the REST edits body: op and its fields) as a new revision; ifMatch required."
    editSpec(workspace: String!, spec: String!, edit: JSON!, ifMatch: String): Spec!
    deleteSpec(workspace: String!, spec: String!, ifMatch: String): Boolean!
    restoreSpec(workspace: String!, spec: String!): Spec!
    "Makes an old revision's content current again, as a new revision."
    restoreRevision(workspace: String!, spec: String!, number: Int!, ifMatch: String): Spec!
  `,
  operations: [
    operation({
      field: 'Query.specs',
      rest: 'GET /workspaces/:ws/specs',
      request: ({ workspace, ...query }: Args & { workspace: string }) => ({ params: { ws: workspace }, query: given(query) }),
      run: (ctx, r) => listSpecs(ctx, r.params.ws, r.query as ListSpecsQuery),
    }),
    operation({
      field: 'Query.spec',
      rest: 'GET /workspaces/:ws/specs/:spec',
      request: (args: { workspace: string; ref: string }) => ({ params: { ws: args.workspace, spec: args.ref } }),
      run: async (ctx, r) => node(await readSpec(ctx, locator(r.params))),
    }),
    operation({ field: 'Query.specByKey', rest: 'GET /specs/:key', request: (args: { key: string }) => ({ params: args }), run: async (ctx, r) => node(await readSpec(ctx, { key: r.params.key })) }),
    // A list item has no text: reading it is reading the spec.
    ...(['markdown', 'sections', 'lintSummary'] as const).map((field) =>
      operation({
        field: `Spec.${field}`,
        rest: 'GET /workspaces/:ws/specs/:spec',
        request: (_args: Args, spec: SpecNode) => ({ params: specParams(spec) }),
        held: (spec: SpecNode) => spec[field],
        run: async (ctx, r) => node(await readSpec(ctx, locator(r.params)))[field],
      }),
    ),
    operation({
      field: 'Spec.html',
      rest: 'GET /workspaces/:ws/specs/:spec',
      request: (_args: Args, spec: SpecNode) => ({ params: specParams(spec), query: { include: 'html' } }),
      held: heldHtml,
      run: async (ctx, r) => revisionHtml((await readSpec(ctx, locator(r.params))).current),
    }),
    operation({ field: 'Spec.lint', rest: 'GET /workspaces/:ws/specs/:spec/lint', request: (_args: Args, spec: SpecNode) => ({ params: specParams(spec) }), run: (ctx, r) => lintSpec(ctx, locator(r.params)) }),
    operation({
      field: 'Spec.revisions',
      rest: 'GET /workspaces/:ws/specs/:spec/revisions',
      request: (args: { limit?: number | null; cursor?: string | null }, spec: SpecNode) => ({ params: specParams(spec), query: given(args) }),
      run: (ctx, r) => listRevisions(ctx, locator(r.params), r.query),
    }),
    operation({
      field: 'Spec.revisionDetail',
      rest: 'GET /workspaces/:ws/specs/:spec/revisions/:n',
      request: (args: { number: number }, spec: SpecNode) => ({ params: { ...specParams(spec), n: args.number } }),
      run: (ctx, r) => getRevision(ctx, locator(r.params), r.params.n),
    }),
    operation({
      field: 'Spec.diff',
      rest: 'GET /workspaces/:ws/specs/:spec/diff',
      request: (args: Args, spec: SpecNode) => ({ params: specParams(spec), query: given(args) }),
      run: (ctx, r) => diffRevisions(ctx, locator(r.params), r.query as DiffRequest),
    }),
    operation({
      field: 'Mutation.createSpec',
      rest: 'POST /workspaces/:ws/specs',
      request: ({ workspace, ...body }: Args & { workspace: string }) => ({ params: { ws: workspace }, body: given(body) }),
      run: async (ctx, r) => node(await createSpec(ctx, r.params.ws, r.body as CreateSpecInput)),
    }),
    operation({
      field: 'Mutation.updateSpec',
      rest: 'PATCH /workspaces/:ws/specs/:spec',
      request: ({ workspace, spec, ifMatch, ...body }: SpecArgs & IfMatch & { title?: string | null; labels?: string[] | null }) => ({ params: { ws: workspace, spec }, body: given(body), ifMatch: ifMatch ?? undefined }),
      run: async (ctx, r) => node(await updateSpec(ctx, locator(r.params), r.body, r.ifMatch)),
    }),
    operation({
      field: 'Mutation.replaceSpecContent',
      rest: 'PUT /workspaces/:ws/specs/:spec/content',
      request: ({ workspace, spec, ifMatch, ...body }: SpecArgs & IfMatch & { markdown: string; summary?: string | null }) => ({
        params: { ws: workspace, spec },
        body: { ...given(body), markdown: body.markdown },
        ifMatch: ifMatch ?? undefined,
      }),
      run: async (ctx, r) => node(await replaceContent(ctx, locator(r.params), r.body, r.ifMatch)),
    }),
    operation({
      field: 'Mutation.editSpec',
      rest: 'POST /workspaces/:ws/specs/:spec/edits',
      request: ({ workspace, spec, ifMatch, edit }: SpecArgs & IfMatch & { edit: unknown }) => ({ params: { ws: workspace, spec }, body: edit, ifMatch: ifMatch ?? undefined }),
      run: async (ctx, r) => {
        const edit = r.body as SpecEdit & { summary?: string };
        return node(await editSpec(ctx, locator(r.params), edit, edit.summary, r.ifMatch));
      },
    }),
    operation({
      field: 'Mutation.deleteSpec',
      rest: 'DELETE /workspaces/:ws/specs/:spec',
      request: ({ workspace, spec, ifMatch }: SpecArgs & IfMatch) => ({ params: { ws: workspace, spec }, ifMatch: ifMatch ?? undefined }),
      run: async (ctx, r) => {
        await deleteSpec(ctx, locator(r.params), r.ifMatch);
        return true;
      },
    }),
    operation({
      field: 'Mutation.restoreSpec',
      rest: 'POST /workspaces/:ws/specs/:spec/restore',
      request: ({ workspace, spec }: SpecArgs) => ({ params: { ws: workspace, spec } }),
      run: async (ctx, r) => node(await restoreSpec(ctx, locator(r.params))),
    }),
    operation({
      field: 'Mutation.restoreRevision',
      rest: 'POST /workspaces/:ws/specs/:spec/revisions/:n/restore',
      request: ({ workspace, spec, number, ifMatch }: SpecArgs & IfMatch & { number: number }) => ({ params: { ws: workspace, spec, n: number }, ifMatch: ifMatch ?? undefined }),
      run: async (ctx, r) => node(await restoreRevision(ctx, locator(r.params), r.params.n, r.ifMatch)),
    }),
  ],
  resolvers: { Spec: { etag: (spec: SpecNode) => specEtag(spec.id, spec.revision) } },
};

