// InvestigationLogic: ending an investigation without a (new) decision, because the complainant
// withdrew (WITHDRAWN) or the scheme stopped investigating (DISCONTINUED), with the reason
// recorded; and telling remedy when it holds decisions of the investigation.
#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/investigation/apply_change.h"
#include "services/investigation/deadlines.h"
#include "services/investigation/investigation_logic.h"
#include "services/investigation/investigation_state.h"
#include "services/investigation/investigation_validation.h"
#include "services/investigation/request_checks.h"

namespace redress::investigation {
namespace {

InvestigationState EndedState(InvestigationAction action) {
  return action == InvestigationAction::kWithdraw ? InvestigationState::kWithdrawn
                                                  : InvestigationState::kDiscontinued;
}

// Ending an investigation that this very request ended (its reply was lost) returns it as it is.
bool EndedBy(const Investigation& investigation, InvestigationAction action,
             const EndInvestigationCommand& command) {
  return investigation.state == EndedState(action) && investigation.ending.has_value() &&
         investigation.ending->reason == command.reason &&
         (!command.end_date.has_value() || *command.end_date == investigation.ending->end_date);
}

// An investigation on hold ends its hold too: the day before it ended is its last day on hold (or
// the hold's first day, as a hold holds at least one day).
absl::Status EndOpenHold(Investigation& investigation, absl::CivilDay end_date) {
  if (investigation.holds.empty() || investigation.holds.back().end_date.has_value()) {
    return absl::OkStatus();
  }
  Hold& hold = investigation.holds.back();
  if (end_date < hold.start_date) {
    return InvalidArgument({{"end_date", absl::StrCat("must not be before the hold began on ",
                                                      absl::FormatCivilTime(hold.start_date))}});
  }
  hold.end_date = std::max(end_date - 1, hold.start_date);
  return absl::OkStatus();
}

// How many final decisions `investigation` has had: its reopened ones and its current one.
int DecisionsIssued(const Investigation& investigation) {
  return static_cast<int>(investigation.previous_decisions.size()) +
         (investigation.final_decision.has_value() ? 1 : 0);
}

EndHandoff EndHandoffFor(const Investigation& ended, int decisions_issued) {
  EndHandoff handoff;
  handoff.handoff_key = ended.name() + "/end";
  handoff.investigation_id = ended.id;
  handoff.complaint = ended.complaint.complaint;
  handoff.state = ended.state;
  handoff.reason = ended.ending->reason;
  handoff.end_date = ended.ending->end_date;
  handoff.decisions_issued = decisions_issued;
  handoff.end_time = ended.ending->record_time;
  return handoff;
}

absl::StatusOr<Investigation> EndInvestigation(InvestigationStore& store, const Clock& clock,
                                               const WorkingDayCalendar& calendar,
                                               InvestigationAction action,
                                               const EndInvestigationCommand& command,
                                               const FieldViolations& decoding) {
  FieldViolations v = decoding;
  std::string id = ParseResourceName(v, "name", command.name, kInvestigationsCollection);
  ChangeRequest request = ChangeRequestAt(clock, id, command.etag);
  ValidateCommand(v, command, request.today);
  RETURN_IF_ERROR(v.ToStatus());
  request.already_applied = [&](const Investigation& i) { return EndedBy(i, action, command); };
  return ApplyChange(
      store, calendar, request, [&](const Investigation& current) -> absl::StatusOr<Change> {
        Change change = ChangeOf(current);
        Investigation& updated = change.updated;
        ASSIGN_OR_RETURN(updated.state, Transition(current, action));
        const absl::CivilDay end_date = command.end_date.value_or(request.today);
        RETURN_IF_ERROR(CheckNotBefore("end_date", end_date,
                                       absl::ToCivilDay(current.create_time, SchemeTimeZone()),
                                       "the investigation was opened"));
        RETURN_IF_ERROR(EndOpenHold(updated, end_date));
        RETURN_IF_ERROR(RecomputeDeadlinesFor(updated, request.today, calendar, "end_date"));
        updated.ending = InvestigationEnding{command.reason, end_date, request.now};
        // Remedy holds something of the case only once a decision was handed to it; then it must
        // hear of the end, to close what it still holds of a reopened decision. Of a case never
        // decided it has nothing, and an end it could only refuse would wait in the outbox for
        // ever, so none is sent.
        const int decisions = DecisionsIssued(current);
        if (decisions > 0) change.handoff = EndHandoffFor(updated, decisions);
        return change;
      });
}

}  // namespace

absl::StatusOr<Investigation> InvestigationLogic::WithdrawInvestigation(
    const EndInvestigationCommand& command, const FieldViolations& decoding) {
  return EndInvestigation(store_, clock_, calendar_, InvestigationAction::kWithdraw, command,
                          decoding);
}

absl::StatusOr<Investigation> InvestigationLogic::DiscontinueInvestigation(
    const EndInvestigationCommand& command, const FieldViolations& decoding) {
  return EndInvestigation(store_, clock_, calendar_, InvestigationAction::kDiscontinue, command,
                          decoding);
}

}  // namespace redress::investigation
