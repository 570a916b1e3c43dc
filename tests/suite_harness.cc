#include "tests/suite_harness.h"

#include <algorithm>
#include <csignal>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "common/call_trace.h"
#include "common/peer_channel.h"
#include "google/rpc/status.pb.h"
#include "tests/test_security.h"

namespace redress::testing {
namespace {

namespace iv1 = ::redress::intake::v1;
namespace inv1 = ::redress::investigation::v1;
namespace rv1 = ::redress::remedy::v1;

// How long a binary may take to report SERVING.
constexpr absl::Duration kStartPatience = absl::Seconds(30);

std::string NewAddress() { return absl::StrCat("127.0.0.1:", PickFreePort()); }

std::vector<std::string> WithFlags(std::vector<std::string> own,
                                   const std::vector<std::string>& shared) {
  own.insert(own.end(), shared.begin(), shared.end());
  return own;
}

}  // namespace

ServiceProcess::ServiceProcess(std::string binary, std::string name, std::string health_name,
                               std::string data_dir, std::string address,
                               std::vector<std::string> flags, ServiceLauncher launcher)
    : binary_(std::move(binary)),
      name_(std::move(name)),
      health_name_(std::move(health_name)),
      data_dir_(std::move(data_dir)),
      address_(std::move(address)),
      flags_(std::move(flags)),
      launcher_(std::move(launcher)) {}

ServiceProcess::~ServiceProcess() { Kill(); }

absl::Status ServiceProcess::Start() {
  if (absl::Status launched = Launch(); !launched.ok()) return launched;
  absl::Status serving = WaitForServing(address_, health_name_, kStartPatience);
  if (!serving.ok()) {
    return absl::UnavailableError(
        absl::StrCat(name_, " did not start: ", serving.message(), "\n", log()));
  }
  return absl::OkStatus();
}

absl::Status ServiceProcess::Launch() {
  std::string program = binary_;
  std::vector<std::string> args;
  if (launcher_.command) {
    std::vector<std::string> command = launcher_.command(name_);
    if (command.empty()) return absl::InvalidArgumentError("no launch command for " + name_);
    program = command.front();
    args.assign(command.begin() + 1, command.end());
  }
  args.insert(args.end(),
              {"--listen=" + address_, "--data_dir=" + data_dir_, "--drain_timeout=2s"});
  args.insert(args.end(), flags_.begin(), flags_.end());
  return ChildProcess::Start(program, args, data_dir_ + "/" + name_ + ".log", process_);
}

absl::Status ServiceProcess::Restart(const std::vector<std::string>& flags) {
  process_.Stop(SIGTERM);
  AfterStop();
  for (const std::string& flag : flags) {
    const std::string name = flag.substr(0, flag.find('=') + 1);
    flags_.erase(std::remove_if(flags_.begin(), flags_.end(),
                                [&](const std::string& f) { return f.rfind(name, 0) == 0; }),
                 flags_.end());
    flags_.push_back(flag);
  }
  return Start();
}

void ServiceProcess::Kill() {
  process_.Stop(SIGKILL);
  AfterStop();
}

void ServiceProcess::Pause() {
  if (process_.running()) ::kill(process_.pid(), SIGSTOP);
}

void ServiceProcess::Resume() {
  if (process_.running()) ::kill(process_.pid(), SIGCONT);
}

void ServiceProcess::AfterStop() {
  if (launcher_.after_stop) launcher_.after_stop(name_);
}

std::string ServiceProcess::log() const {
  return ReadFileOrEmpty(data_dir_ + "/" + name_ + ".log");
}

namespace {

// The addresses of `count` new replicas, and how they are reached together: the one address, or
// the ipv4: list of them all.
std::pair<std::vector<std::string>, std::string> NewAddresses(int count) {
  std::vector<std::string> addresses;
  for (int i = 0; i < count; ++i) addresses.push_back(NewAddress());
  if (count == 1) return {addresses, addresses.front()};
  return {addresses, absl::StrCat("ipv4:", absl::StrJoin(addresses, ","))};
}

// Calls spread over every address of `target`, and retried (a few times, with backoff) when they
// fail UNAVAILABLE: a replica that was killed refuses calls until the channel notices, as any
// client of a replicated service would see. Like a peer service's, each call carries the calling
// thread's trace, if it has one (common/call_trace.h): a test sets one with a ScopedTrace.
std::shared_ptr<grpc::Channel> RoundRobinChannelTo(const std::string& target) {
  grpc::ChannelArguments arguments;
  arguments.SetServiceConfigJSON(R"json({
    "loadBalancingConfig": [{"round_robin": {}}],
    "methodConfig": [{
      "name": [{}],
      "retryPolicy": {"maxAttempts": 4, "initialBackoff": "0.2s", "maxBackoff": "2s",
                      "backoffMultiplier": 2, "retryableStatusCodes": ["UNAVAILABLE"]}
    }]
  })json");
  if (std::optional<std::string> authority = AddressListAuthority(target)) {
    arguments.SetString(GRPC_ARG_DEFAULT_AUTHORITY, *authority);
  }
  std::vector<std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(NewTraceSendingFactory());
  return grpc::experimental::CreateCustomChannelWithInterceptors(
      target, TestChannelCredentials(), arguments, std::move(interceptors));
}

}  // namespace

Suite::Suite(const SuiteBinaries& binaries, const std::string& data_dir,
             const std::vector<std::string>& flags)
    : Suite(binaries, data_dir, SuiteOptions{flags, 1, {}, {}}) {}

Suite::Suite(const SuiteBinaries& binaries, const std::string& data_dir,
             const SuiteOptions& options) {
  const int count = std::max(1, options.replicas);
  auto [intake, intake_target] = NewAddresses(count);
  auto [investigation, investigation_target] = NewAddresses(count);
  auto [remedy, remedy_target] = NewAddresses(count);
  intake_address_ = intake_target;
  investigation_address_ = investigation_target;
  remedy_address_ = remedy_target;
  auto flags_of = [&](const std::string& service, std::vector<std::string> own) {
    own = WithFlags(std::move(own), ServiceSecurityFlags(service));
    own = WithFlags(std::move(own), options.flags);
    if (auto it = options.service_flags.find(service); it != options.service_flags.end()) {
      own = WithFlags(std::move(own), it->second);
    }
    return own;
  };
  auto add = [&](Replicas& replicas, const std::string& binary, const std::string& service,
                 const std::string& health_name, const std::vector<std::string>& addresses,
                 const std::vector<std::string>& flags) {
    for (int i = 0; i < count; ++i) {
      replicas.push_back(std::make_unique<ServiceProcess>(
          binary, count == 1 ? service : absl::StrCat(service, "-", i + 1), health_name, data_dir,
          addresses[i], flags, options.launcher));
    }
  };
  add(remedy_, binaries.remedy, "remedy", "redress.remedy.v1.Remedy", remedy,
      flags_of("remedy", {"--investigation_address=" + investigation_address_,
                          "--intake_address=" + intake_address_}));
  add(investigation_, binaries.investigation, "investigation",
      "redress.investigation.v1.Investigations", investigation,
      flags_of("investigation", {"--remedy_address=" + remedy_address_}));
  add(intake_, binaries.intake, "intake", "redress.intake.v1.Intake", intake,
      flags_of("intake", {"--investigation_address=" + investigation_address_}));
  intake_stub_ = iv1::Intake::NewStub(RoundRobinChannelTo(intake_address_));
  investigation_stub_ = inv1::Investigations::NewStub(RoundRobinChannelTo(investigation_address_));
  remedy_stub_ = rv1::Remedy::NewStub(RoundRobinChannelTo(remedy_address_));
}

absl::Status Suite::Start() {
  for (Replicas* replicas : {&remedy_, &investigation_, &intake_}) {
    for (auto& service : *replicas) {
      if (absl::Status started = service->Start(); !started.ok()) return started;
    }
  }
  return absl::OkStatus();
}

ServiceProcess& Suite::process(std::string_view service, int index) {
  Replicas& replicas = service == "intake"          ? intake_
                       : service == "investigation" ? investigation_
                                                    : remedy_;
  return *replicas.at(index);
}

std::string Suite::Logs() const {
  std::string logs;
  for (const Replicas* replicas : {&intake_, &investigation_, &remedy_}) {
    for (const auto& service : *replicas) {
      absl::StrAppend(&logs, "--- ", service->name(), " log:\n", service->log());
    }
  }
  return logs;
}

grpc::Status Call(const std::function<grpc::Status(grpc::ClientContext*)>& rpc) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + kCallTimeout));
  return rpc(&context);
}

absl::Status Checked(std::string_view what, const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat(std::string(what), ": ", status.error_message()));
}

RpcDetails DetailsOf(const grpc::Status& status) {
  RpcDetails details;
  google::rpc::Status rpc;
  if (!rpc.ParseFromString(status.error_details())) return details;
  for (const google::protobuf::Any& any : rpc.details()) {
    if (any.Is<google::rpc::ErrorInfo>()) any.UnpackTo(&details.error_info);
    if (any.Is<google::rpc::PreconditionFailure>()) any.UnpackTo(&details.precondition_failure);
    if (any.Is<google::rpc::BadRequest>()) any.UnpackTo(&details.bad_request);
  }
  return details;
}

bool Eventually(const std::function<bool()>& done, absl::Duration patience) {
  const absl::Time give_up = absl::Now() + patience;
  while (!done()) {
    if (absl::Now() > give_up) return false;
    absl::SleepFor(absl::Milliseconds(50));
  }
  return true;
}

}  // namespace redress::testing
