// Shared TypeBox schemas for the HTTP edge. Request bodies always set additionalProperties: false.
import { Type, type TSchema } from 'typebox';

export const Id = Type.String({ minLength: 1, maxLength: 100, description: 'A UUID' });
export const WorkspaceRef = Type.String({ minLength: 1, maxLength: 100, description: 'Workspace id or key (e.g. SPEC)' });
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
export const Password = Type.String({ minLength: 8, maxLength: 1024, description: 'At least 8 characters' });
export const PersonName = Type.String({ minLength: 1, maxLength: 200 });
export const RoleSchema = Type.Enum(['owner', 'admin', 'editor', 'viewer']);
export const ScopeSchema = Type.Enum(['read', 'write', 'admin']);
export const WorkspaceKey = Type.String({ pattern: '^[A-Z][A-Z0-9]{1,9}$', description: '2-10 upper-case letters/digits, e.g. SPEC' });
export const Timestamp = Type.String({ format: 'date-time', description: 'ISO 8601, UTC' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Strict = { additionalProperties: false } as const;

export const PageQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, description: 'Page size (default 50)' })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'nextCursor of the previous page' })),
});

export const PageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });

export const WorkspaceParams = Type.Object({ ws: WorkspaceRef });

export const UserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  createdAt: Type.String(),
});

export const WorkspaceSchema = Type.Object({
  id: Type.String(),
  key: Type.String(),
  name: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const WorkspaceViewSchema = Type.Object({
  id: Type.String(),
  key: Type.String(),
  name: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  role: RoleSchema,
  permissions: Type.Object({
    update: Type.Boolean(),
    delete: Type.Boolean(),
    manageMembers: Type.Boolean(),
    manageInvites: Type.Boolean(),
    manageTemplates: Type.Boolean(),
    readAudit: Type.Boolean(),
  }),
});

export const NoContent = Type.Null({ description: 'No content' });
