// RemedyLogic: construction, reading one recommendation, and the changes a caseworker records on
// one (the organisation's response, compliance, a decline, a new target date).
#include "services/remedy/remedy_logic.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "common/validation.h"
#include "services/remedy/apply_change.h"
#include "services/remedy/erased_case.h"
#include "services/remedy/recommendation_state.h"

namespace redress::remedy {
namespace {

constexpr size_t kMaxNoteChars = 5000;
constexpr size_t kMaxEvidenceReferenceChars = 500;

inline constexpr char kNotForComplainant[] = "NOT_COMPLAINANT_REMEDY";

absl::StatusOr<std::string> ParseRecommendationName(FieldViolations& v, const std::string& name) {
  std::string id = ParseResourceName(v, "name", name, kRecommendationsCollection);
  RETURN_IF_ERROR(v.ToStatus());
  return id;
}

}  // namespace

RemedyLogic::RemedyLogic(RemedyStore& store, const Clock& clock, IdGenerator& ids,
                         const WorkingDayCalendar& calendar, CaseReader& cases,
                         PersonalDetailsSource& people, FollowUpPolicy policy)
    : store_(store),
      clock_(clock),
      ids_(ids),
      calendar_(calendar),
      cases_(cases),
      people_(people),
      policy_(policy) {}

absl::StatusOr<Recommendation> RemedyLogic::GetRecommendation(std::string_view name) {
  FieldViolations v;
  ASSIGN_OR_RETURN(std::string id, ParseRecommendationName(v, std::string(name)));
  return LoadRecommendation(store_, id);
}

absl::StatusOr<Recommendation> RemedyLogic::Respond(const RespondCommand& command) {
  const bool dispute = command.position == OrganisationPosition::kDisputed;
  const absl::CivilDay today = Today(clock_);
  FieldViolations v;
  std::string id = ParseResourceName(v, "name", command.name, kRecommendationsCollection);
  if (dispute) {
    CheckRequiredText(v, "reason", command.note, kMaxNoteChars);
  } else {
    CheckOptionalText(v, "note", command.note, kMaxNoteChars);
  }
  CheckNotInFuture(v, "response_date", command.response_date, today);
  RETURN_IF_ERROR(v.ToStatus());
  const RecommendationCommand verb =
      dispute ? RecommendationCommand::kDispute : RecommendationCommand::kAccept;
  return ApplyChange(store_, id, command.etag, StoredNow(clock_), [&](Recommendation& r) {
    RETURN_IF_ERROR(CheckAllowed(r, verb, RecommendationName(id)));
    r.response =
        OrganisationResponse{command.position, command.note, command.response_date.value_or(today)};
    if (r.state == RecommendationState::kAwaitingResponse) r.state = ResponseState(r);
    return absl::OkStatus();
  });
}

absl::StatusOr<Recommendation> RemedyLogic::RecordCompliance(
    const RecordComplianceCommand& command) {
  const absl::CivilDay today = Today(clock_);
  FieldViolations v;
  std::string id = ParseResourceName(v, "name", command.name, kRecommendationsCollection);
  CheckRequiredText(v, "evidence.action_taken", command.action_taken, kMaxNoteChars);
  if (!command.completion_date.has_value()) {
    v.Add("evidence.completion_date", "evidence.completion_date is required");
  }
  CheckNotInFuture(v, "evidence.completion_date", command.completion_date, today);
  CheckRequiredText(v, "evidence.evidence_reference", command.evidence_reference,
                    kMaxEvidenceReferenceChars);
  RETURN_IF_ERROR(v.ToStatus());
  const absl::Time now = StoredNow(clock_);
  return ApplyChange(store_, id, command.etag, now, [&](Recommendation& r) {
    RETURN_IF_ERROR(
        CheckAllowed(r, RecommendationCommand::kRecordCompliance, RecommendationName(id)));
    // Late evidence on a NOT_COMPLIED recommendation would bring text back to an erased case.
    RETURN_IF_ERROR(CheckNotErased(store_, r.investigation_id, RecommendationName(id)));
    r.compliance = ComplianceEvidence{command.action_taken, *command.completion_date,
                                      command.evidence_reference, now};
    r.state = RecommendationState::kComplied;
    return absl::OkStatus();
  });
}

absl::StatusOr<Recommendation> RemedyLogic::Decline(const DeclineCommand& command) {
  const absl::CivilDay today = Today(clock_);
  FieldViolations v;
  std::string id = ParseResourceName(v, "name", command.name, kRecommendationsCollection);
  CheckRequiredText(v, "decline.reason", command.reason, kMaxNoteChars);
  CheckNotInFuture(v, "decline.decline_date", command.decline_date, today);
  RETURN_IF_ERROR(v.ToStatus());
  return ApplyChange(store_, id, command.etag, StoredNow(clock_), [&](Recommendation& r) {
    const std::string name = RecommendationName(id);
    RETURN_IF_ERROR(CheckAllowed(r, RecommendationCommand::kDecline, name));
    if (r.beneficiary != Beneficiary::kComplainant) {
      return PreconditionFailed("BENEFICIARY", name,
                                "only a remedy meant for the complainant can be declined",
                                kNotForComplainant);
    }
    r.decline = remedy::Decline{command.reason, command.decline_date.value_or(today)};
    r.state = RecommendationState::kDeclined;
    return absl::OkStatus();
  });
}

absl::StatusOr<Recommendation> RemedyLogic::Reschedule(const RescheduleCommand& command) {
  const absl::CivilDay today = Today(clock_);
  FieldViolations v;
  std::string id = ParseResourceName(v, "name", command.name, kRecommendationsCollection);
  if (!command.target_date.has_value()) {
    v.Add("target_date", "target_date is required");
  } else if (*command.target_date < today) {
    v.Add("target_date", absl::StrCat("target_date must not be in the past (today is ",
                                      absl::FormatCivilTime(today), ")"));
  } else if (PlannedFollowUp(*command.target_date, today, policy_, calendar_).size() < 4) {
    v.Add("target_date", "target_date is beyond the working-day calendar");
  }
  CheckRequiredText(v, "reason", command.reason, kMaxNoteChars);
  RETURN_IF_ERROR(v.ToStatus());
  const absl::Time now = StoredNow(clock_);
  return ApplyChange(store_, id, command.etag, now, [&](Recommendation& r) {
    RETURN_IF_ERROR(CheckAllowed(r, RecommendationCommand::kReschedule, RecommendationName(id)));
    if (r.reschedules.size() >= static_cast<size_t>(kMaxReschedules)) {
      return PreconditionFailed(
          "LIMIT", absl::StrCat(RecommendationName(id), "/reschedules"),
          absl::StrCat(RecommendationName(id), " was already rescheduled ", r.reschedules.size(),
                       " times, the most a recommendation may be (docs/limits.md)"),
          "RESCHEDULE_LIMIT_REACHED");
    }
    r.reschedules.push_back(
        remedy::Reschedule{r.target_date, *command.target_date, command.reason, now});
    r.target_date = *command.target_date;
    r.state = ResponseState(r);  // the follow-up starts again from the new date
    return absl::OkStatus();
  });
}

std::vector<FollowUpStep> RemedyLogic::FollowUpOf(const Recommendation& recommendation) const {
  std::vector<FollowUpStep> steps = recommendation.steps_taken;
  for (const FollowUpStep& step :
       RemainingFollowUp(recommendation, Today(clock_), policy_, calendar_)) {
    steps.push_back(step);
  }
  return steps;
}

absl::StatusOr<audit::AuditVerification> RemedyLogic::VerifyAuditLog(
    const std::optional<audit::AuditHead>& expected) {
  return audit::VerifyAuditChain(
      [&](int64_t after_sequence, int limit) {
        return store_.ListAuditEntries(after_sequence, limit);
      },
      expected);
}

}  // namespace redress::remedy
