// Request validation for investigation: the snapshot intake hands over, the caseworker's fields
// of UpdateInvestigation, and every command. Each function adds all the violations it finds to a
// FieldViolations, with field paths as in the proto request ("investigation.narrative.
// what_happened[2]", "scope.timescale_working_days"), and never stops at the first. Checks that
// need the stored investigation (a date before the hold it ends, an unknown point) are the
// logic's.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/errors.h"
#include "services/investigation/investigation.h"
#include "services/investigation/investigation_logic.h"

namespace redress::investigation {

// Limits from the protos, and ours where the proto sets none.
inline constexpr int kMaxPoints = 20;
inline constexpr int kMaxParagraphs = 50;
inline constexpr size_t kMaxParagraphChars = 20000;
inline constexpr int kMaxOrganisationsInvestigated = 5;
inline constexpr int kMaxRecommendations = 50;  // ours
inline constexpr int kMaxTimescaleWorkingDays = 500;
inline constexpr int kMaxCommentPeriodWorkingDays = 60;

// Which fields a validation covers: all or those named in an update mask.
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

// The paths UpdateInvestigation accepts in its mask.
const std::vector<std::string>& UpdatableInvestigationFields();
// The fields the published case summary is made from (narrative, complaint_types,
// organisations_investigated, location): they alone may still change once decided.
const std::vector<std::string>& PublicationFields();

// The selected caseworker's fields of `investigation` (prefix "investigation."): narrative,
// complaint_handling_findings, complaint_types, organisations_investigated, location,
// recommendations. Output-only fields are not checked.
void ValidateInvestigationFields(FieldViolations& v, const Investigation& investigation,
                                 const FieldSelection& fields);

// Each recommendation's organisation, when not empty, is one of `investigation`'s
// organisations_investigated: checked on the investigation as an update leaves it, when `fields`
// has recommendations or organisations_investigated. A violation is on
// "investigation.recommendations[i].organisation" when recommendations are selected; otherwise the
// update drops an organisation a recommendation names, and the violation is on
// "investigation.organisations_investigated". REQUIRES: the names are well formed
// (ValidateInvestigationFields).
void CheckRecommendationOrganisations(FieldViolations& v, const Investigation& investigation,
                                      const FieldSelection& fields);

// OpenInvestigation: the hand-off key and the snapshot (prefix "complaint.").
void ValidateOpenRequest(FieldViolations& v, const std::string& request_id,
                         const ComplaintSnapshot& snapshot);

// A caseworker's identifier: required, at most 100 characters.
void ValidateCaseworker(FieldViolations& v, const std::string& field,
                        const std::string& caseworker);

// The commands, without the stored investigation. `today` bounds every date that must not be in
// the future.
void ValidateCommand(FieldViolations& v, const AgreeScopeCommand& command, absl::CivilDay today);
void ValidateCommand(FieldViolations& v, const LogEvidenceCommand& command, absl::CivilDay today);
void ValidateCommand(FieldViolations& v, const PutOnHoldCommand& command, absl::CivilDay today);
void ValidateCommand(FieldViolations& v, const ResumeCommand& command, absl::CivilDay today);
void ValidateCommand(FieldViolations& v, const RecordFindingCommand& command);
void ValidateCommand(FieldViolations& v, const ShareProvisionalViewCommand& command,
                     absl::CivilDay today);
void ValidateCommand(FieldViolations& v, const LogCommentCommand& command, absl::CivilDay today);
void ValidateCommand(FieldViolations& v, const IssueFinalDecisionCommand& command,
                     absl::CivilDay today);
void ValidateCommand(FieldViolations& v, const RequestReviewCommand& command, absl::CivilDay today);
void ValidateCommand(FieldViolations& v, const DecideReviewCommand& command, absl::CivilDay today);
void ValidateCommand(FieldViolations& v, const EndInvestigationCommand& command,
                     absl::CivilDay today);

}  // namespace redress::investigation
