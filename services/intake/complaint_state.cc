#include "services/intake/complaint_state.h"

#include "common/errors.h"

namespace redress::intake {
namespace {

struct Rule {
  ComplaintAction action;
  bool received;
  bool accepted;
  bool closed;
  bool under_review;
};

// The whole state machine. Accepted is terminal in intake: only corrections to the people on the
// complaint remain possible. A closed complaint's assessment decision can be reviewed (PHSO
// practice: a complainant may ask for a review of a decision not to investigate); the review ends
// in the decision standing (back to CLOSED) or the complaint reopened to assessment (RECEIVED).
// Whether a particular closed complaint can be reviewed -- not withdrawn, not reviewed before,
// within the time limit -- is assessment_review.cc's.
// clang-format off
constexpr Rule kRules[] = {
    // action                           RECEIVED  ACCEPTED  CLOSED  UNDER_REVIEW
    {ComplaintAction::kUpdate,          true,     false,    false,  false},
    {ComplaintAction::kUpdatePeople,    true,     true,     true,   true},
    {ComplaintAction::kWithdraw,        true,     false,    false,  false},
    {ComplaintAction::kAssess,          true,     false,    false,  false},
    {ComplaintAction::kRequestReview,   false,    false,    true,   false},
    {ComplaintAction::kDecideReview,    false,    false,    false,  true},
};
// clang-format on

}  // namespace

std::string_view ComplaintStateName(ComplaintState state) {
  switch (state) {
    case ComplaintState::kReceived:
      return "RECEIVED";
    case ComplaintState::kAccepted:
      return "ACCEPTED";
    case ComplaintState::kClosed:
      return "CLOSED";
    case ComplaintState::kUnderReview:
      return "UNDER_REVIEW";
  }
  return "UNSPECIFIED";
}

std::string_view ComplaintActionName(ComplaintAction action) {
  switch (action) {
    case ComplaintAction::kUpdate:
      return "update";
    case ComplaintAction::kUpdatePeople:
      return "update people";
    case ComplaintAction::kWithdraw:
      return "withdraw";
    case ComplaintAction::kAssess:
      return "assess";
    case ComplaintAction::kRequestReview:
      return "request a review";
    case ComplaintAction::kDecideReview:
      return "decide a review";
  }
  return "unknown action";
}

bool IsActionAllowed(ComplaintState state, ComplaintAction action) {
  for (const Rule& rule : kRules) {
    if (rule.action != action) continue;
    switch (state) {
      case ComplaintState::kReceived:
        return rule.received;
      case ComplaintState::kAccepted:
        return rule.accepted;
      case ComplaintState::kClosed:
        return rule.closed;
      case ComplaintState::kUnderReview:
        return rule.under_review;
    }
  }
  return false;
}

absl::Status CheckTransition(const Complaint& complaint, ComplaintAction action) {
  if (IsActionAllowed(complaint.state, action)) return absl::OkStatus();
  return InvalidStateTransition(complaint.name(), ComplaintStateName(complaint.state),
                                ComplaintActionName(action));
}

}  // namespace redress::intake
