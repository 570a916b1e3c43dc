// The conditions other than the state that an investigation must meet before a step, and the
// FAILED_PRECONDITION each unmet one returns: a PreconditionFailure of its own type, the
// investigation (or point) as subject, and an ErrorInfo with a stable reason.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "services/investigation/investigation.h"

namespace redress::investigation {

namespace reason {
inline constexpr std::string_view kFindingMissing = "FINDING_MISSING";
inline constexpr std::string_view kCommentPeriodOpen = "COMMENT_PERIOD_OPEN";
inline constexpr std::string_view kReviewWindowClosed = "REVIEW_WINDOW_CLOSED";
}  // namespace reason

// OK when every complaint point has a finding; otherwise type "FINDING", subject the first point
// without one ("investigations/x/points/cp2").
absl::Status CheckEveryPointHasFinding(const Investigation& investigation);

// Whether both the complainant and the organisation commented on the current provisional view
// (comments received on or after its share date).
bool BothPartiesCommented(const ProvisionalView& view);

// OK when the comment period of the provisional view has closed: `today` is after its comment
// deadline, or both parties have commented. Otherwise type "COMMENT_PERIOD".
// REQUIRES: investigation.provisional_view is set.
absl::Status CheckCommentPeriodClosed(const Investigation& investigation, absl::CivilDay today);

// OK when `request_date` is on or before `last_day`; otherwise type "REVIEW_WINDOW": the review
// window closed.
absl::Status CheckReviewWindow(const Investigation& investigation, absl::CivilDay request_date,
                               absl::CivilDay last_day);

}  // namespace redress::investigation
