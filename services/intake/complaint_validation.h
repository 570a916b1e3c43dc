// Request validation for intake: a complaint draft (SubmitComplaint, UpdateComplaint), an
// organisation (CreateOrganisation, UpdateOrganisation) and an AssessComplaint command. Every
// function adds all the violations it finds to a FieldViolations, with field paths as in the proto
// request ("complaint.people[1].details.email"), and never stops at the first.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/errors.h"
#include "services/intake/complaint.h"
#include "services/intake/intake_logic.h"
#include "services/intake/organisation.h"

namespace redress::intake {

// Limits from the protos.
inline constexpr int kMaxPeople = 10;
inline constexpr int kMaxOrganisations = 5;
// One per judgement check of the complaint as a whole (3), and one per organisation for the
// judgement check made per organisation.
inline constexpr int kMaxOverrides = 3 + kMaxOrganisations;

// Which fields a validation covers: all (create, submit) or those named in an update mask.
class FieldSelection {
 public:
  static FieldSelection All() { return FieldSelection(true, {}); }
  static FieldSelection Only(const std::vector<std::string>& paths) {
    return FieldSelection(false, std::set<std::string>(paths.begin(), paths.end()));
  }
  bool Has(std::string_view path) const { return all_ || paths_.count(std::string(path)) > 0; }

 private:
  FieldSelection(bool all, std::set<std::string> paths) : all_(all), paths_(std::move(paths)) {}
  bool all_;
  std::set<std::string> paths_;
};

// The paths UpdateComplaint accepts in its mask, and those of them that change only the people
// on the complaint (allowed in every state).
const std::vector<std::string>& UpdatableComplaintFields();
bool IsPeopleField(std::string_view path);

// The paths UpdateOrganisation accepts in its mask.
const std::vector<std::string>& UpdatableOrganisationFields();

// Validates the selected fields of `complaint` (prefix "complaint."), with the cross-field rules
// of any selected field. `registered` holds the register entries found for the complaint's
// organisation ids; an id not among them is an unknown organisation. Output-only fields (ids,
// references, state) are not checked.
void ValidateComplaint(FieldViolations& v, const Complaint& complaint, const FieldSelection& fields,
                       const std::vector<Organisation>& registered, absl::CivilDay today);

// [a-z][a-z0-9-]{0,62}.
bool IsValidOrganisationId(std::string_view id);
// Validates the selected fields of `organisation` (prefix "organisation.").
void ValidateOrganisation(FieldViolations& v, const Organisation& organisation,
                          const FieldSelection& fields);

// The parts of an AssessComplaint command that need no stored complaint: request_id, assessor,
// overrides (at most one per check and organisation, not a legal bar, an organisation only for
// COMPLAINTS_PROCESS_COMPLETE, each with a reason), the closure note, and an assessment date not
// after `today`.
void ValidateAssessCommand(FieldViolations& v, const AssessCommand& command, absl::CivilDay today);

// The parts of a RequestAssessmentReview / DecideAssessmentReview command that need no stored
// complaint: request_id, a ground and an explanation, a request date not after `today`; an
// outcome, a reason, a reviewer and a decide date not after `today`.
void ValidateRequestReviewCommand(FieldViolations& v, const RequestReviewCommand& command,
                                  absl::CivilDay today);
void ValidateDecideReviewCommand(FieldViolations& v, const DecideReviewCommand& command,
                                 absl::CivilDay today);

}  // namespace redress::intake
