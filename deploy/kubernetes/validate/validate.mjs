#!/usr/bin/env node
// Validates Kubernetes objects against the Kubernetes API's schema, offline: every document of
// the YAML files given (or of standard input with "-"), typically the output of
// `kubectl kustomize <overlay>`. Each object is checked by the kubernetes-models class of its
// apiVersion and kind (kubernetes-models/<apiVersion>/<kind>); a kind the package does not know
// is an error, not a pass, so nothing reaches a cluster unchecked.
//
// Prints one line per object and a summary; exits 0 when every object is valid, 1 when one is
// not (each problem on stderr), 2 on a usage error or unreadable input.

import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

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
