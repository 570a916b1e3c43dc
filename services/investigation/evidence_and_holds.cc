// InvestigationLogic: logging evidence, and putting an investigation on hold and resuming it. A
// hold is a clock-stop: every change of the holds recomputes the deadlines (deadlines.h).
#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/investigation/apply_change.h"
#include "services/investigation/case_limits.h"
#include "services/investigation/deadlines.h"
#include "services/investigation/investigation_logic.h"
#include "services/investigation/investigation_state.h"
#include "services/investigation/investigation_validation.h"
#include "services/investigation/request_checks.h"

namespace redress::investigation {
namespace {

absl::Status DateError(const std::string& field, const std::string& description) {
  return InvalidArgument({{field, description}});
}

// A new hold may start only after the previous one ended: holds never overlap.
absl::Status CheckHoldStart(const Investigation& current, absl::CivilDay start) {
  if (current.holds.empty() || !current.holds.back().end_date.has_value()) {
    return absl::OkStatus();
  }
  const absl::CivilDay previous_end = *current.holds.back().end_date;
  if (start > previous_end) return absl::OkStatus();
  return DateError("start_date", absl::StrCat("must be after the previous hold ended on ",
                                              absl::FormatCivilTime(previous_end)));
}

// The last day on hold: as given, or yesterday (resumed today). A hold put on and resumed on the
// same day keeps its start day as its only day on hold, since a hold holds at least one day.
absl::StatusOr<absl::CivilDay> HoldEnd(const Hold& hold, const ResumeCommand& command,
                                       absl::CivilDay today) {
  if (!command.end_date.has_value()) return std::max(today - 1, hold.start_date);
  if (*command.end_date >= hold.start_date) return *command.end_date;
  return DateError("end_date", absl::StrCat("must not be before the hold's start on ",
                                            absl::FormatCivilTime(hold.start_date)));
}

}  // namespace

absl::StatusOr<Investigation> InvestigationLogic::LogEvidence(const LogEvidenceCommand& command,
                                                              const FieldViolations& decoding) {
  FieldViolations v = decoding;
  std::string id = ParseResourceName(v, "name", command.name, kInvestigationsCollection);
  ChangeRequest request = ChangeRequestAt(clock_, id, "");
  ValidateCommand(v, command, request.today);
  RETURN_IF_ERROR(v.ToStatus());
  request.key =
      IdempotencyKey{RequestScope("LogEvidence", id), command.request_id, command.fingerprint};
  return ApplyChange(
      store_, calendar_, request, [&](const Investigation& current) -> absl::StatusOr<Change> {
        Change change = ChangeOf(current);
        RETURN_IF_ERROR(CheckTransition(current, InvestigationAction::kLogEvidence));
        RETURN_IF_ERROR(CheckRoomForOneMore(current, current.evidence_count,
                                            policy_.max_evidence_items, "evidence",
                                            "evidence items", reason::kEvidenceLimitReached));
        EvidenceItem item;
        item.evidence_id = absl::StrCat("e", current.evidence_count + 1);
        item.description = command.description;
        item.source = command.source;
        item.received_date = command.received_date.value_or(request.today);
        item.log_time = request.now;
        change.created_id = item.evidence_id;
        change.updated.evidence.push_back(std::move(item));
        ++change.updated.evidence_count;
        return change;
      });
}

absl::StatusOr<Investigation> InvestigationLogic::PutOnHold(const PutOnHoldCommand& command,
                                                            const FieldViolations& decoding) {
  FieldViolations v = decoding;
  std::string id = ParseResourceName(v, "name", command.name, kInvestigationsCollection);
  ChangeRequest request = ChangeRequestAt(clock_, id, command.etag);
  ValidateCommand(v, command, request.today);
  RETURN_IF_ERROR(v.ToStatus());
  return ApplyChange(
      store_, calendar_, request, [&](const Investigation& current) -> absl::StatusOr<Change> {
        Change change = ChangeOf(current);
        Investigation& updated = change.updated;
        ASSIGN_OR_RETURN(updated.state, Transition(current, InvestigationAction::kPutOnHold));
        Hold hold;
        hold.reason = command.reason;
        hold.start_date = command.start_date.value_or(request.today);
        hold.resume_state = current.state;
        RETURN_IF_ERROR(CheckHoldStart(current, hold.start_date));
        RETURN_IF_ERROR(CheckRoomForOneMore(current, static_cast<int>(current.holds.size()),
                                            policy_.max_holds, "holds", "holds",
                                            reason::kHoldLimitReached));
        updated.holds.push_back(std::move(hold));
        RETURN_IF_ERROR(RecomputeDeadlinesFor(updated, request.today, calendar_, "start_date"));
        return change;
      });
}

absl::StatusOr<Investigation> InvestigationLogic::ResumeInvestigation(
    const ResumeCommand& command, const FieldViolations& decoding) {
  FieldViolations v = decoding;
  std::string id = ParseResourceName(v, "name", command.name, kInvestigationsCollection);
  ChangeRequest request = ChangeRequestAt(clock_, id, command.etag);
  ValidateCommand(v, command, request.today);
  RETURN_IF_ERROR(v.ToStatus());
  return ApplyChange(
      store_, calendar_, request, [&](const Investigation& current) -> absl::StatusOr<Change> {
        RETURN_IF_ERROR(CheckTransition(current, InvestigationAction::kResume));
        if (current.holds.empty() || current.holds.back().end_date.has_value()) {
          return absl::InternalError(absl::StrCat(current.name(), " is on hold without a hold"));
        }
        Change change = ChangeOf(current);
        Investigation& updated = change.updated;
        Hold& hold = updated.holds.back();
        ASSIGN_OR_RETURN(updated.state,
                         Transition(current, InvestigationAction::kResume, hold.resume_state));
        ASSIGN_OR_RETURN(hold.end_date, HoldEnd(hold, command, request.today));
        RETURN_IF_ERROR(RecomputeDeadlinesFor(updated, request.today, calendar_, "end_date"));
        return change;
      });
}

}  // namespace redress::investigation
