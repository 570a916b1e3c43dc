#!/usr/bin/env node
// Evaluates the rendered NetworkPolicies the way a network plugin enforces them, offline, and
// checks that they allow exactly the calls of DESIGN §1 and what the pods need: a connection is
// allowed when an Ingress policy selecting the destination pod (if any does) and an Egress policy
// selecting the source pod (if any does) both have a rule matching the peer and the port. Checked
// against a table of connections that must be allowed and ones that must be refused, between the
// three services, a client outside the cluster, a staff client pod in another namespace, the
// kubelet (outside: it probes from the node), a metrics scraper pod in another namespace, the
// cluster DNS and, with --postgres, a database
// outside the cluster (refused without it).
//
// Usage: check-network-policies.mjs [--postgres] <file.yaml>...
// Exits 0 when every connection is as expected, 1 listing the others, 2 on a usage error.

import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const args = process.argv.slice(2);
const postgres = args.includes("--postgres");
const files = args.filter((a) => a !== "--postgres");
if (files.length === 0) {
  console.error("usage: check-network-policies.mjs [--postgres] <file.yaml>...");
  process.exit(2);
}
const objects = files.flatMap((file) =>
  parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJS()).filter(Boolean));
const policies = objects.filter((o) => o.kind === "NetworkPolicy");
const namespaceOf = (o) => o.metadata.namespace ?? "default";

// The endpoints: pods (namespace, labels) or outside the cluster (external: true).
const endpoints = new Map();
for (const workload of objects.filter((o) => ["Deployment", "StatefulSet"].includes(o.kind))) {
  endpoints.set(workload.metadata.name, {
    namespace: namespaceOf(workload), labels: workload.spec.template.metadata.labels });
}
for (const service of ["intake", "investigation", "remedy"]) {
  if (!endpoints.has(service)) {
    console.error(`no workload ${service} in ${files.join(" ")}`);
    process.exit(1);
  }
}
endpoints.set("staff-client", { namespace: "staff-tools", labels: { "redress/staff-client": "true" } });
endpoints.set("metrics-scraper", { namespace: "monitoring", labels: { "redress/metrics-scraper": "true" } });
endpoints.set("cluster-dns", { namespace: "kube-system", labels: { "k8s-app": "kube-dns" } });
endpoints.set("client", { external: true });
endpoints.set("kubelet", { external: true });
endpoints.set("database", { external: true });

const selects = (selector, labels) =>
  Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels?.[k] === v) &&
  (selector?.matchExpressions ?? []).length === 0;
// Namespaces carry kubernetes.io/metadata.name = their name (set by the API server).
const namespaceLabels = (name) => ({ "kubernetes.io/metadata.name": name });

// Whether `peer` (a rule's from/to entry) matches endpoint `other`, for a policy in `namespace`.
function peerMatches(peer, other, namespace) {
  if (peer.ipBlock) return other.external === true;  // addresses outside the pod network
  if (other.external) return false;
  const inNamespace = peer.namespaceSelector
    ? selects(peer.namespaceSelector, namespaceLabels(other.namespace))
    : other.namespace === namespace;
  return inNamespace && (peer.podSelector ? selects(peer.podSelector, other.labels) : true);
}

const portMatches = (rulePorts, port, protocol) =>
  rulePorts === undefined || rulePorts.length === 0 ||
  rulePorts.some((p) => (p.port === undefined || p.port === port) && (p.protocol ?? "TCP") === protocol);

// Whether `self`'s policies of `type` let it talk with `other` on port/protocol (true when none
// selects it: a pod is isolated only by a policy that selects it).
function allows(type, self, other, port, protocol) {
  if (self.external) return true;  // outside the cluster: no NetworkPolicy applies
  const selecting = policies.filter((p) => namespaceOf(p) === self.namespace &&
    selects(p.spec.podSelector, self.labels) &&
    (p.spec.policyTypes ?? ["Ingress"]).includes(type));
  if (selecting.length === 0) return true;
  const key = type === "Ingress" ? "ingress" : "egress";
  const peers = type === "Ingress" ? "from" : "to";
  return selecting.some((p) => (p.spec[key] ?? []).some((rule) =>
    portMatches(rule.ports, port, protocol) &&
    (rule[peers] === undefined || rule[peers].length === 0 ||
     rule[peers].some((peer) => peerMatches(peer, other, namespaceOf(p))))));
}

function connects(from, to, port, protocol = "TCP") {
  const source = endpoints.get(from);
  const destination = endpoints.get(to);
  return allows("Egress", source, destination, port, protocol) &&
    allows("Ingress", destination, source, port, protocol);
}

const services = ["intake", "investigation", "remedy"];
const expected = [
  // DESIGN §1's calls, and the clients'.
  ["intake", "investigation", 50052, true],
  ["investigation", "remedy", 50053, true],
  ["remedy", "investigation", 50052, true],
  ["remedy", "intake", 50051, true],
  ["client", "intake", 50051, true],
  ["staff-client", "intake", 50051, true],
  ["staff-client", "investigation", 50052, true],
  ["staff-client", "remedy", 50053, true],
  // No other call between the services, nor from outside to investigation and remedy.
  ["intake", "remedy", 50053, false],
  ["investigation", "intake", 50051, false],
  ["client", "investigation", 50052, false],
  ["client", "remedy", 50053, false],
  ["staff-client", "investigation", 8080, false],
  // Probes from the node; name lookups; nothing else out, but PostgreSQL in production.
  ...services.map((s) => ["kubelet", s, 8081, true]),
  // Metrics for the labelled scraper only, and nothing else to it or from it.
  ...services.map((s) => ["metrics-scraper", s, 9464, true]),
  ...services.map((s) => ["client", s, 9464, false]),
  ...services.map((s) => ["staff-client", s, 9464, false]),
  ["metrics-scraper", "investigation", 50052, false],  // intake:50051 is open to anyone
  ...services.map((s) => ["client", s, 22, false]),
  ...services.flatMap((s) => [[s, "cluster-dns", 53, true, "UDP"], [s, "cluster-dns", 53, true, "TCP"]]),
  ...services.map((s) => [s, "database", 5432, postgres]),
  ...services.map((s) => [s, "client", 443, false]),
  ...services.map((s) => [s, "staff-client", 50051, false]),
];

let wrong = 0;
for (const [from, to, port, allowed, protocol = "TCP"] of expected) {
  if (connects(from, to, port, protocol) !== allowed) {
    console.error(`${from} -> ${to}:${port}/${protocol} is ${allowed ? "refused" : "allowed"}, expected ${allowed ? "allowed" : "refused"}`);
    wrong++;
  }
}
console.log(`${policies.length} NetworkPolicies, ${expected.length} connections checked, ${wrong} not as expected`);
process.exitCode = wrong === 0 ? 0 : 1;
