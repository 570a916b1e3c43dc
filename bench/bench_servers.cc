#include "bench/bench_servers.h"

#include <unistd.h>

#include <filesystem>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "bench/process_stats.h"
#include "tests/test_security.h"

namespace redress::bench {
namespace {

constexpr char kSetpriv[] = "/usr/bin/setpriv";
constexpr absl::Duration kStartPatience = absl::Seconds(30);
// A suite picks its three ports before any is bound, so another process can take one in
// between; starting again with fresh ports is then enough.
constexpr int kSuiteStartAttempts = 3;

// The program and leading arguments that run `binary` so that it is killed when this process
// ends; `binary` alone where setpriv is missing (util-linux, part of every Debian system).
std::vector<std::string> DiesWithBench(const std::string& binary) {
  if (access(kSetpriv, X_OK) != 0) return {binary};
  return {kSetpriv, "--pdeathsig", "KILL", "--", binary};
}

}  // namespace

absl::StatusOr<EchoServer> StartEchoServer(const std::string& binary, const std::string& dir) {
  EchoServer echo;
  echo.address = absl::StrCat("127.0.0.1:", redress::testing::PickFreePort());
  echo.process = std::make_unique<redress::testing::ChildProcess>();
  const std::string tls = redress::testing::TestCredentialsDir() + "/tls/";
  std::vector<std::string> command = DiesWithBench(binary);
  std::vector<std::string> args(command.begin() + 1, command.end());
  args.insert(args.end(),
              {"--listen=" + echo.address, "--tls_cert_file=" + tls + "intake.pem",
               "--tls_key_file=" + tls + "intake.key", "--tls_ca_file=" + tls + "ca.pem"});
  const std::string log = dir + "/echo.log";
  absl::Status started =
      redress::testing::ChildProcess::Start(command.front(), args, log, *echo.process);
  if (started.ok()) {
    started = redress::testing::WaitForServing(echo.address, "", kStartPatience);
  }
  if (!started.ok()) {
    return absl::UnavailableError(absl::StrCat("echo server did not start: ", started.message(),
                                               "\n", redress::testing::ReadFileOrEmpty(log)));
  }
  return echo;
}

absl::StatusOr<std::unique_ptr<redress::testing::Suite>> StartSuite(
    const redress::testing::SuiteBinaries& binaries, const std::string& dir) {
  redress::testing::SuiteOptions options;
  options.launcher.command = [binaries](const std::string& service) {
    return DiesWithBench(service == "intake"          ? binaries.intake
                         : service == "investigation" ? binaries.investigation
                                                      : binaries.remedy);
  };
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return absl::InternalError(absl::StrCat("cannot create ", dir, ": ", error.message()));
  absl::Status started;
  for (int attempt = 0; attempt < kSuiteStartAttempts; ++attempt) {
    auto suite = std::make_unique<redress::testing::Suite>(binaries, dir, options);
    started = suite->Start();
    if (started.ok()) return suite;
  }
  return started;
}

absl::StatusOr<std::vector<ServerProcess>> SuiteProcesses(redress::testing::Suite& suite) {
  std::vector<ServerProcess> processes;
  for (const char* service : {"intake", "investigation", "remedy"}) {
    const std::string& address = suite.process(service, 0).address();
    std::optional<pid_t> pid = ChildWithArgument("--listen=" + address);
    if (!pid.has_value()) {
      return absl::NotFoundError(absl::StrCat("no process of ", service, " at ", address));
    }
    processes.push_back({service, *pid});
  }
  return processes;
}

}  // namespace redress::bench
