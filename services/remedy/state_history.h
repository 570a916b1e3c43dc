// A recommendation's history (Recommendation::history) and what it answers: where a
// recommendation stood on a past day, which target date its decision set (before any agreed
// extension), when it entered its decision, and whether it was complied with on time. Reports
// "as at" a date read the history, never the current state, so a report for a past day says what
// the scheme's records said at the end of that day.
#pragma once

#include <optional>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/remedy/recommendation.h"

namespace redress::remedy {

// Adds an entry for `recommendation`'s state, target date and decision at `now` when they differ
// from its last entry (or it has none). Every write of a recommendation calls this after changing
// it, so its history is complete.
void RecordStanding(Recommendation& recommendation, absl::Time now);

// The day of `time` in the scheme's time zone.
absl::CivilDay SchemeDay(absl::Time time);

// Where `recommendation` stood at the end of `day`: its last entry changed on or before that day;
// nullopt when it had not been received yet. A recommendation without history (never, after
// migration 3) stands as it is now from its create_time.
std::optional<StateChange> StandingAt(const Recommendation& recommendation, absl::CivilDay day);

// The target date decision `decision_sequence` set for `recommendation`: the target date of its
// first entry under that decision. RescheduleRecommendation's agreed extensions move the target
// date, never this. Without such an entry, the target date before the first reschedule.
absl::CivilDay DecidedTargetDate(const Recommendation& recommendation, int decision_sequence);

// The day `recommendation` entered its current decision (received, or carried over to it).
absl::CivilDay DecidedDay(const Recommendation& recommendation);

// How a recommendation complied with was complied with.
enum class ComplianceTiming {
  kOnTime,               // evidenced done by the target date its decision set
  kLateWithinExtension,  // after that date, but by an agreed extension of it
  kLate,                 // later still, or only after it was recorded as not complied
};

// For a recommendation with compliance evidence. On time is judged against the target date the
// decision set (DecidedTargetDate), not an extension: the PHSO reports compliance against the
// date it recommended and reports extensions apart. Evidence recorded only after the
// recommendation was recorded as not complied is late whatever date it bears: the scheme had to
// record the failure first.
ComplianceTiming TimingOf(const Recommendation& recommendation);

// Whether the target date in force in `standing` is an agreed extension of the one its decision
// set.
bool IsExtended(const Recommendation& recommendation, const StateChange& standing);

}  // namespace redress::remedy
