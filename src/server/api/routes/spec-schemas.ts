// TypeBox schemas of the spec routes (request and response shapes; see docs/specs-api.md).
import { Type } from 'typebox';
import { LIFECYCLE_STATES } from '../../../core/index.js';
import { SPEC_SORTS } from '../../services/specs/index.js';
import { Nullable, Strict, Timestamp, WorkspaceRef } from '../schemas.js';

export const SpecRefParam = Type.String({ minLength: 1, maxLength: 120, description: 'Spec number (42), key (SPEC-42) or id; a trailing .md asks for Markdown' });
export const SpecParams = Type.Object({ ws: WorkspaceRef, spec: SpecRefParam });
export const RevisionParams = Type.Object({ ws: WorkspaceRef, spec: SpecRefParam, n: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

export const Title = Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' });
export const LabelName = Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\s,](?:[^\\r\\n,]*[^\\s,])?$', description: 'One line, no commas' });
export const Labels = Type.Array(LabelName, { maxItems: 50, uniqueItems: true });
export const RevisionSummaryText = Type.String({ maxLength: 1000, description: 'What changed (shown in the history)' });
export const Markdown = Type.String({ description: 'The spec text, stored byte for byte' });

const Author = Type.Object({ id: Type.String(), name: Type.String() });

const SummaryFields = {
  id: Type.String(),
  workspaceId: Type.String(),
  key: Type.String({ description: 'Workspace key and number, e.g. SPEC-42' }),
  number: Type.Integer(),
  title: Type.String(),
  status: Type.String(),
  author: Author,
  labels: Type.Array(Type.String()),
  templateId: Type.String(),
  templateVersion: Type.Integer(),
  revision: Type.Integer(),
  completeness: Type.Integer({ description: 'Lint completeness of the current revision, 0-100' }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  deletedAt: Nullable(Type.String()),
};
export const SpecSummarySchema = Type.Object(SummaryFields);
export const SpecListItemSchema = Type.Object({
  ...SummaryFields,
  overdue: Type.Boolean({ description: 'A reviewer of the version in review is past the due date without a verdict' }),
  reviewers: Type.Optional(
    Type.Array(Type.Object({ user: Author, role: Type.String(), dueAt: Nullable(Type.String()), assignedAt: Type.String() }), { description: 'With include=reviewers: reviewers of the current version' }),
  ),
});

export const LintSummarySchema = Type.Object({ score: Type.Integer(), errors: Type.Integer(), warnings: Type.Integer() });

const SectionNodeSchema = Type.Object({
  path: Type.String(),
  title: Type.String(),
  level: Type.Integer(),
  line: Type.Integer(),
  children: Type.Array(Type.Unknown({ description: 'Nested sections, same shape' })),
});

/**
 * What a content write answers: the detail view without the text and outline the writer just sent;
 * both are there only when the stored text differs from the sent text.
 */
/** Managed footer fields whose hand edits a write replaced with the real values (docs/reviews.md). */
const FooterReplacedSchema = Type.Optional(
  Type.Array(Type.Object({ field: Type.String(), submitted: Type.String(), value: Type.String() }), {
    description: 'Only when the server replaced hand edits of managed footer fields',
  }),
);

export const SpecWrittenSchema = Type.Object({
  ...SummaryFields,
  etag: Type.String(),
  lint: LintSummarySchema,
  footerReplaced: FooterReplacedSchema,
  markdown: Type.Optional(Type.String({ description: 'Only when the stored text differs from the sent text' })),
  sections: Type.Optional(Type.Array(SectionNodeSchema)),
});

export const SpecDetailSchema = Type.Object({
  ...SummaryFields,
  etag: Type.String(),
  lint: LintSummarySchema,
  footerReplaced: FooterReplacedSchema,
  markdown: Type.String(),
  sections: Type.Array(SectionNodeSchema),
});

/** A spec view with its `html`, the current revision rendered for the web page. */
export const SpecDetailWithHtmlSchema = Type.Object({
  ...SpecDetailSchema.properties,
  html: Type.Optional(
    Type.String({
      description:
        'With include=html: the revision as HTML (CommonMark + GFM tables and task lists, raw HTML shown as text, headings with id sec-<section path>, the leading H1 title left out, code unhighlighted with language-* classes). Not sanitized: sanitize it (e.g. DOMPurify) before showing it',
    }),
  ),
});

export const SpecReadQuery = Type.Object({
  include: Type.Optional(Type.Enum(['html'], { description: 'html: add the revision rendered as HTML (rendered once per revision on the server)' })),
});

export const SpecListQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum([...LIFECYCLE_STATES])),
    author: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Author user id' })),
    reviewer: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Reviewer user id: specs whose current version they review' })),
    awaitingReview: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Reviewer user id: specs in review still waiting for their verdict' })),
    include: Type.Optional(Type.Enum(['reviewers'], { description: 'reviewers: add each spec\'s current reviewers (one more query per page)' })),
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    template: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Template id' })),
    updatedAfter: Type.Optional(Timestamp),
    updatedBefore: Type.Optional(Timestamp),
    sort: Type.Optional(Type.Enum([...SPEC_SORTS])),
    deleted: Type.Optional(Type.Boolean({ description: 'Soft-deleted specs instead (admins)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  },
  Strict,
);

export const CreateSpecBody = Type.Object(
  {
    title: Type.Optional(Title),
    templateId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    markdown: Type.Optional(Markdown),
    labels: Type.Optional(Labels),
    summary: Type.Optional(RevisionSummaryText),
  },
  Strict,
);

export const UpdateSpecBody = Type.Object({ title: Type.Optional(Title), labels: Type.Optional(Labels) }, Strict);

export const ContentBody = Type.Object({ markdown: Markdown, summary: Type.Optional(RevisionSummaryText) }, Strict);

const Path = Type.String({ maxLength: 1000, description: "Section path: slugs joined by '/'" });
const Index = Type.Integer({ minimum: 0, maximum: 1_000_000 });
const CellText = Type.String({ maxLength: 10_000 });
const summary = { summary: Type.Optional(RevisionSummaryText) };

export const EditBody = Type.Union([
  Type.Object({ op: Type.Literal('setSectionBody'), path: Path, markdown: Markdown, ...summary }, Strict),
  Type.Object(
    { op: Type.Literal('setTableCell'), sectionPath: Path, table: Index, row: Type.Integer({ minimum: -1, maximum: 1_000_000 }), column: Index, text: CellText, ...summary },
    Strict,
  ),
  Type.Object({ op: Type.Literal('appendTableRow'), sectionPath: Path, table: Index, cells: Type.Array(CellText, { maxItems: 100 }), ...summary }, Strict),
  Type.Object({ op: Type.Literal('setTaskChecked'), sectionPath: Path, index: Index, checked: Type.Boolean(), ...summary }, Strict),
  Type.Object({ op: Type.Literal('setField'), sectionPath: Path, label: Type.String({ minLength: 1, maxLength: 200 }), value: CellText, ...summary }, Strict),
  Type.Object({ op: Type.Literal('insertSection'), afterPath: Path, title: Title, level: Type.Integer({ minimum: 1, maximum: 6 }), ...summary }, Strict),
]);

export const RevisionSummarySchema = Type.Object({ number: Type.Integer(), author: Author, createdAt: Type.String(), summary: Type.String() });
export const RevisionSchema = Type.Object({
  specId: Type.String(),
  number: Type.Integer(),
  author: Author,
  createdAt: Type.String(),
  summary: Type.String(),
  markdown: Type.String(),
});

export const DiffQuery = Type.Object(
  {
    from: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'Default: the revision before `to`' })),
    to: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'Default: the current revision' })),
    format: Type.Optional(Type.Enum(['unified', 'sections'])),
  },
  Strict,
);

export const DiffSchema = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  format: Type.String(),
  unified: Type.Optional(Type.String()),
  sections: Type.Optional(
    Type.Array(
      Type.Object({
        path: Type.String(),
        status: Type.String(),
        heading: Type.String(),
        level: Type.Integer(),
        before: Nullable(Type.String()),
        after: Nullable(Type.String()),
      }),
    ),
  ),
});

const FindingSchema = Type.Object({
  ruleId: Type.String(),
  severity: Type.String(),
  message: Type.String(),
  sectionPath: Type.String(),
  line: Type.Integer(),
  column: Type.Integer(),
  endLine: Type.Integer(),
  endColumn: Type.Integer(),
  offset: Type.Integer(),
  endOffset: Type.Integer(),
});

export const LintSchema = Type.Object({
  specId: Type.String(),
  revision: Type.Integer(),
  templateId: Type.String(),
  templateVersion: Type.Integer(),
  score: Type.Integer(),
  errors: Type.Integer(),
  warnings: Type.Integer(),
  findings: Type.Array(FindingSchema),
  sections: Type.Array(Type.Object({ path: Type.String(), score: Type.Integer(), blanks: Type.Integer(), unfilled: Type.Integer(), missing: Type.Boolean() })),
});
