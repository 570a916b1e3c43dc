// The whole suite for end-to-end tests: the three real binaries (intake, investigation, remedy)
// on free loopback ports, each with its data directory and peers' addresses, and the small client
// helpers such tests share: a unary call with a deadline, its status with the RPC's name, the
// google.rpc details of an error, and bounded polling for the asynchronous hand-offs.
#pragma once

#include <grpcpp/grpcpp.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "google/rpc/error_details.pb.h"
#include "redress/intake/v1/intake.grpc.pb.h"
#include "redress/investigation/v1/investigation.grpc.pb.h"
#include "redress/remedy/v1/remedy.grpc.pb.h"
#include "tests/process.h"

namespace redress::testing {

// Every call's deadline, and how long a hand-off may take to arrive.
inline constexpr absl::Duration kCallTimeout = absl::Seconds(10);
inline constexpr absl::Duration kHandoffPatience = absl::Seconds(20);

struct SuiteBinaries {
  std::string intake;
  std::string investigation;
  std::string remedy;
};

// Runs a service other than as its own binary, e.g. in a container. `command` gives, for the
// process named `name` (the service's name, or "<service>-<n>" for a replica), the program (a
// path) and leading arguments started in the binary's place; the service's flags follow them.
// `after_stop` is called with the name whenever that program has been stopped or killed (Kill,
// Restart, destruction), before anything else happens: it finishes what the signal left behind,
// such as the container a SIGKILLed `podman run` leaves running.
struct ServiceLauncher {
  std::function<std::vector<std::string>(const std::string& name)> command;
  std::function<void(const std::string& name)> after_stop;
};

// One service binary: its address, data directory and log file (<data_dir>/<name>.log). Killed
// when destroyed.
class ServiceProcess {
 public:
  ServiceProcess(std::string binary, std::string name, std::string health_name,
                 std::string data_dir, std::string address, std::vector<std::string> flags,
                 ServiceLauncher launcher = {});
  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;
  ~ServiceProcess();
  // Starts it and waits until its health service reports SERVING.
  absl::Status Start();
  // Starts it without waiting: it may still be opening its database (for a crash during
  // start-up). Kill() stops it; Start() after that runs it again.
  absl::Status Launch();
  // Stops it with SIGTERM (a graceful drain), sets each of `flags` ("--name=value", replacing a
  // flag of the same name) and starts it again.
  absl::Status Restart(const std::vector<std::string>& flags);
  // Kills it with SIGKILL, as a crash would, without waiting for anything; Start() runs it again.
  void Kill();
  // Freezes it with SIGSTOP, as a stalled host would: its port still accepts connections but
  // nothing answers. Resume() (SIGCONT) lets it go on. No-ops when it is not running.
  void Pause();
  void Resume();
  const std::string& name() const { return name_; }
  const std::string& address() const { return address_; }
  std::string log() const;

 private:
  // Calls the launcher's after_stop, if any.
  void AfterStop();

  std::string binary_, name_, health_name_, data_dir_, address_;
  std::vector<std::string> flags_;
  ServiceLauncher launcher_;
  ChildProcess process_;
};

// How a Suite runs the services.
struct SuiteOptions {
  // Given to every process, e.g. {"--simulated_time=2031-03-03T10:00:00Z"}.
  std::vector<std::string> flags;
  // Processes per service. More than one needs a shared database (--database_url in
  // service_flags): replicas of a service must not share one SQLite file.
  int replicas = 1;
  // Given to one service's processes only, by service name ("intake", "investigation",
  // "remedy"), e.g. {"--database_url=..."}.
  std::map<std::string, std::vector<std::string>> service_flags;
  // How every process is run: by default, its binary.
  ServiceLauncher launcher;
};

// The three services, wired to each other, sharing one data directory (one database file each, or
// their --database_url). With several replicas, each service is reached at the list of its
// replicas' addresses ("ipv4:127.0.0.1:p1,127.0.0.1:p2") with calls spread round-robin over those
// that are up, by the peers and by this suite's stubs alike. The processes are killed when the
// Suite is destroyed.
class Suite {
 public:
  Suite(const SuiteBinaries& binaries, const std::string& data_dir,
        const std::vector<std::string>& flags = {});
  Suite(const SuiteBinaries& binaries, const std::string& data_dir, const SuiteOptions& options);
  // Starts remedy, investigation and intake (every replica), each until SERVING.
  absl::Status Start();
  redress::intake::v1::Intake::Stub& intake() { return *intake_stub_; }
  redress::investigation::v1::Investigations::Stub& investigation() { return *investigation_stub_; }
  redress::remedy::v1::Remedy::Stub& remedy() { return *remedy_stub_; }
  ServiceProcess& remedy_process() { return *remedy_.front(); }
  // Replica `index` (from 0) of `service` ("intake", "investigation" or "remedy").
  ServiceProcess& process(std::string_view service, int index);
  int replicas() const { return static_cast<int>(intake_.size()); }
  // Where each service is reached: its one address, or the list of its replicas' addresses.
  const std::string& intake_address() const { return intake_address_; }
  const std::string& investigation_address() const { return investigation_address_; }
  const std::string& remedy_address() const { return remedy_address_; }
  // Every process's log, for failure messages.
  std::string Logs() const;

 private:
  using Replicas = std::vector<std::unique_ptr<ServiceProcess>>;

  std::string intake_address_, investigation_address_, remedy_address_;
  Replicas remedy_, investigation_, intake_;
  std::unique_ptr<redress::intake::v1::Intake::Stub> intake_stub_;
  std::unique_ptr<redress::investigation::v1::Investigations::Stub> investigation_stub_;
  std::unique_ptr<redress::remedy::v1::Remedy::Stub> remedy_stub_;
};

// Runs `rpc` with a fresh context whose deadline is kCallTimeout away.
grpc::Status Call(const std::function<grpc::Status(grpc::ClientContext*)>& rpc);

// OK, or the status's code with "<what>: <message>".
absl::Status Checked(std::string_view what, const grpc::Status& status);

// The google.rpc details of an error (empty messages where absent or undecodable).
struct RpcDetails {
  google::rpc::ErrorInfo error_info;
  google::rpc::PreconditionFailure precondition_failure;
  google::rpc::BadRequest bad_request;
};
RpcDetails DetailsOf(const grpc::Status& status);

// Polls `done` every 50 ms until it holds or `patience` passes; whether it held.
bool Eventually(const std::function<bool()>& done, absl::Duration patience = kHandoffPatience);

}  // namespace redress::testing
