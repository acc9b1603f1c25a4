// Shapes of the server's answers this CLI relies on (only the fields it reads; more are allowed).
import Type, { type Static, type TSchema } from 'typebox';
import Value from 'typebox/value';

export const ProblemSchema = Type.Object({
  code: Type.String({ pattern: '^[a-z][a-z0-9_]*$' }),
  status: Type.Optional(Type.Integer()),
  title: Type.Optional(Type.String()),
  detail: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
});
export type Problem = Static<typeof ProblemSchema>;

export const WorkspaceSchema = Type.Object({ id: Type.String(), key: Type.String(), name: Type.String(), role: Type.String() });
export type RemoteWorkspace = Static<typeof WorkspaceSchema>;

export const InviteCreatedSchema = Type.Object({
  invite: Type.Object({ role: Type.String(), email: Type.Union([Type.String(), Type.Null()]), expiresAt: Type.String() }),
  url: Type.String(),
});
export type InviteCreated = Static<typeof InviteCreatedSchema>;

/** The parts of a spec's JSON view that import and export use. */
export const SpecRefSchema = Type.Object({
  id: Type.String({ minLength: 1 }),
  key: Type.String({ minLength: 1 }),
  number: Type.Integer(),
  title: Type.String(),
  revision: Type.Integer(),
});
export type SpecRef = Static<typeof SpecRefSchema>;

export const SpecPageSchema = Type.Object({ items: Type.Array(SpecRefSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export type SpecPage = Static<typeof SpecPageSchema>;

/** Whether `value` matches `schema` (a type guard). */
export function matches<T extends TSchema>(schema: T, value: unknown): value is Static<T> {
  return Value.Check(schema, value);
}
