// The state table: every command in every state, one test each.
#include "services/remedy/recommendation_state.h"

#include <iterator>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "absl/strings/ascii.h"
#include "common/errors.h"
#include "gtest/gtest.h"
#include "services/remedy/follow_up.h"

namespace redress::remedy {
namespace {

using C = RecommendationCommand;
using S = RecommendationState;

// The allowed transitions, written out independently of the switch in recommendation_state.cc.
const std::map<S, std::set<C>>& Allowed() {
  static const auto* table = new std::map<S, std::set<C>>{
      {S::kAwaitingResponse,
       {C::kAccept, C::kDispute, C::kRecordCompliance, C::kDecline, C::kReschedule, C::kHold,
        C::kMarkOverdue}},
      {S::kAccepted,
       {C::kRecordCompliance, C::kDecline, C::kReschedule, C::kHold, C::kMarkOverdue}},
      {S::kDisputed,
       {C::kRecordCompliance, C::kDecline, C::kReschedule, C::kHold, C::kMarkOverdue}},
      {S::kOverdue,
       {C::kAccept, C::kDispute, C::kRecordCompliance, C::kDecline, C::kReschedule, C::kHold,
        C::kChase}},
      {S::kChased,
       {C::kAccept, C::kDispute, C::kRecordCompliance, C::kDecline, C::kReschedule, C::kHold,
        C::kEscalate}},
      {S::kEscalated,
       {C::kAccept, C::kDispute, C::kRecordCompliance, C::kDecline, C::kReschedule, C::kHold,
        C::kRecordNotComplied}},
      {S::kHeld, {C::kRecordCompliance, C::kSupersede, C::kCarryOver, C::kCancel}},
      {S::kComplied, {C::kCarryOver}},
      {S::kDeclined, {C::kCarryOver}},
      {S::kNotComplied, {C::kRecordCompliance}},
      {S::kSuperseded, {}},
      {S::kCancelled, {}},
  };
  return *table;
}

// One test per state and command: allowed where the table above says so, forbidden elsewhere.
class TransitionTest : public ::testing::TestWithParam<std::tuple<S, C>> {};

TEST_P(TransitionTest, IsAllowedExactlyWhereTheTableSays) {
  const auto [state, command] = GetParam();
  const bool allowed = Allowed().at(state).count(command) == 1;
  EXPECT_EQ(Allows(state, command), allowed);
  Recommendation r;
  r.state = state;
  const absl::Status checked = CheckAllowed(r, command, "recommendations/a");
  if (allowed) {
    EXPECT_TRUE(checked.ok()) << checked;
  } else {
    EXPECT_EQ(checked.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_EQ(ErrorReasonOf(checked), "INVALID_STATE_TRANSITION");
  }
}

std::string TransitionName(const ::testing::TestParamInfo<std::tuple<S, C>>& info) {
  std::string name = std::string(RecommendationStateName(std::get<0>(info.param))) + "_" +
                     std::string(CommandName(std::get<1>(info.param)));
  for (char& c : name) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(EveryStateAndCommand, TransitionTest,
                         ::testing::Combine(::testing::ValuesIn(kAllRecommendationStates),
                                            ::testing::ValuesIn(kAllRecommendationCommands)),
                         TransitionName);

TEST(RecommendationStateTest, TheTableCoversEveryState) {
  EXPECT_EQ(Allowed().size(), std::size(kAllRecommendationStates));
}

TEST(RecommendationStateTest, ForbiddenTransitionNamesTheState) {
  Recommendation r;
  r.state = S::kComplied;
  absl::Status status = CheckAllowed(r, C::kDecline, "recommendations/a");
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(), "recommendations/a: cannot decline while the state is COMPLIED");
}

TEST(RecommendationStateTest, OnlyTheFollowedUpStatesHaveANextStep) {
  for (S state : kAllRecommendationStates) {
    EXPECT_EQ(NextFollowUp(state).has_value(), IsFollowedUp(state))
        << RecommendationStateName(state);
  }
  EXPECT_FALSE(IsFollowedUp(S::kHeld));  // held: never chased
  EXPECT_TRUE(IsOpen(S::kHeld));         // but not settled either
  EXPECT_FALSE(IsOpen(S::kNotComplied));
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
