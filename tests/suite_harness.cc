#include "tests/suite_harness.h"

#include <algorithm>
#include <csignal>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/rpc/status.pb.h"

namespace redress::testing {
namespace {

namespace iv1 = ::redress::intake::v1;
namespace inv1 = ::redress::investigation::v1;
namespace rv1 = ::redress::remedy::v1;

// How long a binary may take to report SERVING.
constexpr absl::Duration kStartPatience = absl::Seconds(30);

std::string NewAddress() { return absl::StrCat("127.0.0.1:", PickFreePort()); }

std::shared_ptr<grpc::Channel> ChannelTo(const std::string& address) {
  return grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
}

std::vector<std::string> WithFlags(std::vector<std::string> own,
                                   const std::vector<std::string>& shared) {
  own.insert(own.end(), shared.begin(), shared.end());
  return own;
}

}  // namespace

ServiceProcess::ServiceProcess(std::string binary, std::string name, std::string health_name,
                               std::string data_dir, std::string address,
                               std::vector<std::string> flags)
    : binary_(std::move(binary)),
      name_(std::move(name)),
      health_name_(std::move(health_name)),
      data_dir_(std::move(data_dir)),
      address_(std::move(address)),
      flags_(std::move(flags)) {}

absl::Status ServiceProcess::Start() {
  std::vector<std::string> args = {"--listen=" + address_, "--data_dir=" + data_dir_,
                                   "--drain_timeout=2s"};
  args.insert(args.end(), flags_.begin(), flags_.end());
  if (absl::Status started =
          ChildProcess::Start(binary_, args, data_dir_ + "/" + name_ + ".log", process_);
      !started.ok()) {
    return started;
  }
  absl::Status serving = WaitForServing(address_, health_name_, kStartPatience);
  if (!serving.ok()) {
    return absl::UnavailableError(
        absl::StrCat(name_, " did not start: ", serving.message(), "\n", log()));
  }
  return absl::OkStatus();
}

absl::Status ServiceProcess::Restart(const std::vector<std::string>& flags) {
  process_.Stop(SIGTERM);
  for (const std::string& flag : flags) {
    const std::string name = flag.substr(0, flag.find('=') + 1);
    flags_.erase(std::remove_if(flags_.begin(), flags_.end(),
                                [&](const std::string& f) { return f.rfind(name, 0) == 0; }),
                 flags_.end());
    flags_.push_back(flag);
  }
  return Start();
}

std::string ServiceProcess::log() const {
  return ReadFileOrEmpty(data_dir_ + "/" + name_ + ".log");
}

Suite::Suite(const SuiteBinaries& binaries, const std::string& data_dir,
             const std::vector<std::string>& flags)
    : intake_address_(NewAddress()),
      investigation_address_(NewAddress()),
      remedy_address_(NewAddress()),
      remedy_(binaries.remedy, "remedy", "redress.remedy.v1.Remedy", data_dir, remedy_address_,
              WithFlags({"--investigation_address=" + investigation_address_,
                         "--intake_address=" + intake_address_},
                        flags)),
      investigation_(binaries.investigation, "investigation",
                     "redress.investigation.v1.Investigations", data_dir, investigation_address_,
                     WithFlags({"--remedy_address=" + remedy_address_}, flags)),
      intake_(binaries.intake, "intake", "redress.intake.v1.Intake", data_dir, intake_address_,
              WithFlags({"--investigation_address=" + investigation_address_}, flags)),
      intake_stub_(iv1::Intake::NewStub(ChannelTo(intake_address_))),
      investigation_stub_(inv1::Investigations::NewStub(ChannelTo(investigation_address_))),
      remedy_stub_(rv1::Remedy::NewStub(ChannelTo(remedy_address_))) {}

absl::Status Suite::Start() {
  for (ServiceProcess* service : {&remedy_, &investigation_, &intake_}) {
    if (absl::Status started = service->Start(); !started.ok()) return started;
  }
  return absl::OkStatus();
}

std::string Suite::Logs() const {
  return absl::StrCat("--- intake log:\n", intake_.log(), "--- investigation log:\n",
                      investigation_.log(), "--- remedy log:\n", remedy_.log());
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
