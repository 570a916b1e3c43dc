// The request-level conversions of proto_convert.h: each state-changing request into the logic's
// command, a list request into its ListRequest, and an update's FieldMask into its paths and the
// violations it makes relevant.
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/match.h"
#include "services/investigation/investigation_validation.h"
#include "services/investigation/api/proto_convert.h"
#include "services/investigation/api/proto_convert_internal.h"

namespace redress::investigation {
namespace {

namespace v1 = ::redress::investigation::v1;

using proto_convert_internal::StringsFromProto;

// Whether one of `paths` is `relative` or a part of it that ends before a '.' or '[' of it
// ("narrative" covers "narrative.what_happened[2]"). One lookup per part, so a mask with a huge
// number of paths costs no more per violation.
bool MaskCovers(const std::set<std::string, std::less<>>& paths, std::string_view relative) {
  for (size_t end = 1; end <= relative.size(); ++end) {
    const bool part_ends = end == relative.size() || relative[end] == '.' || relative[end] == '[';
    if (part_ends && paths.find(relative.substr(0, end)) != paths.end()) return true;
  }
  return false;
}

}  // namespace

AgreeScopeCommand AgreeScopeCommandFromProto(const v1::AgreeScopeRequest& request,
                                             FieldViolations& violations) {
  AgreeScopeCommand command;
  command.name = request.name();
  command.summary = request.scope().summary();
  command.agreed_date =
      DateFromProto(request.scope().agreed_date(), "scope.agreed_date", violations);
  command.timescale_working_days = request.scope().timescale_working_days();
  command.points =
      StringsFromProto(request.points(), kMaxPoints, "complaint points", "points", violations);
  command.etag = request.etag();
  return command;
}

LogEvidenceCommand LogEvidenceCommandFromProto(const v1::LogEvidenceRequest& request,
                                               FieldViolations& violations) {
  LogEvidenceCommand command;
  command.name = request.name();
  command.request_id = request.request_id();
  command.description = request.evidence().description();
  command.source = PartyFromProto(request.evidence().source(), "evidence.source", violations);
  command.received_date =
      DateFromProto(request.evidence().received_date(), "evidence.received_date", violations);
  return command;
}

PutOnHoldCommand PutOnHoldCommandFromProto(const v1::PutOnHoldRequest& request,
                                           FieldViolations& violations) {
  PutOnHoldCommand command;
  command.name = request.name();
  command.reason = request.reason();
  command.start_date = DateFromProto(request.start_date(), "start_date", violations);
  command.etag = request.etag();
  return command;
}

ResumeCommand ResumeCommandFromProto(const v1::ResumeInvestigationRequest& request,
                                     FieldViolations& violations) {
  ResumeCommand command;
  command.name = request.name();
  command.end_date = DateFromProto(request.end_date(), "end_date", violations);
  command.etag = request.etag();
  return command;
}

RecordFindingCommand RecordFindingCommandFromProto(const v1::RecordFindingRequest& request,
                                                   FieldViolations& violations) {
  RecordFindingCommand command;
  command.name = request.name();
  command.point_id = request.point_id();
  command.finding = FindingFromProto(request.finding(), "finding", violations);
  command.etag = request.etag();
  return command;
}

ShareProvisionalViewCommand ShareProvisionalViewCommandFromProto(
    const v1::ShareProvisionalViewRequest& request, FieldViolations& violations) {
  ShareProvisionalViewCommand command;
  command.name = request.name();
  command.comment_period_working_days = request.comment_period_working_days();
  command.share_date = DateFromProto(request.share_date(), "share_date", violations);
  command.etag = request.etag();
  return command;
}

LogCommentCommand LogCommentCommandFromProto(const v1::LogCommentRequest& request,
                                             FieldViolations& violations) {
  LogCommentCommand command;
  command.name = request.name();
  command.request_id = request.request_id();
  command.party = PartyFromProto(request.comment().party(), "comment.party", violations);
  command.organisation = request.comment().organisation();
  command.text = request.comment().text();
  command.received_date =
      DateFromProto(request.comment().received_date(), "comment.received_date", violations);
  return command;
}

IssueFinalDecisionCommand IssueFinalDecisionCommandFromProto(
    const v1::IssueFinalDecisionRequest& request, FieldViolations& violations) {
  IssueFinalDecisionCommand command;
  command.name = request.name();
  command.decision_date = DateFromProto(request.decision_date(), "decision_date", violations);
  command.etag = request.etag();
  return command;
}

RequestReviewCommand RequestReviewCommandFromProto(const v1::RequestReviewRequest& request,
                                                   FieldViolations& violations) {
  RequestReviewCommand command;
  command.name = request.name();
  command.request_id = request.request_id();
  command.requested_by = PartyFromProto(request.requested_by(), "requested_by", violations);
  command.ground = ReviewGroundFromProto(request.ground(), "ground", violations);
  command.explanation = request.explanation();
  command.request_date = DateFromProto(request.request_date(), "request_date", violations);
  return command;
}

DecideReviewCommand DecideReviewCommandFromProto(const v1::DecideReviewRequest& request,
                                                 FieldViolations& violations) {
  DecideReviewCommand command;
  command.name = request.name();
  command.outcome = ReviewOutcomeFromProto(request.outcome(), "outcome", violations);
  command.reason = request.reason();
  command.decide_date = DateFromProto(request.decide_date(), "decide_date", violations);
  command.etag = request.etag();
  return command;
}

namespace {

// WithdrawInvestigationRequest and DiscontinueInvestigationRequest have the same fields.
template <typename EndRequest>
EndInvestigationCommand EndCommandFromProto(const EndRequest& request,
                                            FieldViolations& violations) {
  EndInvestigationCommand command;
  command.name = request.name();
  command.reason = request.reason();
  command.end_date = DateFromProto(request.end_date(), "end_date", violations);
  command.etag = request.etag();
  return command;
}

}  // namespace

EndInvestigationCommand EndInvestigationCommandFromProto(
    const v1::WithdrawInvestigationRequest& request, FieldViolations& violations) {
  return EndCommandFromProto(request, violations);
}

EndInvestigationCommand EndInvestigationCommandFromProto(
    const v1::DiscontinueInvestigationRequest& request, FieldViolations& violations) {
  return EndCommandFromProto(request, violations);
}

ListRequest ListRequestFromProto(const v1::ListInvestigationsRequest& request) {
  ListRequest list;
  list.page_size = request.page_size();
  list.page_token = request.page_token();
  list.filter = request.filter();
  return list;
}

std::vector<std::string> MaskPaths(const google::protobuf::FieldMask& mask) {
  return std::vector<std::string>(mask.paths().begin(), mask.paths().end());
}

FieldViolations MaskedViolations(const FieldViolations& all, const std::string& field,
                                 const google::protobuf::FieldMask& mask) {
  const std::set<std::string, std::less<>> paths(mask.paths().begin(), mask.paths().end());
  FieldViolations kept;
  if (paths.count("*") > 0) {
    kept.Append(all);
    return kept;
  }
  const std::string prefix = field.empty() ? "" : field + ".";
  for (const FieldViolation& violation : all.violations()) {
    if (!absl::StartsWith(violation.field, prefix)) continue;
    if (MaskCovers(paths, std::string_view(violation.field).substr(prefix.size()))) {
      kept.Add(violation.field, violation.description);
    }
  }
  return kept;
}

}  // namespace redress::investigation
