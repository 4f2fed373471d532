// Runs electronegativity's scanner as a library and writes its findings as one JSON file
// (synchronously). Its own CLI writes the CSV header and the rows with two concurrent async
// writes, one truncating and one appending, so on a loaded machine the report came out mangled.
// Usage: node -r ./refuseNetwork.cjs electronegativity.cjs <input> <out.json> <electron version> <excluded checks>
const { writeFileSync } = require('node:fs');
const path = require('node:path');

const [input, out, electronVersion, exclude] = process.argv.slice(2);
const run = require('@doyensec/electronegativity/dist/runner.js');

run({
  input: path.resolve(input),
  isRelative: true,
  isVerbose: false,
  electronVersionOverride: electronVersion,
  customScan: [],
  excludeFromScan: exclude ? exclude.split(',').map((check) => check.trim().toLowerCase()) : [],
  parserPlugins: [],
}).then(
  (result) => {
    const findings = result.issues.map((issue) => ({
      issue: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: issue.file,
      location: `${issue.location.line}:${issue.location.column}`,
      sample: issue.sample ?? '',
    }));
    writeFileSync(out, JSON.stringify({ errors: result.errors.length, findings }));
  },
  (error) => {
    console.error(error.stack);
    process.exit(1);
  },
);
