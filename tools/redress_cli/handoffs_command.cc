#include "tools/redress_cli/handoffs_command.h"

#include <grpcpp/create_channel.h>

#include <random>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "tools/redress_cli/error_printer.h"
#include "tools/redress_cli/message_format.h"
#include "tools/redress_cli/rpc_invoker.h"
#include "tools/redress_cli/service_catalog.h"

namespace redress::cli {
namespace {

namespace cv1 = ::redress::common::v1;

constexpr char kHandoffsUsage[] =
    "handoffs takes: list <service> | show <service> handoffs/ID | redrive <service> handoffs/ID "
    "| discard <service> handoffs/ID --reason=TEXT; <service> is intake or investigation";

// The longest last error the table shows, in bytes (cut at a UTF-8 character boundary).
constexpr size_t kErrorWidth = 60;

std::string Cut(const std::string& text, size_t width) {
  if (text.size() <= width) return text;
  size_t end = width;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "...";
}

std::string ReasonName(cv1::Handoff::ParkReason reason) {
  const std::string name = cv1::Handoff::ParkReason_Name(reason);
  return name.rfind("PARK_REASON_", 0) == 0 ? name.substr(12) : name;
}

std::string TimeText(const google::protobuf::Timestamp& time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(time.seconds()),
                          absl::UTCTimeZone());
}

// "cli-" and 16 random hex digits: a request_id for a call the operator gave none for.
std::string NewRequestId() {
  std::random_device device;
  std::mt19937_64 engine(device());
  return absl::StrFormat("cli-%016x", engine());
}

// Calls `method` of `service`; prints the error (as a call does) and returns false on failure.
bool Invoke(const CliOptions& options, const std::shared_ptr<grpc::ChannelCredentials>& credentials,
            const std::string& method, const google::protobuf::Message& request,
            google::protobuf::Message& response, CliStreams streams) {
  const ServiceAlias* alias = FindServiceAlias(options.operands.at(1));
  absl::StatusOr<const google::protobuf::MethodDescriptor*> descriptor = FindMethod(*alias, method);
  if (!descriptor.ok()) {
    streams.err << "redress: " << descriptor.status().message() << "\n";
    return false;
  }
  const std::string& address = options.addresses.at(alias->name);
  const grpc::Status status = InvokeUnary(grpc::CreateChannel(address, credentials), **descriptor,
                                          request, options.timeout, response);
  if (status.ok()) return true;
  if (options.json) {
    streams.out << FormatRpcErrorJson(status);
  } else {
    streams.err << "redress: " << MethodPath(**descriptor) << " at " << address << " failed\n"
                << FormatRpcErrorText(status);
  }
  return false;
}

int Print(const google::protobuf::Message& message, const CliOptions& options, CliStreams streams) {
  if (!options.json) {
    streams.out << FormatText(message);
    return kExitOk;
  }
  absl::StatusOr<std::string> json = FormatJson(message);
  if (!json.ok()) {
    streams.err << "redress: " << json.status().message() << "\n";
    return kExitRpcError;
  }
  streams.out << *json;
  return kExitOk;
}

int RunList(const CliOptions& options, const std::shared_ptr<grpc::ChannelCredentials>& credentials,
            CliStreams streams) {
  cv1::ListParkedHandoffsRequest request;
  request.set_page_size(500);
  cv1::ListParkedHandoffsResponse all;
  do {
    cv1::ListParkedHandoffsResponse page;
    if (!Invoke(options, credentials, "ListParkedHandoffs", request, page, streams)) {
      return kExitRpcError;
    }
    for (cv1::Handoff& handoff : *page.mutable_handoffs()) *all.add_handoffs() = std::move(handoff);
    all.set_total_size(page.total_size());
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  if (options.json) return Print(all, options, streams);
  streams.out << FormatParkedHandoffs({all.handoffs().begin(), all.handoffs().end()});
  return kExitOk;
}

}  // namespace

absl::Status ParseHandoffsWords(const std::vector<std::string>& words, CliOptions& options) {
  const std::string action = words.size() >= 2 ? words[1] : "";
  const bool named = action == "show" || action == "redrive" || action == "discard";
  if ((action != "list" && !named) || words.size() != (named ? 4u : 3u)) {
    return absl::InvalidArgumentError(kHandoffsUsage);
  }
  const ServiceAlias* alias = FindServiceAlias(words[2]);
  if (alias == nullptr || alias->name == "remedy") {
    return absl::InvalidArgumentError(
        "handoffs: the services that send hand-offs are intake and investigation");
  }
  if (options.request_source != RequestSource::kNone || !options.get.empty()) {
    return absl::InvalidArgumentError("handoffs takes no request and no --get");
  }
  if (options.from.has_value() || options.to.has_value() || !options.organisation.empty() ||
      !options.email.empty() || !options.complaints.empty() ||
      options.expected_sequence.has_value()) {
    return absl::InvalidArgumentError(
        "handoffs takes only --reason and --request_id (and the address and output flags)");
  }
  if (!options.reason.empty() && action != "discard") {
    return absl::InvalidArgumentError("--reason is for `redress handoffs discard`");
  }
  if (action == "discard" && options.reason.empty()) {
    return absl::InvalidArgumentError("handoffs discard needs --reason: why it is never sent");
  }
  if (!options.request_id.empty() && action != "redrive" && action != "discard") {
    return absl::InvalidArgumentError("--request_id is for `redress handoffs redrive` and discard");
  }
  options.command = Command::kHandoffs;
  options.operands = {action, alias->name};
  if (named) options.operands.push_back(words[3]);
  return absl::OkStatus();
}

std::string FormatParkedHandoffs(const std::vector<cv1::Handoff>& handoffs) {
  if (handoffs.empty()) return "no parked hand-offs\n";
  std::string table = absl::StrFormat("%-16s %-28s %-18s %-20s %8s  %s\n", "NAME", "CASE", "REASON",
                                      "PARKED", "ATTEMPTS", "LAST ERROR");
  for (const cv1::Handoff& handoff : handoffs) {
    absl::StrAppend(&table, absl::StrFormat("%-16s %-28s %-18s %-20s %8d  %s\n", handoff.name(),
                                            handoff.case_name(), ReasonName(handoff.park_reason()),
                                            TimeText(handoff.park_time()), handoff.attempts(),
                                            Cut(handoff.last_error(), kErrorWidth)));
  }
  absl::StrAppend(&table, handoffs.size(), " parked\n");
  return table;
}

int RunHandoffs(const CliOptions& options, std::shared_ptr<grpc::ChannelCredentials> credentials,
                CliStreams streams) {
  const std::string& action = options.operands.at(0);
  if (action == "list") return RunList(options, credentials, streams);
  const std::string& name = options.operands.at(2);
  const std::string request_id = options.request_id.empty() ? NewRequestId() : options.request_id;
  cv1::Handoff handoff;
  bool ok = false;
  if (action == "show") {
    cv1::GetHandoffRequest request;
    request.set_name(name);
    ok = Invoke(options, credentials, "GetHandoff", request, handoff, streams);
  } else if (action == "redrive") {
    cv1::RedriveHandoffRequest request;
    request.set_name(name);
    request.set_request_id(request_id);
    ok = Invoke(options, credentials, "RedriveHandoff", request, handoff, streams);
  } else {
    cv1::DiscardHandoffRequest request;
    request.set_name(name);
    request.set_request_id(request_id);
    request.set_reason(options.reason);
    ok = Invoke(options, credentials, "DiscardHandoff", request, handoff, streams);
  }
  if (!ok) return kExitRpcError;
  return Print(handoff, options, streams);
}

}  // namespace redress::cli
