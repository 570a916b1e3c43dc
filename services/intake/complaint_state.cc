#include "services/intake/complaint_state.h"

#include "common/errors.h"

namespace redress::intake {
namespace {

struct Rule {
  ComplaintAction action;
  bool received;
  bool accepted;
  bool closed;
};

// The whole state machine. Accepted and closed are terminal in intake: only corrections to the
// people on the complaint remain possible.
// clang-format off
constexpr Rule kRules[] = {
    // action                         RECEIVED  ACCEPTED  CLOSED
    {ComplaintAction::kUpdate,        true,     false,    false},
    {ComplaintAction::kUpdatePeople,  true,     true,     true},
    {ComplaintAction::kWithdraw,      true,     false,    false},
    {ComplaintAction::kAssess,        true,     false,    false},
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
