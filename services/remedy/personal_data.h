// What remedy holds about a person and how it is erased (docs/privacy.md): remedy keeps no contact
// details, only the free text of a case's recommendations, reschedules and acknowledgements of
// anonymisation issues. Pure functions; the logic (remedy_logic.h) and every store apply them.
#pragma once

#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/remedy/anonymisation_issue.h"
#include "services/remedy/recommendation.h"

namespace redress::remedy {

// The ErrorInfo reason of an erasure refused because a recommendation of the case is still open.
inline constexpr std::string_view kReasonNotClosed = "NOT_CLOSED";
// A change refused because the case's personal data has been erased.
inline constexpr std::string_view kReasonErased = "ERASED";

// FAILED_PRECONDITION (type STATE, reason ERASED) for a change refused because the personal data
// of investigations/{investigation_id} has been erased.
absl::Status CaseErased(std::string_view investigation_id);

// What replaces free text that may name or describe a person.
inline constexpr char kErasedText[] = "[erased]";

// `recommendation` with its free text replaced by kErasedText where not empty, as of `now`: the
// description, the organisation's response note, the compliance evidence's action taken and
// reference, the decline's reason and every reschedule's reason. Type, beneficiary, amount,
// organisation, states, dates, steps and history stay (reports and the published summary rest
// on them); version is incremented and update_time set to `now`.
Recommendation ErasedRecommendation(const Recommendation& recommendation, absl::Time now);

// `acknowledgement` with its reason replaced by kErasedText; the issue's identity (a keyed hash,
// never the text), field, kind, role, caseworker and time stay, so the guard still counts the
// issue as acknowledged.
IssueAcknowledgement ErasedAcknowledgement(const IssueAcknowledgement& acknowledgement);

// Whether a case whose recommendations are `recommendations` is closed: none is open (IsOpen).
// A case without recommendations is closed.
bool IsClosedForErasure(const std::vector<Recommendation>& recommendations);

}  // namespace redress::remedy
