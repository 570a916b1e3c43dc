// The servers the load benchmark measures, started as child processes on loopback: the echo
// baseline, and the three services through the suite harness (tests/suite_harness.h) with the
// development TLS credentials and tokens the end-to-end tests use. Each is started under
// `setpriv --pdeathsig KILL`, so that it dies with the benchmark however the benchmark ends
// (interrupted, or killed by ctest's timeout), not only when it exits normally.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/cell.h"
#include "tests/process.h"
#include "tests/suite_harness.h"

namespace redress::bench {

// The echo server process, running and SERVING.
struct EchoServer {
  std::string address;
  std::unique_ptr<redress::testing::ChildProcess> process;
};

// Starts `binary` (bench/echo_server.cc) on a free loopback port with the TLS certificate intake
// serves with, logging into `dir`.
absl::StatusOr<EchoServer> StartEchoServer(const std::string& binary, const std::string& dir);

// The three services on SQLite in `dir`, started and SERVING.
absl::StatusOr<std::unique_ptr<redress::testing::Suite>> StartSuite(
    const redress::testing::SuiteBinaries& binaries, const std::string& dir);

// The suite's processes by service name ("intake", "investigation", "remedy"), in that order.
absl::StatusOr<std::vector<ServerProcess>> SuiteProcesses(redress::testing::Suite& suite);

}  // namespace redress::bench
