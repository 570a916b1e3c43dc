// The complaint state machine: which actions each state allows, in one table
// (complaint_state.cc). RECEIVED is the only state in which the narrative changes or an
// assessment or withdrawal happens; a CLOSED complaint's assessment decision can be reviewed
// (UNDER_REVIEW until decided); corrections to the people are allowed in every state.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "services/intake/complaint.h"

namespace redress::intake {

enum class ComplaintAction {
  kUpdate,        // change narrative fields (anything but people and reference overrides)
  kUpdatePeople,  // change people and anonymised reference overrides only
  kWithdraw,
  kAssess,
  kRequestReview,  // ask for a review of the assessment decision
  kDecideReview,
};

// The state's name as in the proto, without the prefix: "RECEIVED", "ACCEPTED", "CLOSED",
// "UNDER_REVIEW".
std::string_view ComplaintStateName(ComplaintState state);
// The action in words for error messages: "update", "update people", "withdraw", "assess",
// "request a review", "decide a review".
std::string_view ComplaintActionName(ComplaintAction action);

bool IsActionAllowed(ComplaintState state, ComplaintAction action);

// OK when `complaint`'s state allows `action`; otherwise FAILED_PRECONDITION from
// InvalidStateTransition naming the complaint and its state. Withdrawing an already withdrawn
// complaint is not a transition: the caller returns it unchanged before asking.
absl::Status CheckTransition(const Complaint& complaint, ComplaintAction action);

}  // namespace redress::intake
