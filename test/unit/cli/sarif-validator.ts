import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** A validator for the official OASIS SARIF 2.1.0 schema (draft-07), vendored: see test/fixtures/sarif/README.md. */
export function sarifValidator(): ValidateFunction {
  const schemaPath = join(import.meta.dirname, '../../fixtures/sarif/sarif-schema-2.1.0.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true });
  // ajv-formats is CommonJS; under NodeNext its default import is the module object.
  addFormats.default(ajv);
  return ajv.compile(schema);
}
