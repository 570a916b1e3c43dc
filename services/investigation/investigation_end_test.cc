// WithdrawInvestigation and DiscontinueInvestigation: the ending recorded with its reason and
// date, an open hold closed, remedy told only when it holds a decision of the case, retries, and
// bad requests. Which states allow them is investigation_state_test.cc's.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "services/investigation/investigation_logic_test_support.h"

namespace redress::investigation {
namespace {

using redress::testing::IsOk;
using redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::kToday;
using testing::ViolatedFields;

class InvestigationEndTest : public testing::InvestigationLogicTest {
 protected:
  // A decided investigation reopened on review: remedy holds its first decision.
  Investigation Reopened() {
    Investigation reviewed = UnderReview();
    return Ok(logic_.DecideReview(
        {reviewed.name(), ReviewOutcome::kReopened, "Part was overlooked.", std::nullopt, ""}));
  }
};

TEST_F(InvestigationEndTest, AWithdrawalRecordsItsReasonAndDate) {
  Investigation i = Investigating();
  clock_.SetToday(kToday + 3);
  EndInvestigationCommand command = EndCommand(i, "Mr B has settled with Cafcass directly.");
  command.end_date = kToday + 1;  // a letter received two days ago
  Investigation withdrawn = Ok(logic_.WithdrawInvestigation(command));
  EXPECT_EQ(withdrawn.state, InvestigationState::kWithdrawn);
  ASSERT_TRUE(withdrawn.ending.has_value());
  EXPECT_EQ(withdrawn.ending->reason, "Mr B has settled with Cafcass directly.");
  EXPECT_EQ(withdrawn.ending->end_date, kToday + 1);
  EXPECT_EQ(withdrawn.ending->record_time, withdrawn.update_time);
  EXPECT_EQ(withdrawn.points, i.points);  // the record is kept as it was
  EXPECT_EQ(Ok(logic_.GetInvestigation(i.name())), withdrawn);
}

TEST_F(InvestigationEndTest, ADiscontinuanceDefaultsToToday) {
  Investigation discontinued =
      Ok(logic_.DiscontinueInvestigation(EndCommand(Shared(), "No worthwhile outcome remains.")));
  EXPECT_EQ(discontinued.state, InvestigationState::kDiscontinued);
  EXPECT_EQ(discontinued.ending->end_date, kToday);
  EXPECT_EQ(discontinued.ending->reason, "No worthwhile outcome remains.");
}

TEST_F(InvestigationEndTest, ACaseNeverDecidedEndsWithoutTellingRemedy) {
  Investigation shared = Shared();
  const int writes = store_.successful_writes();
  Ok(logic_.WithdrawInvestigation(EndCommand(shared)));
  EXPECT_EQ(store_.successful_writes(), writes + 1);
  EXPECT_TRUE(store_.outbox().empty());
}

TEST_F(InvestigationEndTest, AReopenedCaseThatEndsIsHandedToRemedyInTheSameWrite) {
  Investigation reopened = Reopened();
  ASSERT_EQ(store_.outbox().size(), 2u);  // the decision and its reopening
  clock_.SetToday(kToday + 4);
  const int writes = store_.successful_writes();
  Investigation ended =
      Ok(logic_.DiscontinueInvestigation(EndCommand(reopened, "The trust has put it right.")));
  EXPECT_EQ(store_.successful_writes(), writes + 1);
  const std::vector<OutboxEntry> outbox = store_.outbox();
  ASSERT_EQ(outbox.size(), 3u);
  ASSERT_TRUE(std::holds_alternative<EndHandoff>(outbox[2].handoff));
  const EndHandoff& end = std::get<EndHandoff>(outbox[2].handoff);
  EXPECT_EQ(end.handoff_key, reopened.name() + "/end");
  EXPECT_EQ(end.investigation_id, reopened.id);
  EXPECT_EQ(end.complaint, reopened.complaint.complaint);
  EXPECT_EQ(end.state, InvestigationState::kDiscontinued);
  EXPECT_EQ(end.reason, "The trust has put it right.");
  EXPECT_EQ(end.end_date, kToday + 4);
  EXPECT_EQ(end.decisions_issued, 1);
  EXPECT_EQ(end.end_time, ended.update_time);
  EXPECT_EQ(outbox[2].create_time, ended.update_time);
  EXPECT_EQ(ended.previous_decisions.size(), 1u);  // the reopened decision stays in the record
}

TEST_F(InvestigationEndTest, AnOpenHoldEndsTheDayBefore) {
  Investigation held = OnHold();  // on hold since 5 days ago
  clock_.SetToday(kToday + 2);
  Investigation withdrawn = Ok(logic_.WithdrawInvestigation(EndCommand(held)));
  ASSERT_EQ(withdrawn.holds.size(), 1u);
  EXPECT_EQ(withdrawn.holds[0].end_date, kToday + 1);
  // A hold that began the day it ended holds that one day.
  Investigation same_day =
      Ok(logic_.PutOnHold({Investigating().name(), "Waiting", kToday + 2, ""}));
  EXPECT_EQ(Ok(logic_.WithdrawInvestigation(EndCommand(same_day))).holds[0].end_date, kToday + 2);
}

TEST_F(InvestigationEndTest, ARetryGetsTheEndedInvestigationAndWritesNothing) {
  Investigation reopened = Reopened();
  Investigation ended = Ok(logic_.WithdrawInvestigation(EndCommand(reopened)));
  const int writes = store_.successful_writes();
  EXPECT_EQ(Ok(logic_.WithdrawInvestigation(EndCommand(reopened))), ended);
  EndInvestigationCommand dated = EndCommand(reopened);
  dated.end_date = kToday;
  dated.etag = std::to_string(reopened.version);  // the etag it was first sent with
  EXPECT_EQ(Ok(logic_.WithdrawInvestigation(dated)), ended);
  EXPECT_EQ(store_.successful_writes(), writes);
  EXPECT_EQ(store_.outbox().size(), 3u);

  // Anything else is a request the state refuses.
  EXPECT_THAT(logic_.WithdrawInvestigation(EndCommand(reopened, "Another reason.")),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("WITHDRAWN")));
  dated.end_date = kToday - 1;
  dated.etag = "";
  EXPECT_THAT(logic_.WithdrawInvestigation(dated), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(logic_.DiscontinueInvestigation(EndCommand(reopened)),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(InvestigationEndTest, BadRequestsReportEveryField) {
  Investigation i = Investigating();
  EndInvestigationCommand command{"investigations/", " ", kToday + 1, ""};
  absl::StatusOr<Investigation> result = logic_.WithdrawInvestigation(command);
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(result.status()), ElementsAre("name", "reason", "end_date"));
  command = EndCommand(i, std::string(2001, 'x'));
  EXPECT_THAT(ViolatedFields(logic_.DiscontinueInvestigation(command).status()),
              ElementsAre("reason"));
  EXPECT_THAT(logic_.WithdrawInvestigation({"investigations/nope", "Gone.", std::nullopt, ""}),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(Ok(logic_.GetInvestigation(i.name())).state, InvestigationState::kInvestigating);
}

TEST_F(InvestigationEndTest, AnEndIsNotDatedBeforeTheInvestigationOrItsHold) {
  Investigation i = Investigating();  // opened today
  EndInvestigationCommand command = EndCommand(i);
  command.end_date = kToday - 1;
  absl::StatusOr<Investigation> early = logic_.WithdrawInvestigation(command);
  EXPECT_THAT(early, StatusIs(absl::StatusCode::kInvalidArgument,
                              HasSubstr("before the investigation was opened")));
  EXPECT_THAT(ViolatedFields(early.status()), ElementsAre("end_date"));

  clock_.SetToday(kToday + 10);
  Investigation held = Ok(logic_.PutOnHold({i.name(), "Waiting", kToday + 8, ""}));
  command = EndCommand(held);
  command.end_date = kToday + 7;
  EXPECT_THAT(logic_.DiscontinueInvestigation(command),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("before the hold began")));
}

TEST_F(InvestigationEndTest, AStaleEtagIsAborted) {
  Investigation i = Investigating();
  EndInvestigationCommand command = EndCommand(i);
  command.etag = std::to_string(i.version - 1);
  EXPECT_THAT(logic_.WithdrawInvestigation(command), StatusIs(absl::StatusCode::kAborted));
  command.etag = std::to_string(i.version);
  EXPECT_THAT(logic_.WithdrawInvestigation(command), IsOk());
}

}  // namespace
}  // namespace redress::investigation
