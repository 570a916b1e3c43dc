#include "tools/redress_cli/verify_audit_log.h"

#include <grpcpp/create_channel.h>

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "tools/redress_cli/error_printer.h"
#include "tools/redress_cli/message_format.h"
#include "tools/redress_cli/rpc_invoker.h"
#include "tools/redress_cli/service_catalog.h"

namespace redress::cli {
namespace {

namespace cv1 = ::redress::common::v1;

// The kind's name without its prefix ("EDITED"), and what it means for the operator.
std::pair<std::string, std::string> Explain(const cv1::AuditProblem& problem) {
  switch (problem.kind()) {
    case cv1::AuditProblem::KIND_EDITED:
      return {"EDITED", "its hash does not match its content: a field or the hash was changed"};
    case cv1::AuditProblem::KIND_BROKEN_LINK:
      return {"BROKEN_LINK",
              "it does not link to the entry before it: entries before it were replaced, "
              "removed or reordered, and re-hashed"};
    case cv1::AuditProblem::KIND_GAP:
      return {"GAP", "the entry is missing: it was deleted"};
    case cv1::AuditProblem::KIND_TRUNCATED:
      return {"TRUNCATED",
              "the log ends before the expected head: entries from here on were removed"};
    case cv1::AuditProblem::KIND_HEAD_MISMATCH:
      return {"HEAD_MISMATCH",
              "the entry has another hash than the expected head: the log was rewritten from "
              "here, or the head is not this log's"};
    default:
      return {absl::StrCat("KIND_", static_cast<int>(problem.kind())), "an unknown problem"};
  }
}

}  // namespace

std::string FormatAuditVerification(const cv1::VerifyAuditLogResponse& response) {
  const std::string head =
      absl::StrCat("head ", response.head().sequence(), " ", response.head().hash());
  if (!response.has_problem()) {
    return absl::StrCat("ok: ", response.entries_checked(), " entries, ", head, "\n");
  }
  const auto [kind, meaning] = Explain(response.problem());
  return absl::StrCat("problem: ", kind, " at entry ", response.problem().sequence(), ": ", meaning,
                      "\n", "sound before it: ", response.entries_checked(), " entries, ", head,
                      "\n");
}

int RunVerifyAuditLog(const CliOptions& options,
                      std::shared_ptr<grpc::ChannelCredentials> credentials, CliStreams streams) {
  const ServiceAlias* alias = FindServiceAlias(options.operands.at(0));
  absl::StatusOr<const google::protobuf::MethodDescriptor*> method =
      alias == nullptr ? absl::NotFoundError("no such service")
                       : FindMethod(*alias, "VerifyAuditLog");
  if (!method.ok()) {
    streams.err << "redress: " << method.status().message() << "\n";
    return kAuditNotChecked;
  }
  cv1::VerifyAuditLogRequest request;
  if (options.expected_sequence.has_value()) {
    request.mutable_expected_head()->set_sequence(*options.expected_sequence);
    request.mutable_expected_head()->set_hash(options.expected_hash);
  }
  const std::string& address = options.addresses.at(alias->name);
  cv1::VerifyAuditLogResponse response;
  const grpc::Status status = InvokeUnary(grpc::CreateChannel(address, std::move(credentials)),
                                          **method, request, options.timeout, response);
  if (!status.ok()) {
    if (options.json) {
      streams.out << FormatRpcErrorJson(status);
    } else {
      streams.err << "redress: " << MethodPath(**method) << " at " << address << " failed\n"
                  << FormatRpcErrorText(status);
    }
    return kAuditNotChecked;
  }
  if (options.json) {
    absl::StatusOr<std::string> json = FormatJson(response);
    if (!json.ok()) {
      streams.err << "redress: " << json.status().message() << "\n";
      return kAuditNotChecked;
    }
    streams.out << *json;
  } else {
    streams.out << FormatAuditVerification(response);
  }
  return response.has_problem() ? kAuditProblem : kAuditSound;
}

}  // namespace redress::cli
