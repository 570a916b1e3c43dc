// RemedyService's privacy handlers: the subject access export and erasure (docs/privacy.md).
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/handler.h"
#include "common/proto_time.h"
#include "common/status_macros.h"
#include "services/remedy/api/proto_convert.h"
#include "services/remedy/api/remedy_access.h"
#include "services/remedy/api/remedy_service.h"

namespace redress::remedy {
namespace {

namespace v1 = ::redress::remedy::v1;

PersonalDataQuery QueryFromProto(const v1::PersonalDataQuery& proto) {
  PersonalDataQuery query;
  query.complaints.assign(proto.complaints().begin(), proto.complaints().end());
  query.investigations.assign(proto.investigations().begin(), proto.investigations().end());
  return query;
}

// An acknowledgement as the issue it accepts; the offset is not recorded with it.
v1::AnonymisationIssue AcknowledgedIssueToProto(const IssueAcknowledgement& acknowledgement) {
  AnonymisationIssue issue;
  issue.hit.field = acknowledgement.field;
  issue.hit.kind = acknowledgement.kind;
  issue.hit.person_role = acknowledgement.person_role;
  issue.issue_id = acknowledgement.issue_id;
  issue.acknowledgement = acknowledgement;
  return IssueToProto(issue);
}

v1::CasePersonalData CaseToProto(const RemedyLogic& logic, const CasePersonalData& entry) {
  v1::CasePersonalData proto;
  proto.set_investigation(absl::StrCat("investigations/", entry.investigation_id));
  for (const std::string& complaint : entry.complaints) proto.add_complaints(complaint);
  for (const Recommendation& r : entry.recommendations) {
    *proto.add_recommendations() = RecommendationToProto(r, logic.FollowUpOf(r));
    for (const Reschedule& reschedule : r.reschedules) {
      v1::RescheduleRecord* out = proto.add_reschedules();
      out->set_recommendation(absl::StrCat("recommendations/", r.id));
      *out->mutable_previous_target_date() = DateToProto(reschedule.previous_target_date);
      *out->mutable_new_target_date() = DateToProto(reschedule.new_target_date);
      out->set_reason(reschedule.reason);
      *out->mutable_record_time() = TimeToProto(reschedule.record_time);
    }
  }
  for (const IssueAcknowledgement& a : entry.acknowledgements) {
    *proto.add_acknowledged_issues() = AcknowledgedIssueToProto(a);
  }
  for (const CaseSummary& summary : entry.summaries) {
    *proto.add_case_summaries() = CaseSummaryToProto(summary);
  }
  if (entry.erase_time.has_value()) *proto.mutable_erase_time() = TimeToProto(*entry.erase_time);
  return proto;
}

}  // namespace

grpc::ServerUnaryReactor* RemedyService::ExportPersonalData(
    grpc::CallbackServerContext* context, const v1::ExportPersonalDataRequest* request,
    v1::ExportPersonalDataResponse* response) {
  return Serve(context, request, Calls(), "ExportPersonalData", [=]() -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<CasePersonalData> found,
                     logic_.ExportPersonalData(QueryFromProto(request->query())));
    for (const CasePersonalData& entry : found) *response->add_cases() = CaseToProto(logic_, entry);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* RemedyService::ErasePersonalData(
    grpc::CallbackServerContext* context, const v1::ErasePersonalDataRequest* request,
    v1::ErasePersonalDataResponse* response) {
  return Serve(context, request, Calls(), "ErasePersonalData", [=]() -> absl::Status {
    ASSIGN_OR_RETURN(ErasureOutcome outcome,
                     logic_.ErasePersonalData(QueryFromProto(request->query())));
    for (std::string& name : outcome.erased) response->add_erased_investigations(std::move(name));
    for (std::string& name : outcome.already_erased) {
      response->add_already_erased_investigations(std::move(name));
    }
    return absl::OkStatus();
  });
}

}  // namespace redress::remedy
