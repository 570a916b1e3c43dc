// What investigation holds about a person and how it is erased (docs/privacy.md): the
// pseudonymised form of an investigation and of its hand-offs to remedy. Pure functions; the logic
// (personal_data_requests.cc) and every store apply them.
#pragma once

#include <string_view>

#include "absl/time/time.h"
#include "services/investigation/investigation.h"

namespace redress::investigation {

// The ErrorInfo reasons of an erasure refused: the investigation has not ended, or a hand-off of
// it to remedy is not yet delivered (erasing it would hand over the marker).
inline constexpr std::string_view kReasonNotClosed = "NOT_CLOSED";
inline constexpr std::string_view kReasonHandoffPending = "HANDOFF_PENDING";
// A change refused because the investigation's personal data has been erased.
inline constexpr std::string_view kReasonErased = "ERASED";

// What replaces free text that may name or describe a person.
inline constexpr char kErasedText[] = "[erased]";

// `investigation` with its personal data erased, as of `now`. Free text that may name or describe
// someone becomes kErasedText where it is not empty:
// - the complaint as intake handed it over (what went wrong, injustice, outcome wanted);
// - the scope's summary; each point's description and its finding's reasoning;
// - evidence descriptions, hold reasons, comments' text, complaint-handling findings' text;
// - recommendations' descriptions; reviews' explanations and outcome reasons; the ending's reason.
// Kept: ids, state, owner, caseworker (staff), dates and times, parties, the findings' results and
// derived outcomes, decisions, amounts, the complainant's anonymised reference, and what the
// published summary rests on (narrative, complaint types, organisations and their published
// names, location, jurisdiction); the provisional view's fingerprint (a digest, not the text).
// version is incremented and update_time set to `now`.
Investigation ErasedInvestigation(const Investigation& investigation, absl::Time now);

// `handoff` with its free text replaced as ErasedInvestigation does: a decision's
// recommendations' descriptions, an end's reason. A reopening carries none and is kept.
Handoff ErasedHandoff(Handoff handoff);

// Whether `state` has ended the investigation for erasure: DECIDED, WITHDRAWN or DISCONTINUED.
// A DECIDED investigation is erasable once its decision is delivered to remedy (the store refuses
// while a hand-off is pending); a review reopens it only before erasure (an erased investigation
// refuses RequestReview).
bool IsClosedForErasure(InvestigationState state);

}  // namespace redress::investigation
