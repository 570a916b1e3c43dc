// RemedyLogic::RunFollowUp: the scheduler's pass, and CountOverdue for the metrics. The next step
// of a recommendation is a function of its state (recommendation_state.h NextFollowUp) and its due
// date a function of its target date and of the day the step before was actually taken
// (follow_up.h), so a pass takes each step once however often it runs. After an outage a pass takes
// only what is due now: the overdue mark (a fact of the calendar) and the next contact with the
// organisation, recorded with its due date and the time it was taken; the contact after that falls
// due its full period after today, so an organisation is always chased before it is escalated, and
// escalated before it is recorded as not complied.
#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/audit/audit_scope.h"
#include "common/log.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "services/remedy/apply_change.h"
#include "services/remedy/follow_up.h"
#include "services/remedy/recommendation_state.h"
#include "services/remedy/remedy_logic.h"

namespace redress::remedy {
namespace {

constexpr int kBatch = 200;

// Takes the steps of `r` due by `today` at `now`, each one's due date worked out after the one
// before was taken; returns how many. A step beyond the calendar waits for its next version.
int TakeDueSteps(Recommendation& r, absl::CivilDay today, absl::Time now,
                 const FollowUpPolicy& policy, const WorkingDayCalendar& calendar) {
  int taken = 0;
  while (true) {
    const std::vector<FollowUpStep> remaining = RemainingFollowUp(r, today, policy, calendar);
    if (remaining.empty() || remaining.front().due_date > today) return taken;
    const FollowUpStep& step = remaining.front();
    r.steps_taken.push_back(FollowUpStep{step.action, step.due_date, now});
    r.state = StateAfter(step.action);
    ++taken;
  }
}

// The followed-up recommendations whose target date in force has passed: those a pass may have
// a step for, and those the metrics count as overdue.
RecommendationQuery FollowedUpPastTarget(absl::CivilDay today) {
  RecommendationQuery query;
  query.states = {RecommendationState::kAwaitingResponse, RecommendationState::kAccepted,
                  RecommendationState::kDisputed,         RecommendationState::kOverdue,
                  RecommendationState::kChased,           RecommendationState::kEscalated};
  query.target_date_to = today - 1;  // nothing is due before the day after the target date
  query.limit = kBatch;
  return query;
}

}  // namespace

absl::StatusOr<int> RemedyLogic::CountOverdue(int cap) {
  // Counted in the store (a COUNT, not the recommendations read and converted): the metric is read
  // at every scrape.
  RecommendationQuery query = FollowedUpPastTarget(Today(clock_));
  query.limit = cap;
  ASSIGN_OR_RETURN(int64_t count, store_.CountRecommendations(query));
  return static_cast<int>(std::min<int64_t>(count, cap));
}

absl::StatusOr<int> RemedyLogic::RunFollowUp() {
  // The pass runs outside any call (its own thread): its changes are the service's own, and the
  // audit log names them so (docs/audit.md), whoever else the thread's scope would name.
  audit::ScopedAuditCall audit_call("system:remedy", "remedy.follow-up");
  const absl::CivilDay today = Today(clock_);
  const absl::Time now = StoredNow(clock_);
  RecommendationQuery query = FollowedUpPastTarget(today);
  int total = 0;
  absl::Status first_failure = absl::OkStatus();
  while (true) {
    ASSIGN_OR_RETURN(std::vector<Recommendation> batch, store_.ListRecommendations(query));
    for (const Recommendation& found : batch) {
      int taken = 0;
      absl::StatusOr<Recommendation> written =
          ApplyChange(store_, found.id, "", now, [&](Recommendation& r) {
            taken = TakeDueSteps(r, today, now, policy_, calendar_);
            if (taken == 0) return absl::CancelledError("nothing due");  // no write
            return absl::OkStatus();
          });
      if (written.ok()) {
        total += taken;
        Log(LogLevel::kInfo, "follow-up steps taken",
            {{"recommendation", RecommendationName(found.id)},
             {"steps", taken},
             {"state", RecommendationStateName(written->state)}});
      } else if (!absl::IsCancelled(written.status())) {
        Log(LogLevel::kWarning, "follow-up failed",
            {{"recommendation", RecommendationName(found.id)},
             {"error", written.status().ToString()}});
        if (first_failure.ok()) first_failure = written.status();
      }
    }
    if (static_cast<int>(batch.size()) < kBatch) break;
    query.after_sequence = batch.back().sequence;
  }
  RETURN_IF_ERROR(first_failure);
  return total;
}

}  // namespace redress::remedy
