// Templates of a workspace (built-in and the workspace's own), with their versions.
import { createTemplate, deleteTemplate, getTemplate, getTemplateVersion, listTemplates, updateTemplate } from '../../../services/templates.js';
import type { Domain } from '../domain.js';
import { given, operation } from '../operation.js';

type InWorkspace = { workspace: string };
type Fields = { name?: string | null; description?: string | null; source?: string | null };

export const templateDomain: Domain = {
  typeDefs: /* GraphQL */ `
    type Template {
      id: ID!
      name: String!
      description: String!
      builtin: Boolean!
      currentVersion: Int!
      createdAt: String
      updatedAt: String
      "The Markdown source at the current version (null in lists)."
      source: String
      sha256: String
    }
    type TemplateVersion { templateId: ID! version: Int! source: String! sha256: String! createdAt: String }
  `,
  query: /* GraphQL */ `
    "Built-in and workspace templates."
    templates(workspace: String!): [Template!]!
    template(workspace: String!, id: ID!): Template!
    templateVersion(workspace: String!, id: ID!, version: Int!): TemplateVersion!
  `,
  mutation: /* GraphQL */ `
    createTemplate(workspace: String!, name: String!, description: String, source: String!): Template!
    "Renames, or publishes a new version when the source changes."
    updateTemplate(workspace: String!, id: ID!, name: String, description: String, source: String): Template!
    deleteTemplate(workspace: String!, id: ID!): Boolean!
  `,
  operations: [
    operation({ field: 'Query.templates', rest: 'GET /workspaces/:ws/templates', request: (args: InWorkspace) => ({ params: { ws: args.workspace } }), run: (ctx, r) => listTemplates(ctx, r.params.ws) }),
    operation({
      field: 'Query.template',
      rest: 'GET /workspaces/:ws/templates/:templateId',
      request: (args: InWorkspace & { id: string }) => ({ params: { ws: args.workspace, templateId: args.id } }),
      run: (ctx, r) => getTemplate(ctx, r.params.ws, r.params.templateId),
    }),
    operation({
      field: 'Query.templateVersion',
      rest: 'GET /workspaces/:ws/templates/:templateId/versions/:version',
      request: (args: InWorkspace & { id: string; version: number }) => ({ params: { ws: args.workspace, templateId: args.id, version: args.version } }),
      run: (ctx, r) => getTemplateVersion(ctx, r.params.ws, r.params.templateId, r.params.version),
    }),
    operation({
      field: 'Mutation.createTemplate',
      rest: 'POST /workspaces/:ws/templates',
      request: ({ workspace, ...body }: InWorkspace & Fields & { name: string; source: string }) => ({ params: { ws: workspace }, body: { ...given(body), name: body.name, source: body.source } }),
      run: (ctx, r) => createTemplate(ctx, r.params.ws, r.body),
    }),
    operation({
      field: 'Mutation.updateTemplate',
      rest: 'PATCH /workspaces/:ws/templates/:templateId',
      request: ({ workspace, id, ...body }: InWorkspace & Fields & { id: string }) => ({ params: { ws: workspace, templateId: id }, body: given(body) }),
      run: (ctx, r) => updateTemplate(ctx, r.params.ws, r.params.templateId, r.body),
    }),
    operation({
      field: 'Mutation.deleteTemplate',
      rest: 'DELETE /workspaces/:ws/templates/:templateId',
      request: (args: InWorkspace & { id: string }) => ({ params: { ws: args.workspace, templateId: args.id } }),
      run: async (ctx, r) => {
        await deleteTemplate(ctx, r.params.ws, r.params.templateId);
        return true;
      },
    }),
  ],
};
