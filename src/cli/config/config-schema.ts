import Type, { type Static } from 'typebox';
import Value from 'typebox/value';

/** `.specboard.json`: the CLI's keys; `rules` is checked by the core's validateLintConfig. */
export const ConfigFileSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    /** Template name or Markdown file (relative to the config file's folder). */
    template: Type.Optional(Type.String({ minLength: 1 })),
    rules: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: true },
);
export type ConfigFile = Static<typeof ConfigFileSchema>;

/** The value as a ConfigFile, or its first schema problem as `path: message`. */
export function checkConfigFile(value: unknown): { readonly config: ConfigFile } | { readonly problem: string } {
  if (Value.Check(ConfigFileSchema, value)) return { config: value };
  const first = Value.Errors(ConfigFileSchema, value)[0];
  const where = first?.instancePath ? `${first.instancePath.slice(1).replaceAll('/', '.')}: ` : '';
  return { problem: `${where}${first?.message ?? 'must be a JSON object'}` };
}
