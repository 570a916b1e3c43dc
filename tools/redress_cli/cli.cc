#include "tools/redress_cli/cli.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <system_error>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "common/client_credentials.h"
#include "tools/redress_cli/database_command.h"
#include "tools/redress_cli/error_printer.h"
#include "tools/redress_cli/handoffs_command.h"
#include "tools/redress_cli/message_describer.h"
#include "tools/redress_cli/message_format.h"
#include "tools/redress_cli/non_compliance_report.h"
#include "tools/redress_cli/personal_data.h"
#include "tools/redress_cli/rpc_invoker.h"
#include "tools/redress_cli/service_catalog.h"
#include "tools/redress_cli/verify_audit_log.h"

namespace redress::cli {
namespace {

using ::google::protobuf::DescriptorPool;
using ::google::protobuf::MethodDescriptor;

int UsageError(std::ostream& err, const std::string& message) {
  err << "redress: " << message << "\n(redress --help for usage)\n";
  return kExitUsage;
}

int UsageError(std::ostream& err, const absl::Status& status) {
  return UsageError(err, std::string(status.message()));
}

absl::StatusOr<const ServiceAlias*> ServiceNamed(const std::string& name) {
  const ServiceAlias* alias = FindServiceAlias(name);
  if (alias == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("unknown service \"", name, "\": expected intake, investigation or remedy"));
  }
  return alias;
}

absl::StatusOr<const MethodDescriptor*> MethodNamed(const std::vector<std::string>& operands) {
  absl::StatusOr<const ServiceAlias*> alias = ServiceNamed(operands[0]);
  if (!alias.ok()) return alias.status();
  return FindMethod(**alias, operands[1]);
}

int RunList(const CliOptions& options, std::ostream& out, std::ostream& err) {
  std::vector<const ServiceAlias*> services;
  for (const std::string& name : options.operands) {
    absl::StatusOr<const ServiceAlias*> alias = ServiceNamed(name);
    if (!alias.ok()) return UsageError(err, alias.status());
    services.push_back(*alias);
  }
  if (services.empty()) {
    for (const ServiceAlias& alias : RedressServices()) services.push_back(&alias);
  }
  out << ListMethods(services);
  return kExitOk;
}

int RunDescribe(const CliOptions& options, std::ostream& out, std::ostream& err) {
  if (options.operands.size() == 1) {
    if (const ServiceAlias* alias = FindServiceAlias(options.operands[0])) {
      out << ListMethods({alias});
      return kExitOk;
    }
    const google::protobuf::Descriptor* type =
        DescriptorPool::generated_pool()->FindMessageTypeByName(options.operands[0]);
    if (type == nullptr) {
      return UsageError(err, absl::StrCat("no message type \"", options.operands[0],
                                          "\" is linked (give its full name, e.g. "
                                          "redress.intake.v1.Complaint)"));
    }
    out << DescribeMessage(*type);
    return kExitOk;
  }
  absl::StatusOr<const MethodDescriptor*> method = MethodNamed(options.operands);
  if (!method.ok()) return UsageError(err, method.status());
  out << DescribeMethod(**method);
  return kExitOk;
}

// The request JSON from where the options say.
absl::StatusOr<std::string> ReadRequest(const CliOptions& options, std::istream& in) {
  switch (options.request_source) {
    case RequestSource::kNone:
      return std::string();
    case RequestSource::kInline:
      return options.request;
    case RequestSource::kStdin:
      return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    case RequestSource::kFile: {
      std::error_code error;
      if (std::filesystem::is_directory(options.request, error)) {
        return absl::InvalidArgumentError(absl::StrCat(options.request, " is a directory"));
      }
      std::ifstream file(options.request, std::ios::binary);
      std::string contents{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
      if (!file.is_open() || file.bad()) {
        return absl::NotFoundError(absl::StrCat("cannot read ", options.request));
      }
      return contents;
    }
  }
  return std::string();
}

int PrintResponse(const google::protobuf::Message& response, bool json, std::ostream& out,
                  std::ostream& err) {
  if (!json) {
    const std::string text = FormatText(response);
    // Text format prints nothing for a message with every field at its default; a comment tells
    // the operator the call did succeed, and keeps the output valid text format.
    out << (text.empty() ? "# empty response: every field has its default value\n" : text);
    return kExitOk;
  }
  absl::StatusOr<std::string> printed = FormatJson(response);
  if (!printed.ok()) {
    err << "redress: " << printed.status().message() << "\n";
    return kExitRpcError;
  }
  out << *printed;
  return kExitOk;
}

int RunCall(const CliOptions& options, std::shared_ptr<grpc::ChannelCredentials> credentials,
            CliStreams streams) {
  absl::StatusOr<const MethodDescriptor*> method = MethodNamed(options.operands);
  if (!method.ok()) return UsageError(streams.err, method.status());
  absl::StatusOr<std::string> json = ReadRequest(options, streams.in);
  if (!json.ok()) return UsageError(streams.err, json.status());
  std::unique_ptr<google::protobuf::Message> request = NewMessage(*(*method)->input_type());
  if (absl::Status parsed = ParseRequestJson(*json, *request); !parsed.ok()) {
    return UsageError(streams.err, parsed);
  }
  const std::string& address = options.addresses.at(FindServiceAlias(options.operands[0])->name);
  std::unique_ptr<google::protobuf::Message> response = NewMessage(*(*method)->output_type());
  const grpc::Status status = InvokeUnary(grpc::CreateChannel(address, std::move(credentials)),
                                          **method, *request, options.timeout, *response);
  if (status.ok() && !options.get.empty()) {
    absl::StatusOr<std::string> value = FieldValue(*response, options.get);
    if (!value.ok()) return UsageError(streams.err, value.status());
    streams.out << *value;
    return kExitOk;
  }
  if (status.ok()) return PrintResponse(*response, options.json, streams.out, streams.err);
  if (options.json) {
    streams.out << FormatRpcErrorJson(status);
  } else {
    streams.err << "redress: " << MethodPath(**method) << " at " << address << " failed\n"
                << FormatRpcErrorText(status);
  }
  return kExitRpcError;
}

// The commands that call a server. The credentials (REDRESS_CA_FILE, REDRESS_TOKEN[_FILE]) are
// checked first: a bad configuration is a usage error before any call.
int RunRemoteCommand(const CliOptions& options, const EnvLookup& env, CliStreams streams) {
  // An empty `env` (as ParseCliOptions allows) is an empty environment.
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      ClientCredentials(env ? ClientEnvironmentFrom(env) : ClientEnvironment{});
  if (!credentials.ok()) return UsageError(streams.err, credentials.status());
  if (options.command == Command::kReport) {
    return RunNonComplianceReport(options, *std::move(credentials), streams);
  }
  if (options.command == Command::kVerifyAuditLog) {
    return RunVerifyAuditLog(options, *std::move(credentials), streams);
  }
  if (options.command == Command::kHandoffs) {
    return RunHandoffs(options, *std::move(credentials), streams);
  }
  if (options.command == Command::kExportPersonalData ||
      options.command == Command::kErasePersonalData) {
    return RunPersonalData(options, *std::move(credentials), streams);
  }
  return RunCall(options, *std::move(credentials), streams);
}

}  // namespace

int RunCli(const std::vector<std::string>& args, const EnvLookup& env, CliStreams streams) {
  if (IsDatabaseCommand(args)) return RunDatabaseCommand(args, streams);
  absl::StatusOr<CliOptions> options = ParseCliOptions(args, env);
  if (!options.ok()) return UsageError(streams.err, options.status());
  switch (options->command) {
    case Command::kHelp:
      streams.out << kUsage;
      return kExitOk;
    case Command::kList:
      return RunList(*options, streams.out, streams.err);
    case Command::kDescribe:
      return RunDescribe(*options, streams.out, streams.err);
    case Command::kCall:
    case Command::kReport:
    case Command::kVerifyAuditLog:
    case Command::kExportPersonalData:
    case Command::kErasePersonalData:
    case Command::kHandoffs:
      return RunRemoteCommand(*options, env, streams);
  }
  return kExitUsage;
}

}  // namespace redress::cli
