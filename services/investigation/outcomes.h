// Outcomes are derived, never typed (DESIGN §2 steps 6-7): a complaint point's outcome from its
// finding, and the overall decision from the points' outcomes.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/investigation/investigation.h"

namespace redress::investigation {

// No failing -> NOT_UPHELD; a failing that caused an injustice -> UPHELD; a failing without an
// injustice, or whose link to the injustice is NOT_CAUSED or CANNOT_BE_SHOWN -> PARTLY_UPHELD.
// A failing and an injustice with no causal link assessed is INVALID_ARGUMENT on
// `field_prefix` + ".causal_link" ("finding.causal_link").
absl::StatusOr<Outcome> PointOutcome(const Finding& finding,
                                     const std::string& field_prefix = "finding");

// Every point UPHELD -> UPHELD; every point NOT_UPHELD -> NOT_UPHELD; anything between (or no
// points) -> PARTLY_UPHELD. REQUIRES: every outcome is derived (not UNSPECIFIED).
Outcome DecisionFrom(const std::vector<Outcome>& point_outcomes);

// The published wording: "upheld", "partly upheld", "not upheld" ("no outcome" for UNSPECIFIED).
std::string OutcomeWords(Outcome outcome);

// The sentence a published summary states the decision in (DESIGN §3's "What we found"), as the
// PHSO publishes it: "We upheld this complaint.", "We partly upheld this complaint.", "We did not
// uphold this complaint."; "" for UNSPECIFIED.
std::string DecisionStatement(Outcome decision);

}  // namespace redress::investigation
