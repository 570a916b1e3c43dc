#include "services/remedy/state_history.h"

#include <vector>

#include "common/clock.h"

namespace redress::remedy {
namespace {

// The history, or for a recommendation without one a single entry: as it is now, since it was
// received.
std::vector<StateChange> EntriesOf(const Recommendation& r) {
  if (!r.history.empty()) return r.history;
  return {StateChange{r.state, r.create_time, r.target_date, r.decision_sequence}};
}

}  // namespace

void RecordStanding(Recommendation& r, absl::Time now) {
  if (!r.history.empty()) {
    const StateChange& last = r.history.back();
    if (last.state == r.state && last.target_date == r.target_date &&
        last.decision_sequence == r.decision_sequence) {
      return;
    }
  }
  r.history.push_back(StateChange{r.state, now, r.target_date, r.decision_sequence});
}

absl::CivilDay SchemeDay(absl::Time time) { return absl::ToCivilDay(time, SchemeTimeZone()); }

std::optional<StateChange> StandingAt(const Recommendation& r, absl::CivilDay day) {
  std::optional<StateChange> standing;
  for (const StateChange& change : EntriesOf(r)) {
    if (SchemeDay(change.change_time) > day) break;
    standing = change;
  }
  return standing;
}

absl::CivilDay DecidedTargetDate(const Recommendation& r, int decision_sequence) {
  for (const StateChange& change : r.history) {
    if (change.decision_sequence == decision_sequence) return change.target_date;
  }
  return r.reschedules.empty() ? r.target_date : r.reschedules.front().previous_target_date;
}

absl::CivilDay DecidedDay(const Recommendation& r) {
  for (const StateChange& change : r.history) {
    if (change.decision_sequence == r.decision_sequence) return SchemeDay(change.change_time);
  }
  return SchemeDay(r.create_time);
}

ComplianceTiming TimingOf(const Recommendation& r) {
  const std::vector<StateChange> entries = EntriesOf(r);
  bool recorded_not_complied = false;
  StateChange complied{r.state, r.update_time, r.target_date, r.decision_sequence};
  for (const StateChange& change : entries) {
    if (change.state == RecommendationState::kComplied) {
      complied = change;
      break;
    }
    if (change.state == RecommendationState::kNotComplied) recorded_not_complied = true;
  }
  if (recorded_not_complied || !r.compliance.has_value()) return ComplianceTiming::kLate;
  const absl::CivilDay done = r.compliance->completion_date;
  if (done <= DecidedTargetDate(r, complied.decision_sequence)) return ComplianceTiming::kOnTime;
  if (done <= complied.target_date) return ComplianceTiming::kLateWithinExtension;
  return ComplianceTiming::kLate;
}

bool IsExtended(const Recommendation& r, const StateChange& standing) {
  return standing.target_date != DecidedTargetDate(r, standing.decision_sequence);
}

}  // namespace redress::remedy
