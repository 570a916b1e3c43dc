// The state table: every command in every state.
#include "services/remedy/recommendation_state.h"

#include <map>
#include <set>

#include "gtest/gtest.h"
#include "services/remedy/follow_up.h"

namespace redress::remedy {
namespace {

using C = RecommendationCommand;
using S = RecommendationState;

const C kAllCommands[] = {C::kAccept,     C::kDispute,          C::kRecordCompliance, C::kDecline,
                          C::kReschedule, C::kSupersede,        C::kMarkOverdue,      C::kChase,
                          C::kEscalate,   C::kRecordNotComplied};

// The allowed transitions, written out independently of the switch in recommendation_state.cc.
const std::map<S, std::set<C>>& Allowed() {
  static const auto* table = new std::map<S, std::set<C>>{
      {S::kAwaitingResponse,
       {C::kAccept, C::kDispute, C::kRecordCompliance, C::kDecline, C::kReschedule, C::kSupersede,
        C::kMarkOverdue}},
      {S::kAccepted,
       {C::kRecordCompliance, C::kDecline, C::kReschedule, C::kSupersede, C::kMarkOverdue}},
      {S::kDisputed,
       {C::kRecordCompliance, C::kDecline, C::kReschedule, C::kSupersede, C::kMarkOverdue}},
      {S::kOverdue,
       {C::kAccept, C::kDispute, C::kRecordCompliance, C::kDecline, C::kReschedule, C::kSupersede,
        C::kChase}},
      {S::kChased,
       {C::kAccept, C::kDispute, C::kRecordCompliance, C::kDecline, C::kReschedule, C::kSupersede,
        C::kEscalate}},
      {S::kEscalated,
       {C::kAccept, C::kDispute, C::kRecordCompliance, C::kDecline, C::kReschedule, C::kSupersede,
        C::kRecordNotComplied}},
      {S::kComplied, {}},
      {S::kDeclined, {}},
      {S::kNotComplied, {}},
      {S::kSuperseded, {}},
  };
  return *table;
}

TEST(RecommendationStateTest, EveryCommandInEveryState) {
  for (S state : kAllRecommendationStates) {
    for (C command : kAllCommands) {
      EXPECT_EQ(Allows(state, command), Allowed().at(state).count(command) == 1)
          << RecommendationStateName(state) << " " << CommandName(command);
    }
  }
}

TEST(RecommendationStateTest, ForbiddenTransitionNamesTheState) {
  Recommendation r;
  r.state = S::kComplied;
  absl::Status status = CheckAllowed(r, C::kDecline, "recommendations/a");
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(), "recommendations/a: cannot decline while the state is COMPLIED");
}

TEST(RecommendationStateTest, NextFollowUpMatchesTheStateAfterEachStep) {
  S state = S::kAccepted;
  std::vector<S> path;
  while (std::optional<FollowUpAction> next = NextFollowUp(state)) {
    state = StateAfter(*next);
    path.push_back(state);
  }
  EXPECT_EQ(path, (std::vector<S>{S::kOverdue, S::kChased, S::kEscalated, S::kNotComplied}));
}

TEST(RecommendationStateTest, ResponseStateFollowsTheAnswer) {
  Recommendation r;
  EXPECT_EQ(ResponseState(r), S::kAwaitingResponse);
  r.response = OrganisationResponse{OrganisationPosition::kDisputed, "no", {}};
  EXPECT_EQ(ResponseState(r), S::kDisputed);
}

}  // namespace
}  // namespace redress::remedy
