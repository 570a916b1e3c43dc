#include "services/investigation/preconditions.h"

#include "absl/strings/str_cat.h"
#include "common/errors.h"

namespace redress::investigation {

absl::Status CheckEveryPointHasFinding(const Investigation& investigation) {
  for (const ComplaintPoint& point : investigation.points) {
    if (point.finding.has_value()) continue;
    return PreconditionFailed(
        "FINDING", absl::StrCat(investigation.name(), "/points/", point.point_id),
        absl::StrCat("complaint point ", point.point_id,
                     " has no finding; record a finding on every point first"),
        reason::kFindingMissing);
  }
  return absl::OkStatus();
}

bool BothPartiesCommented(const ProvisionalView& view) {
  bool complainant = false;
  bool organisation = false;
  for (const Comment& comment : view.comments) {
    if (comment.received_date < view.share_date) continue;  // on an earlier view
    complainant = complainant || comment.party == Party::kComplainant;
    organisation = organisation || comment.party == Party::kOrganisation;
  }
  return complainant && organisation;
}

absl::Status CheckCommentPeriodClosed(const Investigation& investigation, absl::CivilDay today) {
  const ProvisionalView& view = *investigation.provisional_view;
  if (today > view.comment_deadline || BothPartiesCommented(view)) return absl::OkStatus();
  return PreconditionFailed(
      "COMMENT_PERIOD", investigation.name(),
      absl::StrCat("the comment period on the provisional view is open until ",
                   absl::FormatCivilTime(view.comment_deadline),
                   "; the final decision can be issued after that, or once both the complainant "
                   "and the organisation have commented"),
      reason::kCommentPeriodOpen);
}

absl::Status CheckReviewWindow(const Investigation& investigation, absl::CivilDay request_date,
                               absl::CivilDay last_day) {
  if (request_date <= last_day) return absl::OkStatus();
  return PreconditionFailed(
      "REVIEW_WINDOW", investigation.name(),
      absl::StrCat("review window closed: a review had to be asked for by ",
                   absl::FormatCivilTime(last_day), ", and this request is dated ",
                   absl::FormatCivilTime(request_date)),
      reason::kReviewWindowClosed);
}

}  // namespace redress::investigation
