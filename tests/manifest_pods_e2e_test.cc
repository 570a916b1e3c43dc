// The pods of an overlay of deploy/kubernetes (REDRESS_OVERLAY: local, or production with a real
// PostgreSQL server) as the kubelet would run them, on loopback: each container's command line
// from the rendered manifest starts the built binary, which then passes the manifest's startup,
// liveness and readiness probes on its health port, serves TLS on its service port and Prometheus
// metrics on its metrics port, and on SIGTERM exits 0 within the termination grace period (less the
// pre-stop delay). Only what a cluster would supply is substituted: $(VAR)s from the pod's env
// (ConfigMaps; Secrets: the database URL of a fresh database per service), the mounted Secrets'
// files by the test credentials trial-secrets would put there, the data volume by a temporary
// directory, and 0.0.0.0 and the fixed ports by 127.0.0.1 and free ports (several tests run at
// once).

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "common/testing/http_get.h"
#include "common/testing/postgres_server.h"
#include "common/testing/scratch_dir.h"
#include "common/testing/status_matchers.h"
#include "tests/process.h"
#include "tests/test_security.h"

namespace redress::testing {
namespace {

using json = nlohmann::json;

// Whether kubectl can render the overlays: they need its built-in kustomize v5 (kubectl 1.27 or
// later). Debian 12's kubernetes-client is 1.20, so a fresh machine skips these tests, as
// deploy/kubernetes/validate/check-manifests does.
bool KubectlRendersOverlays() {
  return RunShell(
             "kubectl version --client 2>/dev/null | grep -Eq '^Kustomize Version: "
             "v([5-9]|[1-9][0-9])'")
             .first == 0;
}

// The overlay's objects, rendered once for all the tests of this binary.
const json& Overlay() {
  static const json* objects = [] {
    const auto [status, output] = RunShell(absl::StrCat(
        "kubectl kustomize ", REDRESS_SOURCE_DIR, "/deploy/kubernetes/overlays/", REDRESS_OVERLAY,
        " | node ", REDRESS_SOURCE_DIR, "/deploy/kubernetes/validate/yaml-to-json.mjs -"));
    if (status != 0) return new json(json::array());
    return new json(json::parse(output, nullptr, /*allow_exceptions=*/false));
  }();
  return *objects;
}

const json* Find(const std::string& kind, const std::string& name) {
  for (const json& object : Overlay()) {
    if (object.value("kind", "") == kind && object["metadata"].value("name", "") == name) {
      return &object;
    }
  }
  return nullptr;
}

// Values of Secret keys a container's env reads, by Secret name and key.
using SecretValues = std::map<std::pair<std::string, std::string>, std::string>;

// What the kubelet would expand $(NAME) to: the env entry's value, its ConfigMap's key, or its
// Secret's key (from `secrets`).
std::string EnvValue(const json& container, const std::string& name, const SecretValues& secrets) {
  for (const json& env : container.value("env", json::array())) {
    if (env.value("name", "") != name) continue;
    if (env.contains("value")) return env["value"].get<std::string>();
    if (env["valueFrom"].contains("secretKeyRef")) {
      const json& ref = env["valueFrom"]["secretKeyRef"];
      const auto found = secrets.find({ref.value("name", ""), ref.value("key", "")});
      if (found != secrets.end()) return found->second;
      ADD_FAILURE() << "no test value for key " << ref.value("key", "") << " of Secret "
                    << ref.value("name", "");
      return "";
    }
    const json& ref = env["valueFrom"]["configMapKeyRef"];
    const json* config_map = Find("ConfigMap", ref.value("name", ""));
    if (config_map == nullptr) break;
    return (*config_map)["data"].value(ref.value("key", ""), "");
  }
  ADD_FAILURE() << "$(" << name << ") is not defined by the container's env";
  return "";
}

std::string Expand(const json& container, const std::string& arg, const SecretValues& secrets) {
  std::string out;
  size_t at = 0;
  for (size_t start; (start = arg.find("$(", at)) != std::string::npos;) {
    const size_t end = arg.find(')', start);
    if (end == std::string::npos) break;
    absl::StrAppend(&out, arg.substr(at, start - at),
                    EnvValue(container, arg.substr(start + 2, end - start - 2), secrets));
    at = end + 1;
  }
  return out + arg.substr(at);
}

// The test credential trial-secrets puts at `key` of Secret `secret`.
std::string SecretFile(const std::string& service, const std::string& secret,
                       const std::string& key) {
  const std::string& dir = TestCredentialsDir();
  if (secret == service + "-tls") {
    if (key == "tls.crt") return absl::StrCat(dir, "/tls/", service, ".pem");
    if (key == "tls.key") return absl::StrCat(dir, "/tls/", service, ".key");
    if (key == "ca.crt") return absl::StrCat(dir, "/tls/ca.pem");
  }
  if (secret == "redress-jwt" && key == "jwks.json") return dir + "/jwt/jwks.json";
  ADD_FAILURE() << "no test credential for key " << key << " of Secret " << secret;
  return "";
}

// A path inside one of the pod's volumes, mapped: Secrets to the test credentials, anything else
// (the data claim, /tmp) into `scratch`. Other values are returned unchanged.
std::string MapPath(const json& pod, const json& container, const std::string& service,
                    const std::string& value, const std::string& scratch) {
  for (const json& mount : container.value("volumeMounts", json::array())) {
    const std::string path = mount.value("mountPath", "");
    if (!absl::StartsWith(value, path + "/")) continue;
    const std::string rest = value.substr(path.size() + 1);
    for (const json& volume : pod.value("volumes", json::array())) {
      if (volume.value("name", "") != mount.value("name", "")) continue;
      if (volume.contains("secret")) {
        return SecretFile(service, volume["secret"].value("secretName", ""), rest);
      }
    }
    return absl::StrCat(scratch, "/", mount.value("name", ""), "/", rest);
  }
  return value;
}

int PortOf(const std::string& address) {
  int port = 0;
  const size_t colon = address.rfind(':');
  if (colon == std::string::npos || !absl::SimpleAtoi(address.substr(colon + 1), &port)) return 0;
  return port;
}

class ManifestPodTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ManifestPodTest, StartsPassesItsProbesAndStopsWithinTheGracePeriod) {
  const std::string service = GetParam();
  if (!KubectlRendersOverlays()) {
    GTEST_SKIP() << "no kubectl with kustomize v5 (1.27 or later) on the PATH to render overlays/"
                 << REDRESS_OVERLAY;
  }
  ASSERT_FALSE(Overlay().empty())
      << "overlays/" << REDRESS_OVERLAY
      << " did not render (kubectl kustomize, node with deploy/kubernetes/validate/node_modules: "
         "see ctest -R deploy.manifests)";
  // SQLite's single writer runs as a StatefulSet; replicas on PostgreSQL as a Deployment.
  const bool on_postgres = std::string(REDRESS_OVERLAY) == "production";
  const char* kind = on_postgres ? "Deployment" : "StatefulSet";
  const json* workload = Find(kind, service);
  ASSERT_NE(workload, nullptr) << "no " << kind << " " << service << " in the overlay";
  const json& pod = (*workload)["spec"]["template"]["spec"];
  ASSERT_EQ(pod["containers"].size(), 1u);
  const json& container = pod["containers"][0];

  // The service's own database on a fresh server, as the Secret <service>-database would name it.
  std::unique_ptr<PostgresServer> postgres;
  SecretValues secrets;
  if (on_postgres) {
    PostgresServerOptions options;
    options.fsync = false;
    absl::StatusOr<std::unique_ptr<PostgresServer>> started = PostgresServer::Start(options);
    ASSERT_THAT(started.status(), IsOk());
    postgres = *std::move(started);
    ASSERT_THAT(postgres->CreateDatabase(service), IsOk());
    secrets[{service + "-database", "url"}] = postgres->UrlFor(service);
  }

  const ScratchDir dir;  // removed, with the data and the log, when the test ends
  const std::string scratch = dir.File("pod");
  std::filesystem::create_directories(scratch);
  const std::string listen = absl::StrCat("127.0.0.1:", PickFreePort());
  const std::string health = absl::StrCat("127.0.0.1:", PickFreePort());
  const int metrics_port = PickFreePort();
  int manifest_health_port = 0;
  bool serves_metrics = false;
  std::vector<std::string> args;
  for (const json& arg : container.value("args", json::array())) {
    const std::string expanded = Expand(container, arg.get<std::string>(), secrets);
    const std::vector<std::string> parts = absl::StrSplit(expanded, absl::MaxSplits('=', 1));
    ASSERT_EQ(parts.size(), 2u) << "argument without a value: " << expanded;
    const std::string& flag = parts[0];
    std::string value = MapPath(pod, container, service, parts[1], scratch);
    if (flag == "--listen") {
      ASSERT_TRUE(absl::StartsWith(value, "0.0.0.0:")) << "a pod listens on every address";
      value = listen;
    } else if (flag == "--health_listen") {
      ASSERT_TRUE(absl::StartsWith(value, "0.0.0.0:")) << "the kubelet probes the pod's address";
      manifest_health_port = PortOf(value);
      value = health;
    } else if (flag == "--metrics_listen") {
      ASSERT_TRUE(absl::StartsWith(value, "0.0.0.0:")) << "the scraper reaches the pod's address";
      serves_metrics = true;
      value = absl::StrCat("127.0.0.1:", metrics_port);
    }
    args.push_back(absl::StrCat(flag, "=", value));
  }
  ASSERT_NE(manifest_health_port, 0) << "no --health_listen";
  ASSERT_TRUE(serves_metrics) << "no --metrics_listen";

  const std::map<std::string, std::string> binaries = {
      {"intake", REDRESS_INTAKE_BINARY},
      {"investigation", REDRESS_INVESTIGATION_BINARY},
      {"remedy", REDRESS_REMEDY_BINARY}};
  const std::string log = scratch + "/" + service + ".log";
  ChildProcess process;
  ASSERT_THAT(ChildProcess::Start(binaries.at(service), args, log, process), IsOk());

  // The probes in the kubelet's order: startup, then liveness and readiness. A generous timeout:
  // the machine running the tests is shared.
  for (const char* probe : {"startupProbe", "livenessProbe", "readinessProbe"}) {
    ASSERT_TRUE(container.contains(probe)) << probe;
    const json& grpc = container[probe]["grpc"];
    ASSERT_EQ(grpc.value("port", 0), manifest_health_port) << probe << " is not on the health port";
    EXPECT_THAT(
        WaitForServing(health, grpc.value("service", ""), absl::Seconds(30), Transport::kPlaintext),
        IsOk())
        << probe << " (service \"" << grpc.value("service", "") << "\") fails; log:\n"
        << ReadFileOrEmpty(log);
  }
  // The Services' port: TLS, with the service's certificate.
  EXPECT_THAT(WaitForServing(listen, container["readinessProbe"]["grpc"].value("service", ""),
                             absl::Seconds(10), Transport::kTls),
              IsOk())
      << ReadFileOrEmpty(log);

  // The metrics port: Prometheus text with the calls just made counted.
  absl::StatusOr<HttpResponse> metrics = HttpGet(metrics_port, "/metrics");
  ASSERT_THAT(metrics, IsOk());
  EXPECT_EQ(metrics->status, 200);
  EXPECT_THAT(metrics->body, ::testing::HasSubstr("grpc_server_handled_total{"));

  const int grace = pod.value("terminationGracePeriodSeconds", 30);
  const int pre_stop = container["lifecycle"]["preStop"]["sleep"].value("seconds", 0);
  ASSERT_GT(grace, pre_stop);
  const int status = process.Stop(SIGTERM, absl::Seconds(grace - pre_stop));
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
      << "after SIGTERM: wait status " << status << "; log:\n"
      << ReadFileOrEmpty(log);
}

INSTANTIATE_TEST_SUITE_P(Services, ManifestPodTest,
                         ::testing::Values("intake", "investigation", "remedy"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace redress::testing
