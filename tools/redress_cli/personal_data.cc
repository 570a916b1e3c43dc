#include "tools/redress_cli/personal_data.h"

#include <grpcpp/create_channel.h>

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "redress/investigation/v1/investigation.pb.h"
#include "tools/redress_cli/error_printer.h"
#include "tools/redress_cli/message_format.h"
#include "tools/redress_cli/rpc_invoker.h"
#include "tools/redress_cli/service_catalog.h"

namespace redress::cli {
namespace {

namespace inv1 = ::redress::intake::v1;
namespace iv1 = ::redress::investigation::v1;
namespace rv1 = ::redress::remedy::v1;

constexpr char kExport[] = "ExportPersonalData";
constexpr char kErase[] = "ErasePersonalData";

// Batch `index` of `names` (kPersonalDataBatch each); empty past the end.
std::vector<std::string> Batch(const std::vector<std::string>& names, size_t index) {
  const size_t begin = std::min(names.size(), index * kPersonalDataBatch);
  const size_t end = std::min(names.size(), begin + kPersonalDataBatch);
  return std::vector<std::string>(names.begin() + begin, names.begin() + end);
}

size_t BatchCount(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const size_t longest = std::max(a.size(), b.size());
  return (longest + kPersonalDataBatch - 1) / kPersonalDataBatch;
}

// Calls `method` of `service` once per batch of `complaints` and `investigations` (side by side),
// with the query `Request` has, and merges the answers into `merged`. False, with `failure` set,
// when a call fails.
template <typename Request, typename Response>
bool CallInBatches(const PersonalDataCall& call, const std::string& service,
                   const std::string& method, const std::vector<std::string>& complaints,
                   const std::vector<std::string>& investigations, Response& merged,
                   std::optional<PersonalDataFailure>& failure) {
  for (size_t i = 0; i < BatchCount(complaints, investigations); ++i) {
    Request request;
    for (std::string& name : Batch(complaints, i)) request.mutable_query()->add_complaints(name);
    for (std::string& name : Batch(investigations, i)) {
      request.mutable_query()->add_investigations(name);
    }
    Response response;
    const grpc::Status status = call(service, method, request, response);
    if (!status.ok()) {
      failure = PersonalDataFailure{service, method, status};
      return false;
    }
    merged.MergeFrom(response);
  }
  return true;
}

// Pages `list` ("ListEvidence", "ListComments") of the investigation `parent` into `items`,
// replacing what the export carried (its most recent only; docs/limits.md). False, with
// `failure` set, when a call fails.
template <typename Request, typename Response, typename Item>
bool ReadAll(const PersonalDataCall& call, const char* list, const std::string& parent,
             google::protobuf::RepeatedPtrField<Item>& items,
             const google::protobuf::RepeatedPtrField<Item>& (Response::*page_items)() const,
             std::optional<PersonalDataFailure>& failure) {
  Request request;
  request.set_parent(parent);
  request.set_page_size(500);
  google::protobuf::RepeatedPtrField<Item> all;
  do {
    Response response;
    const grpc::Status status = call("investigation", list, request, response);
    if (!status.ok()) {
      failure = PersonalDataFailure{"investigation", list, status};
      return false;
    }
    for (const Item& item : (response.*page_items)()) *all.Add() = item;
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  items = std::move(all);
  return true;
}

// Completes each investigation of `exported` whose evidence or comments are more than it
// carries, with every one of them.
bool CompleteLongLists(const PersonalDataCall& call, iv1::ExportPersonalDataResponse& exported,
                       std::optional<PersonalDataFailure>& failure) {
  for (iv1::InvestigationPersonalData& found : *exported.mutable_investigations()) {
    iv1::Investigation& investigation = *found.mutable_investigation();
    if (investigation.evidence_count() > investigation.evidence_size() &&
        !ReadAll<iv1::ListEvidenceRequest>(call, "ListEvidence", investigation.name(),
                                           *investigation.mutable_evidence(),
                                           &iv1::ListEvidenceResponse::evidence, failure)) {
      return false;
    }
    iv1::ProvisionalView& view = *investigation.mutable_provisional_view();
    if (view.comment_count() > view.comments_size() &&
        !ReadAll<iv1::ListCommentsRequest>(call, "ListComments", investigation.name(),
                                           *view.mutable_comments(),
                                           &iv1::ListCommentsResponse::comments, failure)) {
      return false;
    }
  }
  return true;
}

// The names the export of intake and investigation found, which the next services are asked
// about.
struct Resolved {
  std::vector<std::string> complaints;
  std::vector<std::string> investigations;
};

// Intake's export for `subject`, then investigation's for the complaints found; fills `out`.
bool Resolve(const PersonalDataSubject& subject, const PersonalDataCall& call,
             PersonalDataExport& out, Resolved& resolved) {
  inv1::ExportPersonalDataRequest request;
  request.mutable_query()->set_email(subject.email);
  for (const std::string& name : subject.complaints) request.mutable_query()->add_complaints(name);
  const grpc::Status status = call("intake", kExport, request, out.intake);
  if (!status.ok()) {
    out.failure = PersonalDataFailure{"intake", kExport, status};
    return false;
  }
  for (const inv1::ComplaintPersonalData& found : out.intake.complaints()) {
    resolved.complaints.push_back(found.complaint().name());
  }
  // Nothing in intake: the others are asked anyway about complaints named, which intake may no
  // longer hold but they might.
  if (resolved.complaints.empty()) resolved.complaints = subject.complaints;
  if (!CallInBatches<iv1::ExportPersonalDataRequest>(call, "investigation", kExport,
                                                     resolved.complaints, {}, out.investigation,
                                                     out.failure)) {
    return false;
  }
  for (const iv1::InvestigationPersonalData& found : out.investigation.investigations()) {
    resolved.investigations.push_back(found.investigation().name());
  }
  return true;
}

std::string Plural(int count, const std::string& noun) {
  return absl::StrCat(count, " ", noun, count == 1 ? "" : "s");
}

std::string ErasureLine(const std::string& service, const std::string& noun,
                        const google::protobuf::RepeatedPtrField<std::string>& erased,
                        const google::protobuf::RepeatedPtrField<std::string>& before) {
  std::string line = absl::StrCat(service, ": erased ", Plural(erased.size(), noun), ", ",
                                  before.size(), " erased before");
  std::vector<std::string> names(erased.begin(), erased.end());
  names.insert(names.end(), before.begin(), before.end());
  if (!names.empty()) absl::StrAppend(&line, ": ", absl::StrJoin(names, " "));
  return line + "\n";
}

// `message` as JSON without its final newline, for composing one object of several.
absl::StatusOr<std::string> Json(const google::protobuf::Message& message) {
  absl::StatusOr<std::string> json = FormatJson(message);
  if (!json.ok()) return json.status();
  return std::string(absl::StripTrailingAsciiWhitespace(*json));
}

// {"a": <json>, ...} of the present parts, in order.
absl::StatusOr<std::string> JsonObject(
    const std::vector<std::pair<std::string, const google::protobuf::Message*>>& parts) {
  std::vector<std::string> members;
  for (const auto& [name, message] : parts) {
    if (message == nullptr) continue;
    absl::StatusOr<std::string> json = Json(*message);
    if (!json.ok()) return json.status();
    members.push_back(absl::StrCat("\"", name, "\": ", *json));
  }
  return absl::StrCat("{\n", absl::StrJoin(members, ",\n"), "\n}\n");
}

void PrintFailure(const PersonalDataFailure& failure, const CliOptions& options,
                  CliStreams streams) {
  if (options.json) {
    streams.out << FormatRpcErrorJson(failure.status);
    return;
  }
  streams.err << "redress: " << failure.service << " " << failure.method << " at "
              << options.addresses.at(failure.service) << " failed\n"
              << FormatRpcErrorText(failure.status);
}

}  // namespace

PersonalDataExport ExportPersonalData(const PersonalDataSubject& subject,
                                      const PersonalDataCall& call) {
  PersonalDataExport out;
  Resolved resolved;
  if (!Resolve(subject, call, out, resolved)) return out;
  if (!CompleteLongLists(call, out.investigation, out.failure)) return out;
  CallInBatches<rv1::ExportPersonalDataRequest>(call, "remedy", kExport, resolved.complaints,
                                                resolved.investigations, out.remedy, out.failure);
  return out;
}

PersonalDataErasure ErasePersonalData(const PersonalDataSubject& subject,
                                      const PersonalDataCall& call) {
  PersonalDataErasure out;
  PersonalDataExport found;
  Resolved resolved;
  if (!Resolve(subject, call, found, resolved)) {
    out.failure = found.failure;
    return out;
  }
  rv1::ErasePersonalDataResponse remedy;
  if (!CallInBatches<rv1::ErasePersonalDataRequest>(call, "remedy", kErase, resolved.complaints,
                                                    resolved.investigations, remedy, out.failure)) {
    return out;
  }
  out.remedy = std::move(remedy);
  iv1::ErasePersonalDataResponse investigation;
  if (!CallInBatches<iv1::ErasePersonalDataRequest>(call, "investigation", kErase,
                                                    resolved.complaints, resolved.investigations,
                                                    investigation, out.failure)) {
    return out;
  }
  out.investigation = std::move(investigation);
  // Intake last, with the person's own query: its email finds them even in complaints it holds
  // that the others never saw.
  inv1::ErasePersonalDataRequest request;
  request.mutable_query()->set_email(subject.email);
  for (const std::string& name : subject.complaints) request.mutable_query()->add_complaints(name);
  inv1::ErasePersonalDataResponse intake;
  const grpc::Status status = call("intake", kErase, request, intake);
  if (!status.ok()) {
    out.failure = PersonalDataFailure{"intake", kErase, status};
    return out;
  }
  out.intake = std::move(intake);
  return out;
}

std::string FormatErasure(const PersonalDataErasure& erasure) {
  std::string text;
  if (erasure.remedy.has_value()) {
    text += ErasureLine("remedy", "case", erasure.remedy->erased_investigations(),
                        erasure.remedy->already_erased_investigations());
  }
  if (erasure.investigation.has_value()) {
    text += ErasureLine("investigation", "investigation",
                        erasure.investigation->erased_investigations(),
                        erasure.investigation->already_erased_investigations());
  }
  if (erasure.intake.has_value()) {
    text += ErasureLine("intake", "complaint", erasure.intake->erased_complaints(),
                        erasure.intake->already_erased_complaints());
  }
  if (erasure.failure.has_value()) {
    // The services after the failed one in remedy -> investigation -> intake were not asked.
    std::vector<std::string> later;
    bool after = false;
    for (const char* service : {"remedy", "investigation", "intake"}) {
      if (after) later.emplace_back(service);
      if (erasure.failure->service == service && erasure.failure->method == kErase) after = true;
    }
    if (erasure.failure->method == kExport) later = {"remedy", "investigation", "intake"};
    absl::StrAppend(&text, erasure.failure->service, ": ", erasure.failure->method, " failed",
                    later.empty() ? ""
                                  : absl::StrCat("; nothing erased in ", absl::StrJoin(later, ", "),
                                                 " (run again once the cause is fixed)"),
                    "\n");
  }
  return text;
}

int RunPersonalData(const CliOptions& options,
                    std::shared_ptr<grpc::ChannelCredentials> credentials, CliStreams streams) {
  std::map<std::string, std::shared_ptr<grpc::Channel>> channels;
  const PersonalDataCall call = [&](const std::string& service, const std::string& method,
                                    const google::protobuf::Message& request,
                                    google::protobuf::Message& response) {
    absl::StatusOr<const google::protobuf::MethodDescriptor*> descriptor =
        FindMethod(*FindServiceAlias(service), method);
    if (!descriptor.ok()) {
      return grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                          std::string(descriptor.status().message()));
    }
    std::shared_ptr<grpc::Channel>& channel = channels[service];
    if (channel == nullptr) {
      channel = grpc::CreateChannel(options.addresses.at(service), credentials);
    }
    return InvokeUnary(channel, **descriptor, request, options.timeout, response);
  };
  const PersonalDataSubject subject{options.email, options.complaints};
  absl::StatusOr<std::string> printed;
  std::optional<PersonalDataFailure> failure;
  if (options.command == Command::kExportPersonalData) {
    const PersonalDataExport exported = ExportPersonalData(subject, call);
    failure = exported.failure;
    if (!failure.has_value()) {
      printed = JsonObject({{"intake", &exported.intake},
                            {"investigation", &exported.investigation},
                            {"remedy", &exported.remedy}});
    }
  } else {
    const PersonalDataErasure erased = ErasePersonalData(subject, call);
    failure = erased.failure;
    if (!options.json) {
      printed = FormatErasure(erased);
    } else if (!failure.has_value()) {
      printed =
          JsonObject({{"remedy", erased.remedy ? &*erased.remedy : nullptr},
                      {"investigation", erased.investigation ? &*erased.investigation : nullptr},
                      {"intake", erased.intake ? &*erased.intake : nullptr}});
    }
  }
  if (failure.has_value()) {
    if (printed.ok() && !printed->empty()) streams.out << *printed;
    PrintFailure(*failure, options, streams);
    return kExitRpcError;
  }
  if (!printed.ok()) {
    streams.err << "redress: " << printed.status().message() << "\n";
    return kExitRpcError;
  }
  streams.out << *printed;
  return kExitOk;
}

}  // namespace redress::cli
