#include "services/investigation/outcomes.h"

#include <algorithm>

#include "common/errors.h"

namespace redress::investigation {

absl::StatusOr<Outcome> PointOutcome(const Finding& finding, const std::string& field_prefix) {
  if (!finding.failing) return Outcome::kNotUpheld;
  if (!finding.injustice) return Outcome::kPartlyUpheld;
  switch (finding.causal_link) {
    case CausalLink::kCaused:
      return Outcome::kUpheld;
    case CausalLink::kNotCaused:
    case CausalLink::kCannotBeShown:
      return Outcome::kPartlyUpheld;
    case CausalLink::kUnspecified:
      break;
  }
  return InvalidArgument({{field_prefix + ".causal_link",
                           "is required when there was a failing and an injustice: say whether "
                           "the failing caused the injustice"}});
}

Outcome DecisionFrom(const std::vector<Outcome>& point_outcomes) {
  auto all_are = [&](Outcome outcome) {
    return !point_outcomes.empty() && std::all_of(point_outcomes.begin(), point_outcomes.end(),
                                                  [outcome](Outcome o) { return o == outcome; });
  };
  if (all_are(Outcome::kUpheld)) return Outcome::kUpheld;
  if (all_are(Outcome::kNotUpheld)) return Outcome::kNotUpheld;
  return Outcome::kPartlyUpheld;
}

std::string OutcomeWords(Outcome outcome) {
  switch (outcome) {
    case Outcome::kUpheld:
      return "upheld";
    case Outcome::kPartlyUpheld:
      return "partly upheld";
    case Outcome::kNotUpheld:
      return "not upheld";
    case Outcome::kUnspecified:
      break;
  }
  return "no outcome";
}

std::string DecisionStatement(Outcome decision) {
  switch (decision) {
    case Outcome::kUpheld:
      return "We upheld this complaint.";
    case Outcome::kPartlyUpheld:
      return "We partly upheld this complaint.";
    case Outcome::kNotUpheld:
      return "We did not uphold this complaint.";
    case Outcome::kUnspecified:
      break;
  }
  return "";
}

}  // namespace redress::investigation
