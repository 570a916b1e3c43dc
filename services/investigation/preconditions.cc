#include "services/investigation/preconditions.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/errors.h"
#include "services/investigation/decision_record.h"
#include "services/investigation/outcomes.h"
#include "services/investigation/view_content.h"

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

std::vector<std::string> YetToComment(const Investigation& investigation, absl::CivilDay day) {
  const ProvisionalView& view = *investigation.provisional_view;
  bool complainant = false;
  std::set<std::string> organisations;
  for (const Commenter& commenter : view.commenters) {
    if (commenter.first_received_date > day) continue;
    complainant = complainant || commenter.party == Party::kComplainant;
    if (commenter.party == Party::kOrganisation) organisations.insert(commenter.organisation);
  }
  std::vector<std::string> yet;
  if (!complainant) yet.push_back("the complainant");
  for (const OrganisationInvestigated& o : investigation.organisations_investigated) {
    if (organisations.count(o.organisation) == 0) yet.push_back(o.organisation);
  }
  return yet;
}

absl::Status CheckCommentPeriodClosed(const Investigation& investigation, absl::CivilDay day) {
  const ProvisionalView& view = *investigation.provisional_view;
  if (day > view.comment_deadline) return absl::OkStatus();
  const std::vector<std::string> yet = YetToComment(investigation, day);
  if (yet.empty()) return absl::OkStatus();
  return PreconditionFailed(
      "COMMENT_PERIOD", investigation.name(),
      absl::StrCat("the comment period on the provisional view is open until ",
                   absl::FormatCivilTime(view.comment_deadline), ", and on ",
                   absl::FormatCivilTime(day), " it had no comment from ", absl::StrJoin(yet, ", "),
                   "; the final decision can be dated after the deadline, or once the "
                   "complainant and every organisation investigated have commented"),
      reason::kCommentPeriodOpen);
}

absl::Status CheckViewCurrent(const Investigation& investigation) {
  const std::string changed = ViewChangesSinceShared(investigation);
  if (changed.empty()) return absl::OkStatus();
  return PreconditionFailed(
      "PROVISIONAL_VIEW", investigation.name(),
      absl::StrCat(changed, " changed after the provisional view was shared on ",
                   absl::FormatCivilTime(investigation.provisional_view->share_date),
                   "; share the revised view for comment before the final decision"),
      reason::kProvisionalViewOutdated);
}

absl::Status CheckRecordAgrees(const Investigation& investigation, Outcome decision) {
  const std::vector<RecordDisagreement> disagreements =
      RecordDisagreements(investigation, decision);
  if (disagreements.empty()) return absl::OkStatus();
  std::vector<PreconditionViolation> violations;
  for (const RecordDisagreement& d : disagreements) {
    violations.push_back({d.type, d.field, d.description});
  }
  return PreconditionsFailed(
      absl::StrCat("the record of ", investigation.name(), " does not agree with its decision (",
                   OutcomeWords(decision), "): ", disagreements.front().field, " ",
                   disagreements.front().description),
      violations, reason::kDecisionRecordInconsistent);
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

absl::Status CheckReviewLimit(const Investigation& investigation, Party party,
                              int decision_sequence, int limit) {
  const auto asked = std::count_if(
      investigation.reviews.begin(), investigation.reviews.end(), [&](const Review& review) {
        return review.requested_by == party && review.decision_sequence == decision_sequence;
      });
  if (asked < limit) return absl::OkStatus();
  return PreconditionFailed(
      "REVIEW_LIMIT", investigation.name(),
      absl::StrCat(party == Party::kComplainant ? "the complainant" : "the organisation",
                   " has already asked for ", asked, asked == 1 ? " review" : " reviews",
                   " of decision ", decision_sequence, ", which is as many as a party may"),
      reason::kReviewLimitReached);
}

}  // namespace redress::investigation
