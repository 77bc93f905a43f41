// Independent check of McpGen's generated JSON Schemas with ajv (draft 2020-12, strict, with formats).
// Input (argv[2]): a JSON file [{ "name", "schema", "instances": [{ "value", "valid" }] }].
// Output (stdout): [{ "name", "compiled": bool, "error"?, "results": [{ "index", "valid", "expected", "errors"? }] }].
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const out = [];
for (const c of cases) {
  const ajv = new Ajv2020({ strict: true, allErrors: true, strictTypes: false });
  addFormats(ajv);
  let validate;
  try {
    validate = ajv.compile(c.schema);
  } catch (e) {
    out.push({ name: c.name, compiled: false, error: String(e.message ?? e), results: [] });
    continue;
  }
  out.push({
    name: c.name,
    compiled: true,
    results: c.instances.map((inst, index) => {
      const valid = validate(inst.value);
      return { index, valid, expected: inst.valid, errors: valid ? undefined : ajv.errorsText(validate.errors) };
    }),
  });
}
process.stdout.write(JSON.stringify(out));
