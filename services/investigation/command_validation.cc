// Validation of investigation's commands: the parts that need no stored investigation.
#include "absl/strings/str_cat.h"
#include "common/validation.h"
#include "services/investigation/investigation_validation.h"
#include "services/investigation/request_checks.h"

namespace redress::investigation {
namespace {

constexpr size_t kMaxShortTextChars = 2000;  // point descriptions, evidence, hold reasons
constexpr size_t kMaxSummaryChars = 5000;
constexpr size_t kMaxLongTextChars = 20000;  // reasoning, comments, review text

void CheckRange(FieldViolations& v, const std::string& field, int value, int low, int high) {
  if (value < low || value > high) v.Add(field, absl::StrCat("must be ", low, " to ", high));
}

// A party to the provisional view or a review: the complainant or the organisation.
void CheckCaseParty(FieldViolations& v, const std::string& field, Party party) {
  if (party == Party::kUnspecified) {
    v.Add(field, "is required");
  } else if (party != Party::kComplainant && party != Party::kOrganisation) {
    v.Add(field, "must be PARTY_COMPLAINANT or PARTY_ORGANISATION");
  }
}

}  // namespace

void ValidateCommand(FieldViolations& v, const AgreeScopeCommand& c, absl::CivilDay today) {
  CheckRequiredText(v, "scope.summary", c.summary, kMaxSummaryChars);
  CheckNotInFuture(v, "scope.agreed_date", c.agreed_date, today);
  CheckRange(v, "scope.timescale_working_days", c.timescale_working_days, 1,
             kMaxTimescaleWorkingDays);
  if (c.points.empty() || c.points.size() > static_cast<size_t>(kMaxPoints)) {
    v.Add("points", absl::StrCat("must list 1 to ", kMaxPoints, " complaint points"));
    return;
  }
  for (size_t i = 0; i < c.points.size(); ++i) {
    CheckRequiredText(v, absl::StrCat("points[", i, "]"), c.points[i], kMaxShortTextChars);
  }
}

void ValidateCommand(FieldViolations& v, const LogEvidenceCommand& c, absl::CivilDay today) {
  CheckRequestId(v, "request_id", c.request_id);
  CheckRequiredText(v, "evidence.description", c.description, kMaxShortTextChars);
  if (c.source == Party::kUnspecified) v.Add("evidence.source", "is required");
  CheckNotInFuture(v, "evidence.received_date", c.received_date, today);
}

void ValidateCommand(FieldViolations& v, const PutOnHoldCommand& c, absl::CivilDay today) {
  CheckRequiredText(v, "reason", c.reason, kMaxShortTextChars);
  CheckNotInFuture(v, "start_date", c.start_date, today);
}

void ValidateCommand(FieldViolations& v, const ResumeCommand& c, absl::CivilDay today) {
  CheckNotInFuture(v, "end_date", c.end_date, today);
}

void ValidateCommand(FieldViolations& v, const RecordFindingCommand& c) {
  CheckRequiredText(v, "point_id", c.point_id, 16);
  CheckRequiredText(v, "finding.reasoning", c.finding.reasoning, kMaxLongTextChars);
  if (c.finding.failing && c.finding.injustice &&
      c.finding.causal_link == CausalLink::kUnspecified) {
    v.Add("finding.causal_link",
          "is required when there was a failing and an injustice: say whether the failing caused "
          "the injustice");
  }
}

void ValidateCommand(FieldViolations& v, const ShareProvisionalViewCommand& c,
                     absl::CivilDay today) {
  CheckRange(v, "comment_period_working_days", c.comment_period_working_days, 1,
             kMaxCommentPeriodWorkingDays);
  CheckNotInFuture(v, "share_date", c.share_date, today);
}

void ValidateCommand(FieldViolations& v, const LogCommentCommand& c, absl::CivilDay today) {
  CheckRequestId(v, "request_id", c.request_id);
  CheckCaseParty(v, "comment.party", c.party);
  if (!c.organisation.empty()) {
    if (c.party == Party::kOrganisation) {
      ParseResourceName(v, "comment.organisation", c.organisation, kOrganisationsCollection);
    } else if (c.party == Party::kComplainant) {
      v.Add("comment.organisation", "is only for a comment from PARTY_ORGANISATION");
    }
  }
  CheckRequiredText(v, "comment.text", c.text, kMaxLongTextChars);
  CheckNotInFuture(v, "comment.received_date", c.received_date, today);
}

void ValidateCommand(FieldViolations& v, const IssueFinalDecisionCommand& c, absl::CivilDay today) {
  CheckNotInFuture(v, "decision_date", c.decision_date, today);
}

void ValidateCommand(FieldViolations& v, const RequestReviewCommand& c, absl::CivilDay today) {
  CheckRequestId(v, "request_id", c.request_id);
  CheckCaseParty(v, "requested_by", c.requested_by);
  if (c.ground == ReviewGround::kUnspecified) v.Add("ground", "is required");
  CheckRequiredText(v, "explanation", c.explanation, kMaxLongTextChars);
  CheckNotInFuture(v, "request_date", c.request_date, today);
}

void ValidateCommand(FieldViolations& v, const DecideReviewCommand& c, absl::CivilDay today) {
  if (c.outcome == ReviewOutcome::kUnspecified) v.Add("outcome", "is required");
  CheckRequiredText(v, "reason", c.reason, kMaxLongTextChars);
  CheckNotInFuture(v, "decide_date", c.decide_date, today);
}

void ValidateCommand(FieldViolations& v, const EndInvestigationCommand& c, absl::CivilDay today) {
  CheckRequiredText(v, "reason", c.reason, kMaxShortTextChars);
  CheckNotInFuture(v, "end_date", c.end_date, today);
}

}  // namespace redress::investigation
