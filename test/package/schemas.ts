// The JSON schemas the output formats are checked against (see fixtures/README.md for where they come from).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv as Ajv07, type ValidateFunction } from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { REPO_ROOT } from './npm.js';

const FIXTURES = path.join(REPO_ROOT, 'test/package/fixtures');
export const REPORT_SCHEMA_FILE = path.join(FIXTURES, 'leakproof-report-v1.schema.json');

export function loadJson(file: string): object {
  return JSON.parse(readFileSync(file, 'utf8')) as object;
}

/** SARIF 2.1.0 is a draft-04 schema with `uri` and `date-time` formats. */
export function compileSarifSchema(): ValidateFunction {
  // Both packages are CommonJS with `exports.default`; under NodeNext the default import is the module object.
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(loadJson(path.join(FIXTURES, 'sarif-schema-2.1.0.json')));
}

export function compileReportSchema(): ValidateFunction {
  const ajv = new Ajv07({ allErrors: true, strict: true });
  return ajv.compile(loadJson(REPORT_SCHEMA_FILE));
}

export function errorsOf(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`)
    .join('\n');
}
