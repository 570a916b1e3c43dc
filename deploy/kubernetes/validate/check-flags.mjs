#!/usr/bin/env node
// Checks rendered manifests against the service binaries they run, offline: what the schema
// cannot know. For each container of a Deployment or StatefulSet, named after its service:
//   - every argument is --<flag>=<value> (or --<flag>, --no<flag>) with a flag the binary's
//     --help lists;
//   - every $(VAR) in the arguments is defined in the container's env, and every env value taken
//     from a ConfigMap names a ConfigMap and key the manifests define (Secrets are the operator's);
//   - the container ports are exactly the ports of --listen, --health_listen and --metrics_listen,
//     and the pod's prometheus.io/port annotation is --metrics_listen's;
//   - every probe targets the --health_listen port (the service port speaks TLS only, which the
//     kubelet's gRPC probe cannot);
//   - every argument naming a file in a mounted Secret names a key of that Secret, when the
//     Secret is among the input (with --require-secrets it must be: deploy/kubernetes/trial-secrets
//     makes the ones overlays/local mounts);
// and each Service's target ports are ports of the pods it selects.
//
// Usage: check-flags.mjs [--require-secrets] --binary intake=<path> ... <file.yaml>...
// Exits 0 when all holds, 1 listing each problem on stderr, 2 on a usage error.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const WORKLOADS = new Set(["Deployment", "StatefulSet"]);
const problems = [];
const problem = (where, text) => problems.push(`${where}: ${text}`);

// The flags a binary's --help lists ("    --name (default: ...)", common/service_usage.cc).
function helpFlags(binary) {
  const help = execFileSync(binary, ["--help"], { encoding: "utf8" });
  const flags = new Set();
  for (const match of help.matchAll(/^ +--([a-z0-9_]+) \(default: /gm)) flags.add(match[1]);
  if (flags.size === 0) throw new Error(`${binary} --help lists no flags`);
  return flags;
}

function portOf(address) {
  const match = /:([0-9]+)$/.exec(address);
  return match ? Number(match[1]) : null;
}

// An argument's file in a Secret volume: a key of that Secret when it is defined.
function checkSecretFiles(where, container, volumes, secrets, requireSecrets) {
  for (const arg of container.args ?? []) {
    const value = arg.split("=").slice(1).join("=");
    for (const mount of container.volumeMounts ?? []) {
      const secretName = volumes.get(mount.name)?.secret?.secretName;
      if (!secretName || !value.startsWith(`${mount.mountPath}/`)) continue;
      const key = value.slice(mount.mountPath.length + 1);
      const secret = secrets.get(secretName);
      if (!secret) {
        if (requireSecrets) problem(where, `${arg}: Secret ${secretName} is not defined`);
      } else if (!(key in secret)) {
        problem(where, `${arg}: Secret ${secretName} has no key ${key}`);
      }
    }
  }
}

function checkContainer(where, container, flags, configMaps, annotations) {
  const env = new Map((container.env ?? []).map((e) => [e.name, e]));
  if (container.envFrom) problem(where, "envFrom: the variables it defines cannot be checked");
  const given = new Map();
  for (const arg of container.args ?? []) {
    const match = /^--([a-z0-9_]+)(=(.*))?$/s.exec(arg);
    if (!match) {
      problem(where, `argument ${JSON.stringify(arg)} is not --flag=value`);
      continue;
    }
    const [, name, , value] = match;
    const known = flags.has(name) || (value === undefined && name.startsWith("no") &&
                                      flags.has(name.slice(2)));
    if (!known) problem(where, `--${name} is not a flag of the binary (--help)`);
    given.set(name, value ?? "");
    for (const ref of (value ?? "").matchAll(/(?<!\$)\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)) {
      if (!env.has(ref[1])) problem(where, `--${name} uses $(${ref[1]}), which env does not define`);
    }
  }
  for (const [name, variable] of env) {
    const ref = variable.valueFrom?.configMapKeyRef;
    if (!ref || ref.optional) continue;
    const data = configMaps.get(ref.name);
    if (!data) problem(where, `env ${name} reads ConfigMap ${ref.name}, which is not defined`);
    else if (!(ref.key in data)) problem(where, `env ${name} reads key ${ref.key}, not in ConfigMap ${ref.name}`);
  }

  const listened = new Map();
  for (const flag of ["listen", "health_listen", "metrics_listen"]) {
    if (!given.has(flag)) {
      problem(where, `no --${flag}: the service would listen on loopback only, out of the pod's reach`);
      continue;
    }
    const port = portOf(given.get(flag));
    if (port === null) problem(where, `--${flag}=${given.get(flag)} has no literal port`);
    else listened.set(flag, port);
  }
  const declared = new Map((container.ports ?? []).map((p) => [p.name, p.containerPort]));
  const declaredPorts = new Set(declared.values());
  for (const [flag, port] of listened) {
    if (!declaredPorts.has(port)) problem(where, `--${flag} port ${port} is not a container port`);
  }
  const listenedPorts = new Set(listened.values());
  for (const [name, port] of declared) {
    if (!listenedPorts.has(port)) problem(where, `container port ${name} (${port}) is not listened on`);
  }

  const scrapePort = annotations["prometheus.io/port"];
  if (scrapePort === undefined) problem(where, "no prometheus.io/port annotation on the pod template");
  else if (Number(scrapePort) !== listened.get("metrics_listen")) {
    problem(where, `prometheus.io/port ${scrapePort} is not --metrics_listen's ${listened.get("metrics_listen")}`);
  }

  const health = listened.get("health_listen");
  for (const kind of ["startupProbe", "livenessProbe", "readinessProbe"]) {
    const probe = container[kind];
    if (!probe) {
      problem(where, `no ${kind}`);
      continue;
    }
    const action = probe.grpc ?? probe.tcpSocket ?? probe.httpGet;
    if (!action) {
      problem(where, `${kind} is neither grpc, tcpSocket nor httpGet`);
      continue;
    }
    const port = typeof action.port === "string" ? declared.get(action.port) : action.port;
    if (port === undefined) problem(where, `${kind} port ${action.port} is not a container port`);
    else if (port !== health) problem(where, `${kind} probes port ${port}, not --health_listen's ${health}`);
  }
}

function matches(selector, labels) {
  return Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value);
}

function main(argv) {
  const binaries = new Map();
  const files = [];
  let requireSecrets = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--require-secrets") {
      requireSecrets = true;
    } else if (argv[i] === "--binary") {
      const [service, path] = (argv[++i] ?? "").split(/=(.*)/s);
      if (!service || !path) return usage();
      binaries.set(service, path);
    } else {
      files.push(argv[i]);
    }
  }
  if (binaries.size === 0 || files.length === 0) return usage();

  const objects = files.flatMap((file) =>
    parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJS()).filter(Boolean));
  const configMaps = new Map(objects.filter((o) => o.kind === "ConfigMap")
    .map((o) => [o.metadata.name, o.data ?? {}]));
  const secrets = new Map(objects.filter((o) => o.kind === "Secret")
    .map((o) => [o.metadata.name, { ...(o.data ?? {}), ...(o.stringData ?? {}) }]));
  const workloads = objects.filter((o) => WORKLOADS.has(o.kind));
  if (workloads.length === 0) problem(files.join(" "), "no Deployment or StatefulSet");
  const flagsOf = new Map();
  for (const workload of workloads) {
    for (const container of workload.spec.template.spec.containers) {
      const where = `${workload.kind}/${workload.metadata.name} container ${container.name}`;
      const binary = binaries.get(container.name);
      if (!binary) {
        problem(where, `no --binary for a container named ${container.name}`);
        continue;
      }
      if (!flagsOf.has(binary)) flagsOf.set(binary, helpFlags(binary));
      checkContainer(where, container, flagsOf.get(binary), configMaps,
        workload.spec.template.metadata.annotations ?? {});
      const volumes = new Map((workload.spec.template.spec.volumes ?? []).map((v) => [v.name, v]));
      checkSecretFiles(where, container, volumes, secrets, requireSecrets);
    }
  }

  for (const service of objects.filter((o) => o.kind === "Service")) {
    const where = `Service/${service.metadata.name}`;
    const pods = workloads.filter((w) => matches(service.spec.selector, w.spec.template.metadata.labels));
    if (pods.length === 0) problem(where, "selects no workload's pods");
    for (const port of service.spec.ports ?? []) {
      const target = port.targetPort ?? port.port;
      for (const workload of pods) {
        const ports = workload.spec.template.spec.containers.flatMap((c) => c.ports ?? []);
        const found = ports.some((p) => (typeof target === "string" ? p.name : p.containerPort) === target);
        if (!found) problem(where, `target port ${target} is not a port of ${workload.metadata.name}'s pods`);
      }
    }
  }

  for (const text of problems) console.error(text);
  console.log(`${workloads.length} workloads checked against ${flagsOf.size} binaries, ${problems.length} problems`);
  return problems.length === 0 ? 0 : 1;
}

function usage() {
  console.error("usage: check-flags.mjs [--require-secrets] --binary <service>=<path>... <file.yaml>...");
  return 2;
}

process.exitCode = main(process.argv.slice(2));
