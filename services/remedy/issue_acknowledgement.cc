// RemedyLogic::AcknowledgeAnonymisationIssue: a caseworker accepts one of the guard's hits for
// publication, with a reason, recorded with who and when.
//
// Why a hit may be accepted: the guard prefers a false alarm to a leak (anonymisation_guard.cc),
// so it flags some text that no reader would take for the person: "the end of May" when the
// complainant is called May, a sentence starting "Will" when he is called Will, a hospital that
// shares a street's name. The caseworker who knows the case decides, on the record, that the
// flagged text does not identify anyone. The acknowledgement is bound to the issue's identity
// (anonymisation_issue.h): when the flagged text changes it no longer applies, and the new text
// is checked afresh. A line break is not a hit and cannot be accepted: the render refuses it.
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "common/validation.h"
#include "services/remedy/apply_change.h"
#include "services/remedy/erased_case.h"
#include "services/remedy/remedy_logic.h"

namespace redress::remedy {
namespace {

constexpr size_t kMaxReasonChars = 2000;
constexpr size_t kMaxCaseworkerChars = 100;
constexpr size_t kIssueIdChars = 32;

bool IsIssueId(std::string_view id) {
  if (id.size() != kIssueIdChars) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

const AnonymisationIssue* FindIssue(const RenderedSummary& rendered, std::string_view id) {
  for (const AnonymisationIssue& issue : rendered.hits) {
    if (issue.issue_id == id) return &issue;
  }
  return nullptr;
}

}  // namespace

absl::StatusOr<AnonymisationIssue> RemedyLogic::AcknowledgeAnonymisationIssue(
    const AcknowledgeIssueCommand& command, absl::Time deadline) {
  FieldViolations v;
  const std::string investigation_id =
      ParseResourceName(v, "investigation", command.investigation, kInvestigationsCollection);
  if (command.issue_id.empty()) {
    v.Add("issue_id", "issue_id is required");
  } else if (!IsIssueId(command.issue_id)) {
    v.Add("issue_id", "issue_id must be an issue_id as RenderCaseSummary reports it");
  }
  CheckRequiredText(v, "reason", command.reason, kMaxReasonChars);
  CheckRequiredText(v, "caseworker", command.caseworker, kMaxCaseworkerChars);
  RETURN_IF_ERROR(v.ToStatus());
  // Its reason is a caseworker's free text about the case (docs/privacy.md).
  RETURN_IF_ERROR(CheckNotErased(store_, investigation_id, command.investigation));

  ASSIGN_OR_RETURN(RenderedSummary rendered, RenderCaseSummary(command.investigation, deadline));
  const AnonymisationIssue* found = FindIssue(rendered, command.issue_id);
  if (found == nullptr) {
    return NotFound(
        absl::StrCat(kCaseSummariesCollection, investigation_id, "/issues/", command.issue_id));
  }
  AnonymisationIssue issue = *found;
  if (issue.acknowledgement.has_value()) return issue;  // the first acknowledgement stands

  IssueAcknowledgement acknowledgement{investigation_id,   issue.issue_id,        issue.hit.field,
                                       issue.hit.kind,     issue.hit.person_role, command.reason,
                                       command.caseworker, StoredNow(clock_)};
  const absl::Status inserted = store_.InsertIssueAcknowledgement(acknowledgement);
  if (absl::IsAlreadyExists(inserted)) {
    // Acknowledged concurrently: return the acknowledgement that was recorded first.
    ASSIGN_OR_RETURN(std::vector<IssueAcknowledgement> recorded,
                     store_.ListIssueAcknowledgements(investigation_id));
    std::vector<AnonymisationIssue> one = {issue};
    MarkAcknowledged(one, recorded);
    return one.front();
  }
  RETURN_IF_ERROR(inserted);
  issue.acknowledgement = std::move(acknowledgement);
  return issue;
}

}  // namespace redress::remedy
