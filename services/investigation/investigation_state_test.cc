// The investigation state machine: the table itself, and every allowed and every forbidden
// (state, action) pair through InvestigationLogic.
#include "services/investigation/investigation_state.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include "services/investigation/investigation_logic_test_support.h"

namespace redress::investigation {
namespace {

using redress::testing::IsOk;
using redress::testing::StatusIs;
using ::testing::HasSubstr;
using testing::InvestigationLogicTest;
using testing::kToday;
using testing::PreconditionViolationOf;
using A = InvestigationAction;
using S = InvestigationState;

// The specification, written out independently of the table under test: every allowed pair and
// the state it leads to (for Resume, from a hold put on while INVESTIGATING; for DecideReview,
// when the decision stands). Every pair not listed is forbidden; WITHDRAWN and DISCONTINUED allow
// nothing.
const std::map<std::pair<S, A>, S>& Allowed() {
  static const auto* const allowed = new std::map<std::pair<S, A>, S>{
      {{S::kUnassigned, A::kAssignCaseworker}, S::kAssigned},
      {{S::kUnassigned, A::kWithdraw}, S::kWithdrawn},
      {{S::kUnassigned, A::kDiscontinue}, S::kDiscontinued},
      {{S::kAssigned, A::kAssignCaseworker}, S::kAssigned},
      {{S::kAssigned, A::kWithdraw}, S::kWithdrawn},
      {{S::kAssigned, A::kDiscontinue}, S::kDiscontinued},
      {{S::kAssigned, A::kAgreeScope}, S::kInvestigating},
      {{S::kAssigned, A::kLogEvidence}, S::kAssigned},
      {{S::kAssigned, A::kPutOnHold}, S::kOnHold},
      {{S::kInvestigating, A::kAssignCaseworker}, S::kInvestigating},
      {{S::kInvestigating, A::kAgreeScope}, S::kInvestigating},
      {{S::kInvestigating, A::kWithdraw}, S::kWithdrawn},
      {{S::kInvestigating, A::kDiscontinue}, S::kDiscontinued},
      {{S::kInvestigating, A::kLogEvidence}, S::kInvestigating},
      {{S::kInvestigating, A::kPutOnHold}, S::kOnHold},
      {{S::kInvestigating, A::kRecordFinding}, S::kInvestigating},
      {{S::kInvestigating, A::kUpdate}, S::kInvestigating},
      {{S::kInvestigating, A::kUpdatePublication}, S::kInvestigating},
      {{S::kInvestigating, A::kShareProvisionalView}, S::kProvisionalViewShared},
      {{S::kOnHold, A::kAssignCaseworker}, S::kOnHold},
      {{S::kOnHold, A::kLogEvidence}, S::kOnHold},
      {{S::kOnHold, A::kResume}, S::kInvestigating},
      {{S::kOnHold, A::kWithdraw}, S::kWithdrawn},
      {{S::kOnHold, A::kDiscontinue}, S::kDiscontinued},
      {{S::kProvisionalViewShared, A::kAssignCaseworker}, S::kProvisionalViewShared},
      {{S::kProvisionalViewShared, A::kAgreeScope}, S::kProvisionalViewShared},
      {{S::kProvisionalViewShared, A::kShareProvisionalView}, S::kProvisionalViewShared},
      {{S::kProvisionalViewShared, A::kWithdraw}, S::kWithdrawn},
      {{S::kProvisionalViewShared, A::kDiscontinue}, S::kDiscontinued},
      {{S::kProvisionalViewShared, A::kLogEvidence}, S::kProvisionalViewShared},
      {{S::kProvisionalViewShared, A::kPutOnHold}, S::kOnHold},
      {{S::kProvisionalViewShared, A::kRecordFinding}, S::kProvisionalViewShared},
      {{S::kProvisionalViewShared, A::kUpdate}, S::kProvisionalViewShared},
      {{S::kProvisionalViewShared, A::kUpdatePublication}, S::kProvisionalViewShared},
      {{S::kProvisionalViewShared, A::kLogComment}, S::kProvisionalViewShared},
      {{S::kProvisionalViewShared, A::kIssueFinalDecision}, S::kDecided},
      {{S::kDecided, A::kRequestReview}, S::kUnderReview},
      {{S::kDecided, A::kUpdatePublication}, S::kDecided},
      {{S::kUnderReview, A::kDecideReview}, S::kDecided},
  };
  return *allowed;
}

std::string ActionTestName(A action) {
  std::string name;
  bool upper = true;
  for (char c : std::string(InvestigationActionName(action))) {
    if (c == ' ') {
      upper = true;
    } else {
      name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
  }
  return name;
}

TEST(InvestigationStateTableTest, AllowsExactlyTheSpecifiedPairs) {
  for (S state : kAllStates) {
    for (A action : kAllActions) {
      auto expected = Allowed().find({state, action});
      std::vector<S> after = StatesAfter(state, action);
      SCOPED_TRACE(absl::StrCat(std::string(InvestigationStateName(state)), " ",
                                std::string(InvestigationActionName(action))));
      EXPECT_EQ(IsActionAllowed(state, action), expected != Allowed().end());
      if (expected != Allowed().end()) {
        EXPECT_THAT(after, ::testing::Contains(expected->second));
      }
    }
  }
}

TEST(InvestigationStateTableTest, ResumeReturnsToEachStateAHoldCanBePutFrom) {
  EXPECT_THAT(StatesAfter(S::kOnHold, A::kResume),
              ::testing::ElementsAre(S::kAssigned, S::kInvestigating, S::kProvisionalViewShared));
  for (S from : kAllStates) {
    const bool can_hold = IsActionAllowed(from, A::kPutOnHold);
    EXPECT_EQ(can_hold, from == S::kAssigned || from == S::kInvestigating ||
                            from == S::kProvisionalViewShared);
  }
}

TEST(InvestigationStateTableTest, DecideReviewStandsOrReopens) {
  EXPECT_THAT(StatesAfter(S::kUnderReview, A::kDecideReview),
              ::testing::ElementsAre(S::kDecided, S::kInvestigating));
}

TEST(InvestigationStateTableTest, TransitionRefusesAChoiceTheTableDoesNotAllow) {
  Investigation i;
  i.id = "x1";
  i.state = S::kOnHold;
  EXPECT_THAT(Transition(i, A::kResume, S::kDecided), StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(Transition(i, A::kResume, S::kAssigned), IsOk());
}

TEST(InvestigationStateTableTest, ForbiddenTransitionNamesTheStateAndResource) {
  Investigation i;
  i.id = "x1";
  i.state = S::kDecided;
  absl::Status status = CheckTransition(i, A::kRecordFinding);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("DECIDED")));
  EXPECT_EQ(ErrorReasonOf(status), redress::reason::kInvalidStateTransition);
  EXPECT_EQ(PreconditionViolationOf(status).type, "STATE");
  EXPECT_EQ(PreconditionViolationOf(status).subject, "investigations/x1");
}

class TransitionTest : public InvestigationLogicTest,
                       public ::testing::WithParamInterface<std::tuple<S, A>> {
 protected:
  Investigation InState(S state) {
    switch (state) {
      case S::kUnassigned:
        return Opened();
      case S::kAssigned:
        return Assigned();
      case S::kInvestigating:
        return Investigating();
      case S::kOnHold:
        return OnHold();
      case S::kProvisionalViewShared:
        return Shared();
      case S::kDecided:
        return Decided();
      case S::kUnderReview:
        return UnderReview();
      case S::kWithdrawn:
        return Withdrawn();
      case S::kDiscontinued:
        return Discontinued();
    }
    return Investigation();
  }

  // `action` with a request valid in itself, so only the state can refuse it.
  absl::StatusOr<Investigation> Run(A action, const Investigation& i) {
    switch (action) {
      case A::kAssignCaseworker:
        return logic_.AssignCaseworker(i.name(), "cw-2", "");
      case A::kAgreeScope:
        return logic_.AgreeScope(ScopeCommand(i, kToday, 40));
      case A::kLogEvidence:
        return logic_.LogEvidence(
            {i.name(), "ev-1", "fp-ev-1", "Case notes", Party::kOrganisation, kToday - 1});
      case A::kPutOnHold:
        return logic_.PutOnHold({i.name(), "Waiting for the complainant", std::nullopt, ""});
      case A::kResume:
        return logic_.ResumeInvestigation({i.name(), std::nullopt, ""});
      case A::kRecordFinding:
        return logic_.RecordFinding({i.name(), "cp1", testing::Upheld(), ""});
      case A::kUpdate: {  // a field that is not published: fixed once decided
        Investigation patch;
        return logic_.UpdateInvestigation(i.name(), patch, {"complaint_handling_findings"}, "");
      }
      case A::kUpdatePublication: {
        Investigation patch;
        patch.location = "England";
        return logic_.UpdateInvestigation(i.name(), patch, {"location"}, "");
      }
      case A::kShareProvisionalView:
        return logic_.ShareProvisionalView(ShareCommand(i, kToday, 10));
      case A::kLogComment:
        return logic_.LogComment(CommentCommand(i, Party::kComplainant, "comment-1"));
      case A::kIssueFinalDecision:
        return logic_.IssueFinalDecision({i.name(), std::nullopt, ""});
      case A::kRequestReview:
        return logic_.RequestReview(ReviewCommand(i, "review-2"));
      case A::kDecideReview:
        return logic_.DecideReview({i.name(), ReviewOutcome::kDecisionStands,
                                    "The new email does not change the finding.", std::nullopt,
                                    ""});
      // Reasons unlike those the builders end with, so that an ended investigation cannot take
      // the request for a retry of the one that ended it (end_test.cc tests retries).
      case A::kWithdraw:
        return logic_.WithdrawInvestigation(EndCommand(i, "Mr B has moved abroad."));
      case A::kDiscontinue:
        return logic_.DiscontinueInvestigation(EndCommand(i, "The trust has put things right."));
    }
    return absl::InternalError("unknown action");
  }
};

TEST_P(TransitionTest, AllowedOrRefusedAsSpecified) {
  const auto [state, action] = GetParam();
  Investigation before = InState(state);
  ASSERT_EQ(before.state, state);
  const int writes = store_.successful_writes();
  const size_t outbox = store_.outbox().size();
  absl::StatusOr<Investigation> after = Run(action, before);
  auto allowed = Allowed().find({state, action});
  if (allowed != Allowed().end()) {
    ASSERT_THAT(after, IsOk());
    EXPECT_EQ(after->state, allowed->second);
    EXPECT_EQ(after->version, before.version + 1);
    EXPECT_EQ(*logic_.GetInvestigation(before.name()), *after);
    return;
  }
  if (state == S::kDecided && action == A::kIssueFinalDecision) {
    // Not a transition: a retry of the call that decided it gets it unchanged.
    ASSERT_THAT(after, IsOk());
    EXPECT_EQ(*after, before);
    EXPECT_EQ(store_.outbox().size(), outbox);
    return;
  }
  EXPECT_THAT(after, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReasonOf(after.status()), redress::reason::kInvalidStateTransition);
  const testing::PreconditionViolation violation = PreconditionViolationOf(after.status());
  EXPECT_EQ(violation.type, "STATE");
  EXPECT_EQ(violation.subject, before.name());
  EXPECT_THAT(violation.description, HasSubstr(std::string(InvestigationStateName(state))));
  EXPECT_EQ(store_.successful_writes(), writes);
}

INSTANTIATE_TEST_SUITE_P(EveryStateAndAction, TransitionTest,
                         ::testing::Combine(::testing::ValuesIn(kAllStates),
                                            ::testing::ValuesIn(kAllActions)),
                         [](const ::testing::TestParamInfo<std::tuple<S, A>>& info) {
                           return absl::StrCat(
                               std::string(InvestigationStateName(std::get<0>(info.param))), "_",
                               ActionTestName(std::get<1>(info.param)));
                         });

// A hold returns to the state it was put on from, whichever it was.
class ResumeTest : public InvestigationLogicTest, public ::testing::WithParamInterface<S> {};

TEST_P(ResumeTest, ReturnsToTheStateBeforeTheHold) {
  Investigation i = GetParam() == S::kAssigned        ? Assigned()
                    : GetParam() == S::kInvestigating ? Investigating()
                                                      : Shared();
  Investigation held = Ok(logic_.PutOnHold({i.name(), "Waiting", std::nullopt, ""}));
  EXPECT_EQ(held.state, S::kOnHold);
  EXPECT_EQ(held.holds.back().resume_state, GetParam());
  EXPECT_EQ(Ok(logic_.ResumeInvestigation({i.name(), std::nullopt, ""})).state, GetParam());
}

INSTANTIATE_TEST_SUITE_P(EveryHoldableState, ResumeTest,
                         ::testing::Values(S::kAssigned, S::kInvestigating,
                                           S::kProvisionalViewShared),
                         [](const ::testing::TestParamInfo<S>& info) {
                           return std::string(InvestigationStateName(info.param));
                         });

TEST_F(InvestigationLogicTest, DecideReviewReopensToInvestigating) {
  Investigation i = UnderReview();
  Investigation reopened = Ok(logic_.DecideReview(
      {i.name(), ReviewOutcome::kReopened, "Part of the complaint was overlooked.", {}, ""}));
  EXPECT_EQ(reopened.state, S::kInvestigating);
}

}  // namespace
}  // namespace redress::investigation
