// The conditions other than the state that an investigation must meet before a step, and the
// FAILED_PRECONDITION each unmet one returns: a PreconditionFailure of its own type, the
// investigation (or point, or field) as subject, and an ErrorInfo with a stable reason.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "services/investigation/investigation.h"

namespace redress::investigation {

namespace reason {
inline constexpr std::string_view kFindingMissing = "FINDING_MISSING";
inline constexpr std::string_view kCommentPeriodOpen = "COMMENT_PERIOD_OPEN";
inline constexpr std::string_view kProvisionalViewOutdated = "PROVISIONAL_VIEW_OUTDATED";
inline constexpr std::string_view kDecisionRecordInconsistent = "DECISION_RECORD_INCONSISTENT";
inline constexpr std::string_view kReviewWindowClosed = "REVIEW_WINDOW_CLOSED";
inline constexpr std::string_view kReviewLimitReached = "REVIEW_LIMIT_REACHED";
}  // namespace reason

// OK when every complaint point has a finding; otherwise type "FINDING", subject the first point
// without one ("investigations/x/points/cp2").
absl::Status CheckEveryPointHasFinding(const Investigation& investigation);

// Who has not commented on the current provisional view by the end of `day` (a comment counts
// from its received_date): "the complainant", then each organisation investigated that has not,
// by its resource name, in the order investigated. Each organisation comments for itself (DESIGN
// §2 step 8 shares the view with "the organisation"; where several are investigated, PHSO practice
// is to share it with each, for its own comments). Comments on an earlier revision of the view do
// not count. REQUIRES: investigation.provisional_view is set.
std::vector<std::string> YetToComment(const Investigation& investigation, absl::CivilDay day);

// OK when the comment period of the provisional view had closed on `day`, the decision date: `day`
// is after its comment deadline, or by then the complainant and every organisation investigated
// had commented (YetToComment is empty). So a decision cannot be dated to a day on which the
// period was still open. Otherwise type "COMMENT_PERIOD", naming who had yet to comment.
// REQUIRES: investigation.provisional_view is set.
absl::Status CheckCommentPeriodClosed(const Investigation& investigation, absl::CivilDay day);

// OK when no complaint point, finding or recommendation changed since the provisional view was
// shared (view_content.h); otherwise type "PROVISIONAL_VIEW", saying what changed.
absl::Status CheckViewCurrent(const Investigation& investigation);

// OK when the narrative and recommendations agree with `decision` (decision_record.h); otherwise
// one violation of type "NARRATIVE" or "RECOMMENDATIONS" per disagreement, its subject the field
// ("narrative.what_we_found[2]"), reason DECISION_RECORD_INCONSISTENT.
absl::Status CheckRecordAgrees(const Investigation& investigation, Outcome decision);

// OK when `request_date` is on or before `last_day`; otherwise type "REVIEW_WINDOW": the review
// window closed.
absl::Status CheckReviewWindow(const Investigation& investigation, absl::CivilDay request_date,
                               absl::CivilDay last_day);

// OK when `party` has asked for fewer than `limit` reviews of decision `decision_sequence`;
// otherwise type "REVIEW_LIMIT".
absl::Status CheckReviewLimit(const Investigation& investigation, Party party,
                              int decision_sequence, int limit);

}  // namespace redress::investigation
