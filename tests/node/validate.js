// Validate a JSON document against a JSON Schema (draft 2020-12) with Ajv, strictly.
// Usage: node validate.js SCHEMA DOCUMENT; prints the errors and exits 1 when invalid.
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const [schemaPath, documentPath] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")));
if (validate(JSON.parse(fs.readFileSync(documentPath, "utf8")))) {
  console.log("valid");
} else {
  console.log(JSON.stringify(validate.errors, null, 2));
  process.exit(1);
}
