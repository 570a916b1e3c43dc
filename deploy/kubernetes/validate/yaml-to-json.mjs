#!/usr/bin/env node
// Prints the YAML documents of a file (or of standard input, "-") as one JSON array, empty
// documents left out: for the tests that read rendered manifests without a YAML parser of their
// own (tests/manifest_pods_e2e_test.cc). Exits 1 when the YAML does not parse.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const [source] = process.argv.slice(2);
if (!source) {
  console.error("usage: yaml-to-json.mjs <file.yaml | ->");
  process.exit(2);
}
const documents = parseAllDocuments(readFileSync(source === "-" ? 0 : source, "utf8"));
const broken = documents.flatMap((d) => d.errors);
if (broken.length > 0) {
  console.error(broken.map((e) => e.message).join("\n"));
  process.exit(1);
}
console.log(JSON.stringify(documents.map((d) => d.toJS()).filter((o) => o != null)));
