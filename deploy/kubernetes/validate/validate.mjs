#!/usr/bin/env node
// Validates Kubernetes objects against the Kubernetes API's schema, offline: every document of
// the YAML files given (or of standard input with "-"), typically the output of
// `kubectl kustomize <overlay>`. Each object is checked by the kubernetes-models class of its
// apiVersion and kind (kubernetes-models/<apiVersion>/<kind>); a kind the package does not know
// is an error, not a pass, so nothing reaches a cluster unchecked.
//
// The schema lets an object carry fields it does not define, which the API server refuses under
// kubectl's strict field validation (the default since 1.27): a misspelt "readinesProbe" would
// pass the schema and fail at apply. So every field is also looked up in the field lists of the
// package's type declarations (the .d.ts beside each model), and one that is not there is an
// error naming its path.
//
// Prints one line per object and a summary; exits 0 when every object is valid, 1 when one is
// not (each problem on stderr), 2 on a usage error or unreadable input.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const MODULES = join(dirname(fileURLToPath(import.meta.url)), "node_modules");

// apiVersion is "v1" (the core group) or "<group>/<version>"; kind is a Go type name. Anything
// else cannot name a module, and is refused before it is turned into an import path.
const API_VERSION = /^([a-z0-9]([a-z0-9.-]*[a-z0-9])?\/)?v[0-9]+((alpha|beta)[0-9]+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

async function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== "string" || !API_VERSION.test(apiVersion)) {
    throw new Error(`apiVersion ${JSON.stringify(apiVersion)} is not a Kubernetes API version`);
  }
  if (typeof kind !== "string" || !KIND.test(kind)) {
    throw new Error(`kind ${JSON.stringify(kind)} is not a Kubernetes kind`);
  }
  const path = `kubernetes-models/${apiVersion}/${kind}`;
  let module;
  try {
    module = await import(path);
  } catch (error) {
    if (error.code === "ERR_PACKAGE_PATH_NOT_EXPORTED" || error.code === "ERR_MODULE_NOT_FOUND") {
      throw new Error(`unknown kind ${kind} in ${apiVersion} (no ${path})`);
    }
    throw error;
  }
  const model = module[kind];
  if (typeof model !== "function") throw new Error(`${path} does not export ${kind}`);
  return model;
}

// The fields of the interface a .d.ts file declares, as a Map from field name to what its value
// is checked against: the .d.ts of the field's own interface (or of its elements, for an Array),
// a Map of the fields of an inline object type, or null for a value whose inside is not checked
// (strings, numbers, literals, maps with free keys, aliases such as Quantity). null for a file
// that declares no interface (an alias).
const declarations = new Map();
function fieldsOf(file) {
  if (declarations.has(file)) return declarations.get(file);
  const text = readFileSync(file, "utf8");
  const imports = new Map();
  for (const [, name, from] of text.matchAll(/^import \{ (\w+) \} from "([^"]+)";$/gm)) {
    const path = from.startsWith(".") ? resolve(dirname(file), from) : join(MODULES, from);
    imports.set(name, path.replace(/\.js$/, "") + ".d.ts");
  }
  const lines = text.split("\n");
  const first = lines.findIndex((line) => /^export interface \w+(?: extends [\w, ]+)? \{$/.test(line));
  const fields = first < 0 ? null : parseFields(lines, first + 1, 4, imports).fields;
  declarations.set(file, fields);
  return fields;
}

// The fields declared from lines[start] on at `indent` spaces, up to the closing brace one level
// out; returns them and the index of that closing line.
function parseFields(lines, start, indent, imports) {
  const fields = new Map();
  const property = new RegExp(`^ {${indent}}"([^"]+)"\\??: (.*)$`);
  let freeKeys = false;
  let i = start;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line.length - line.trimStart().length < indent && line.trim().startsWith("}")) break;
    if (new RegExp(`^ {${indent}}\\[key: string\\]`).test(line)) freeKeys = true;
    const match = property.exec(line);
    if (!match) continue;
    const [, name, type] = match;
    if (type === "{" || type === "Array<{") {
      const inner = parseFields(lines, i + 1, indent + 4, imports);
      fields.set(name, inner.fields);
      i = inner.end;
    } else {
      const model = /^(?:Array<)?(\w+)>?;$/.exec(type);
      fields.set(name, model && imports.has(model[1]) ? imports.get(model[1]) : null);
    }
  }
  return { fields: freeKeys ? null : fields, end: i };
}

// The paths of `value`'s fields that `declared` (a .d.ts file, or inline fields) does not list.
function unknownFields(value, declared, path, out) {
  if (value === null || typeof value !== "object" || declared === null) return out;
  if (Array.isArray(value)) {
    value.forEach((element, i) => unknownFields(element, declared, `${path}/${i}`, out));
    return out;
  }
  let fields = declared;
  if (typeof declared === "string") {
    // A missing declaration is a package laid out otherwise than this walk expects: an error,
    // rather than fields let through unchecked.
    if (!existsSync(declared)) throw new Error(`no type declaration ${declared} for ${path || "/"}`);
    fields = fieldsOf(declared);
    if (fields === null) return out;
  }
  for (const [name, field] of Object.entries(value)) {
    if (!fields.has(name)) out.push(`${path}/${name}`);
    else unknownFields(field, fields.get(name), `${path}/${name}`, out);
  }
  return out;
}

// The ajv errors kubernetes-models throws, one per line, each with the field's path.
function describe(error) {
  if (Array.isArray(error.errors) && error.errors.length > 0) {
    return error.errors
      .map((e) => `${e.instancePath || "/"} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`)
      .join("\n    ");
  }
  return error.message;
}

function readSource(name) {
  return name === "-" ? readFileSync(0, "utf8") : readFileSync(name, "utf8");
}

async function main(argv) {
  if (argv.length === 0) {
    console.error("usage: validate.mjs <file.yaml>... (or - for standard input)");
    return 2;
  }
  let checked = 0;
  let failed = 0;
  for (const source of argv) {
    let documents;
    try {
      documents = parseAllDocuments(readSource(source));
    } catch (error) {
      console.error(`${source}: ${error.message}`);
      return 2;
    }
    for (const [index, document] of documents.entries()) {
      const where = `${source} document ${index + 1}`;
      if (document.errors.length > 0) {
        console.error(`${where}: YAML: ${document.errors.map((e) => e.message).join("; ")}`);
        failed++;
        continue;
      }
      const object = document.toJS();
      if (object === null || object === undefined) continue;  // an empty document
      checked++;
      const name = `${object.kind}/${object.metadata?.name ?? "(no name)"}`;
      try {
        if (typeof object !== "object" || Array.isArray(object)) {
          throw new Error("not a Kubernetes object (a mapping with apiVersion and kind)");
        }
        const Model = await modelFor(object.apiVersion, object.kind);
        new Model(object).validate();
        const declaration = join(MODULES, "kubernetes-models", object.apiVersion, `${object.kind}.d.ts`);
        const unknown = unknownFields(object, declaration, "", []);
        if (unknown.length > 0) {
          throw new Error(unknown.map((p) => `${p} is not a field of ${object.kind}`).join("\n    "));
        }
        console.log(`ok ${object.apiVersion} ${name}`);
      } catch (error) {
        console.error(`${where} (${name}): invalid\n    ${describe(error)}`);
        failed++;
      }
    }
  }
  if (checked === 0 && failed === 0) {
    console.error("no Kubernetes objects in the input");
    return 1;
  }
  console.log(`${checked} objects, ${failed} invalid`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
