// The remedies of a published summary are those the organisation delivered: a remedy complied
// with before a review reopened the case stays, and one complied with late, after NOT_COMPLIED,
// counts.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/remedy/remedy_logic_test_support.h"

namespace redress::remedy::testing {
namespace {

using ::redress::testing::IsOk;
using ::testing::ElementsAre;

class PublishedRemediesTest : public RemedyLogicTest {
 protected:
  void SetUp() override {
    DecidedCase c;
    c.investigation_id = "inv1";
    c.complaint = "complaints/c1";
    c.decision_sequence = 1;
    c.what_happened = {"HMCTS lost the papers."};
    c.what_we_found = {"We upheld this complaint."};
    c.organisation_published_names = {"HM Courts and Tribunals Service (HMCTS)"};
    cases_.cases["inv1"] = c;
  }

  absl::StatusOr<CaseSummary> Publish() {
    return logic_.PublishCaseSummary("investigations/inv1", clock_.Now() + absl::Seconds(5));
  }
};

TEST_F(PublishedRemediesTest, ARemedyCompliedWithBeforeTheReopeningStaysInTheFooter) {
  std::vector<Recommendation> first = Receive({Apology(kTarget), Payment(kTarget, 25000)});
  ASSERT_THAT(logic_.RecordCompliance({NameOf(first[0]), "Apologised", kTarget - 30, "L1", ""}),
              IsOk());
  ASSERT_TRUE(logic_.ReceiveReopening(Reopening("inv1", 1)).ok());
  // The second decision asks only for a different payment, which is then declined.
  DecidedRecommendation other = Payment(kTarget + 30, 30000);
  other.recommendation_id = "r3";
  std::vector<Recommendation> second = Receive({other}, 2);
  ASSERT_THAT(logic_.Decline({NameOf(second[0]), "not wanted", std::nullopt, ""}), IsOk());
  cases_.cases["inv1"].decision_sequence = 2;
  absl::StatusOr<CaseSummary> published = Publish();
  ASSERT_THAT(published, IsOk());
  EXPECT_THAT(published->remedies, ElementsAre("Apology"));
  EXPECT_EQ(published->decision_sequence, 2);
}

TEST_F(PublishedRemediesTest, ARepeatedRemedyCompliedWithIsNotAskedAgainBeforePublishing) {
  std::vector<Recommendation> first = Receive({Apology(kTarget)});
  ASSERT_THAT(logic_.RecordCompliance({NameOf(first[0]), "Apologised", kTarget - 30, "L1", ""}),
              IsOk());
  ASSERT_TRUE(logic_.ReceiveReopening(Reopening("inv1", 1)).ok());
  Receive({Apology(kTarget)}, 2);  // carried over, complied with: nothing is open
  cases_.cases["inv1"].decision_sequence = 2;
  absl::StatusOr<CaseSummary> published = Publish();
  ASSERT_THAT(published, IsOk());
  EXPECT_THAT(published->remedies, ElementsAre("Apology"));
}

TEST_F(PublishedRemediesTest, ARemedyCompliedWithLateIsDeliveredWhenPublishedAgain) {
  std::vector<Recommendation> r = Receive({Apology(kTarget)});
  RunFollowUpDailyUntil(absl::CivilDay(2026, 4, 29));
  absl::StatusOr<CaseSummary> first = Publish();  // NOT_COMPLIED is closed: publishable
  ASSERT_THAT(first, IsOk());
  EXPECT_TRUE(first->remedies.empty());
  ASSERT_THAT(
      logic_.RecordCompliance({NameOf(r[0]), "Apologised", absl::CivilDay(2026, 4, 29), "L1", ""}),
      IsOk());
  absl::StatusOr<CaseSummary> again = Publish();
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->version, 2);
  EXPECT_THAT(again->remedies, ElementsAre("Apology"));
}

}  // namespace
}  // namespace redress::remedy::testing
