import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { checkStorableText, decodeUtf8Strict } from '../../../core/index.js';
import { AppError } from '../../errors/index.js';
import { markStorableChecked } from '../../http/text-guard.js';
import { editSpec, lintSpec, replaceContent } from '../../services/specs/index.js';
import type { ApiInstance } from '../api-instance.js';
import { actorCtx } from '../request-context.js';
import { Strict } from '../schemas.js';
import { ContentBody, EditBody, LintSchema, RevisionSummaryText, SpecDetailSchema, SpecParams, SpecWrittenSchema } from './spec-schemas.js';
import { ifMatchOf, sendSpec, sendWritten } from './spec-http.js';

const UTF8 = /^utf-?8$/i;

/**
 * Reads a text/markdown body as `{ markdown }`: strict UTF-8 (invalid bytes are refused, never
 * replaced) and storable text (no NUL, no lone surrogate), each refusal naming where.
 */
function parseMarkdownBody(request: FastifyRequest, body: Buffer): { markdown: string } {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1];
  if (charset !== undefined && !UTF8.test(charset)) throw new AppError('unsupported_media_type', `Send text/markdown as UTF-8, not ${charset}`);
  const decoded = decodeUtf8Strict(body);
  if (!decoded.ok) throw new AppError('invalid_utf8', `The body is not valid UTF-8: ${decoded.message}`, { offset: decoded.offset, line: decoded.line });
  const storable = checkStorableText(decoded.text);
  if (!storable.ok) {
    throw new AppError(storable.code, `markdown: ${storable.message}`, { field: 'markdown', in: 'body', line: storable.line, column: storable.column, offset: storable.offset });
  }
  return markStorableChecked({ markdown: decoded.text });
}

export function specContentRoutes(app: ApiInstance): void {
  // Its own scope, so text/markdown bodies reach this route only.
  void app.register((scoped, _options, done) => {
    const typed: ApiInstance = scoped.withTypeProvider();
    typed.addContentTypeParser('text/markdown', { parseAs: 'buffer' }, (request, body, parsed) => {
      try {
        parsed(null, parseMarkdownBody(request, body as Buffer));
      } catch (error) {
        parsed(error as Error, undefined);
      }
    });
    typed.put(
      '/workspaces/:ws/specs/:spec/content',
      {
        schema: {
          tags: ['specs'],
          summary: 'Replace the whole text (a new revision); If-Match with the ETag is required',
          description:
            'Body: raw `text/markdown` (UTF-8), or JSON `{ markdown, summary? }`. 428 without If-Match, 412 etag_mismatch when stale. ' +
            'Answers the metadata, new ETag and lint summary without the text (GET the spec for its outline); with `markdown` and `sections` only when the stored text differs from the sent text.',
          params: SpecParams,
          querystring: Type.Object({ summary: Type.Optional(RevisionSummaryText) }, Strict),
          body: ContentBody,
          response: { 200: SpecWrittenSchema },
        },
        config: { access: { auth: 'user', scope: 'write', minRole: 'editor' } },
      },
      async (request, reply) => {
        const { markdown, summary } = request.body;
        const input = { markdown, summary: summary ?? request.query.summary };
        const read = await replaceContent(actorCtx(request), { workspace: request.params.ws, spec: request.params.spec }, input, ifMatchOf(request));
        // The stored text is what was sent, unless the server had to change it (managed footer
        // fields): then the client gets the full view with the stored text.
        return read.current.content === markdown ? sendWritten(reply, read) : sendSpec(request, reply, read);
      },
    );
    done();
  });

  app.post(
    '/workspaces/:ws/specs/:spec/edits',
    {
      schema: {
        tags: ['specs'],
        summary: 'Apply one structured edit (section body, table cell or row, task, field, new section) as a new revision; If-Match required',
        params: SpecParams,
        body: EditBody,
        response: { 200: SpecDetailSchema },
      },
      config: { access: { auth: 'user', scope: 'write', minRole: 'editor' } },
    },
    async (request, reply) => {
      const read = await editSpec(actorCtx(request), { workspace: request.params.ws, spec: request.params.spec }, request.body, request.body.summary, ifMatchOf(request));
      return sendSpec(request, reply, read);
    },
  );

  app.get(
    '/workspaces/:ws/specs/:spec/lint',
    {
      schema: { tags: ['specs'], summary: "Lint findings and completeness against the spec's template version", params: SpecParams, response: { 200: LintSchema } },
      config: { access: { auth: 'user', scope: 'read', minRole: 'viewer' } },
    },
    (request) => lintSpec(actorCtx(request), { workspace: request.params.ws, spec: request.params.spec }),
  );
}
