// A decided case's record must agree with its decision, since remedy publishes the narrative as
// written and follows up the recommendations: checked when the final decision is issued, and on
// every later change of a decided investigation's narrative.
#pragma once

#include <string>
#include <vector>

#include "services/investigation/investigation.h"

namespace redress::investigation {

// One place where the record disagrees with the decision.
struct RecordDisagreement {
  // The field, as a path within the Investigation resource: "narrative.introduction",
  // "narrative.what_we_found[2]", "recommendations".
  std::string field;
  std::string type;  // "NARRATIVE" or "RECOMMENDATIONS"
  std::string description;
};

// Where `narrative` disagrees with `decision`, in the order of its sections:
// - the introduction, "What happened" and "What we found" each have a paragraph (DESIGN §3: they
//   are always published);
// - "What we found" states the decision: one of its paragraphs has DecisionStatement(decision)
//   as a sentence of its own (the paragraph, or a part of it between its start or a space and its
//   end or a space), byte for byte as it will be published. A different wording ("We have upheld
//   Mr B's complaint") is not read as a statement, so the decision's own sentence must be there;
// - no paragraph of any section has another decision's statement as such a sentence: that
//   paragraph is named.
std::vector<RecordDisagreement> NarrativeDisagreements(const Narrative& narrative,
                                                       Outcome decision);

// NarrativeDisagreements of `investigation`'s narrative, and a recommendation on a decision NOT
// UPHELD (there was no failing, so there is nothing to put right; DESIGN §2 steps 6-9).
std::vector<RecordDisagreement> RecordDisagreements(const Investigation& investigation,
                                                    Outcome decision);

}  // namespace redress::investigation
