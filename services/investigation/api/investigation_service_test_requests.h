// What the investigation service tests send: the stub's methods by short names, the day the fake
// clock shows, the snapshot intake hands over for a valid complaint, and a valid request for each
// RPC that a test then spoils or completes.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "redress/common/v1/date.pb.h"
#include "redress/investigation/v1/investigation.grpc.pb.h"

namespace redress::investigation::testing {

namespace v1 = ::redress::investigation::v1;
namespace common_v1 = ::redress::common::v1;

// The day the fake clock shows unless a test moves it: a Monday with no bank holiday near.
inline constexpr absl::CivilDay kToday(2026, 3, 2);

inline constexpr auto kOpen = &v1::Investigations::Stub::OpenInvestigation;
inline constexpr auto kGet = &v1::Investigations::Stub::GetInvestigation;
inline constexpr auto kList = &v1::Investigations::Stub::ListInvestigations;
inline constexpr auto kAssign = &v1::Investigations::Stub::AssignCaseworker;
inline constexpr auto kAgreeScope = &v1::Investigations::Stub::AgreeScope;
inline constexpr auto kLogEvidence = &v1::Investigations::Stub::LogEvidence;
inline constexpr auto kPutOnHold = &v1::Investigations::Stub::PutOnHold;
inline constexpr auto kResume = &v1::Investigations::Stub::ResumeInvestigation;
inline constexpr auto kRecordFinding = &v1::Investigations::Stub::RecordFinding;
inline constexpr auto kUpdate = &v1::Investigations::Stub::UpdateInvestigation;
inline constexpr auto kShare = &v1::Investigations::Stub::ShareProvisionalView;
inline constexpr auto kLogComment = &v1::Investigations::Stub::LogComment;
inline constexpr auto kIssueDecision = &v1::Investigations::Stub::IssueFinalDecision;
inline constexpr auto kRequestReview = &v1::Investigations::Stub::RequestReview;
inline constexpr auto kDecideReview = &v1::Investigations::Stub::DecideReview;
inline constexpr auto kWithdraw = &v1::Investigations::Stub::WithdrawInvestigation;
inline constexpr auto kDiscontinue = &v1::Investigations::Stub::DiscontinueInvestigation;

inline common_v1::Date Date(int year, int month, int day) {
  common_v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

inline common_v1::Date Date(absl::CivilDay day) {
  return Date(static_cast<int>(day.year()), day.month(), day.day());
}

inline absl::CivilDay CivilDayOf(const common_v1::Date& date) {
  return absl::CivilDay(date.year(), date.month(), date.day());
}

// What intake hands over for Mrs B's complaint about Cafcass.
inline v1::ComplaintSnapshot ValidSnapshot(const std::string& complaint = "complaints/c1") {
  v1::ComplaintSnapshot snapshot;
  snapshot.set_complaint(complaint);
  snapshot.set_complainants_reference("Mrs B");
  snapshot.add_organisations("organisations/cafcass");
  snapshot.set_what_went_wrong("The family court adviser's report was filed late.");
  snapshot.set_injustice_claimed("The hearing was adjourned for three months.");
  snapshot.set_outcome_wanted("An apology and an explanation.");
  snapshot.set_jurisdiction(common_v1::JURISDICTION_PARLIAMENTARY);
  snapshot.add_organisation_published_names(
      "Children and Family Court Advisory and Support Service (Cafcass)");
  snapshot.set_default_location("UK");
  return snapshot;
}

inline v1::OpenInvestigationRequest OpenRequest(const std::string& request_id,
                                                v1::ComplaintSnapshot snapshot = ValidSnapshot()) {
  v1::OpenInvestigationRequest request;
  request.set_request_id(request_id);
  *request.mutable_complaint() = std::move(snapshot);
  return request;
}

inline v1::AssignCaseworkerRequest AssignRequest(const std::string& name,
                                                 const std::string& caseworker = "cw-17") {
  v1::AssignCaseworkerRequest request;
  request.set_name(name);
  request.set_caseworker(caseworker);
  return request;
}

inline v1::AgreeScopeRequest ScopeRequest(const std::string& name, int timescale = 60,
                                          std::vector<std::string> points = {
                                              "The adviser's report was filed late.",
                                              "The complaint was answered late."}) {
  v1::AgreeScopeRequest request;
  request.set_name(name);
  request.mutable_scope()->set_summary("Whether Cafcass delayed the report and the reply.");
  request.mutable_scope()->set_timescale_working_days(timescale);
  for (const std::string& point : points) request.add_points(point);
  return request;
}

inline v1::LogEvidenceRequest EvidenceRequest(
    const std::string& name, const std::string& request_id,
    const std::string& description = "Cafcass case file",
    common_v1::Party source = common_v1::PARTY_ORGANISATION) {
  v1::LogEvidenceRequest request;
  request.set_name(name);
  request.set_request_id(request_id);
  request.mutable_evidence()->set_description(description);
  request.mutable_evidence()->set_source(source);
  return request;
}

inline v1::PutOnHoldRequest HoldRequest(const std::string& name,
                                        const std::string& reason = "Waiting for the case file") {
  v1::PutOnHoldRequest request;
  request.set_name(name);
  request.set_reason(reason);
  return request;
}

inline v1::ResumeInvestigationRequest ResumeRequest(const std::string& name) {
  v1::ResumeInvestigationRequest request;
  request.set_name(name);
  return request;
}

inline v1::RecordFindingRequest FindingRequest(const std::string& name, const std::string& point_id,
                                               bool failing, bool injustice,
                                               v1::CausalLink link = v1::CAUSAL_LINK_CAUSED) {
  v1::RecordFindingRequest request;
  request.set_name(name);
  request.set_point_id(point_id);
  request.mutable_finding()->set_failing(failing);
  request.mutable_finding()->set_injustice(injustice);
  if (failing && injustice) request.mutable_finding()->set_causal_link(link);
  request.mutable_finding()->set_reasoning("The records show what happened.");
  return request;
}

inline v1::UpdateInvestigationRequest UpdateRequest(const v1::Investigation& investigation,
                                                    const std::vector<std::string>& paths) {
  v1::UpdateInvestigationRequest request;
  *request.mutable_investigation() = investigation;
  for (const std::string& path : paths) request.mutable_update_mask()->add_paths(path);
  return request;
}

// An update of the narrative only: every section a decided case publishes, "What we found" ending
// with `statement` ("We partly upheld this complaint."), as the final decision requires.
inline v1::UpdateInvestigationRequest NarrativeRequest(const std::string& name,
                                                       const std::string& statement) {
  v1::UpdateInvestigationRequest request;
  request.mutable_investigation()->set_name(name);
  v1::Narrative* narrative = request.mutable_investigation()->mutable_narrative();
  narrative->add_introduction("Mrs B complained that Cafcass filed its report late.");
  narrative->add_what_happened("The report was due on 1 March and was filed on 22 March.");
  narrative->add_what_we_found("Filing the report late was a failing.");
  narrative->add_what_we_found(statement);
  request.mutable_update_mask()->add_paths("narrative");
  return request;
}

inline v1::ShareProvisionalViewRequest ShareRequest(const std::string& name, int period = 10) {
  v1::ShareProvisionalViewRequest request;
  request.set_name(name);
  request.set_comment_period_working_days(period);
  return request;
}

inline v1::LogCommentRequest CommentRequest(const std::string& name, const std::string& request_id,
                                            common_v1::Party party,
                                            const std::string& text = "We agree.") {
  v1::LogCommentRequest request;
  request.set_name(name);
  request.set_request_id(request_id);
  request.mutable_comment()->set_party(party);
  request.mutable_comment()->set_text(text);
  return request;
}

inline v1::IssueFinalDecisionRequest DecisionRequest(const std::string& name) {
  v1::IssueFinalDecisionRequest request;
  request.set_name(name);
  return request;
}

inline v1::RequestReviewRequest ReviewRequest(
    const std::string& name, const std::string& request_id,
    v1::ReviewGround ground = v1::REVIEW_GROUND_NEW_INFORMATION) {
  v1::RequestReviewRequest request;
  request.set_name(name);
  request.set_request_id(request_id);
  request.set_requested_by(common_v1::PARTY_COMPLAINANT);
  request.set_ground(ground);
  request.set_explanation("The adviser's diary was not considered.");
  return request;
}

inline v1::DecideReviewRequest DecideReviewRequest(const std::string& name,
                                                   v1::ReviewOutcome outcome) {
  v1::DecideReviewRequest request;
  request.set_name(name);
  request.set_outcome(outcome);
  request.set_reason("Considered with the new information.");
  return request;
}

inline v1::WithdrawInvestigationRequest WithdrawRequest(
    const std::string& name, const std::string& reason = "Mrs B no longer wishes to go on.") {
  v1::WithdrawInvestigationRequest request;
  request.set_name(name);
  request.set_reason(reason);
  return request;
}

inline v1::DiscontinueInvestigationRequest DiscontinueRequest(
    const std::string& name, const std::string& reason = "Cafcass has already put things right.") {
  v1::DiscontinueInvestigationRequest request;
  request.set_name(name);
  request.set_reason(reason);
  return request;
}

}  // namespace redress::investigation::testing
