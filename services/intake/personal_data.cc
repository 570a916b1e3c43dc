#include "services/intake/personal_data.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/audit/audit_entry.h"

namespace redress::intake {
namespace {

void Erase(std::string& text) {
  if (!text.empty()) text = kErasedText;
}

void EraseChecks(std::vector<CheckResult>& checks) {
  // A check's own reason is generated from dates and the register; only an override is typed.
  for (CheckResult& check : checks) Erase(check.override_reason);
}

// An assessment's reasons embed its overrides' reasons (assessment_outcome.cc), so they go too.
void EraseAssessment(Assessment& assessment) {
  EraseChecks(assessment.checks);
  Erase(assessment.reason);
  for (OrganisationAssessment& part : assessment.organisations) {
    EraseChecks(part.checks);
    Erase(part.reason);
  }
}

}  // namespace

std::string NormaliseEmail(std::string_view email) {
  return absl::AsciiStrToLower(
      absl::StripAsciiWhitespace(absl::string_view(email.data(), email.size())));
}

std::string PersonPseudonym(std::string_view complaint_id, std::string_view person_id) {
  std::string ids(complaint_id);
  ids.append("/").append(person_id);
  return "erased-" + audit::Sha256Hex(ids).substr(0, 12);
}

Complaint ErasedComplaint(const Complaint& complaint, absl::Time now) {
  Complaint erased = complaint;
  for (Person& person : erased.people) {
    person.details = PersonalDetails{};
    person.details.family_name = PersonPseudonym(complaint.id, person.person_id);
  }
  Erase(erased.what_went_wrong);
  Erase(erased.injustice_claimed);
  Erase(erased.outcome_wanted);
  Erase(erased.closure_note);
  if (erased.mp_referral.has_value()) {
    Erase(erased.mp_referral->mp_name);
    Erase(erased.mp_referral->constituency);
  }
  if (erased.assessment.has_value()) EraseAssessment(*erased.assessment);
  for (Assessment& previous : erased.previous_assessments) EraseAssessment(previous);
  for (AssessmentReview& review : erased.reviews) {
    Erase(review.explanation);
    Erase(review.outcome_reason);
  }
  erased.version = complaint.version + 1;
  erased.update_time = now;
  return erased;
}

AcceptanceHandoff ErasedHandoff(const AcceptanceHandoff& handoff) {
  AcceptanceHandoff erased = handoff;
  Erase(erased.what_went_wrong);
  Erase(erased.injustice_claimed);
  Erase(erased.outcome_wanted);
  return erased;
}

bool IsClosedForErasure(ComplaintState state) {
  return state == ComplaintState::kClosed || state == ComplaintState::kAccepted;
}

}  // namespace redress::intake
