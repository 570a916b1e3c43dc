// Rendering and publishing case summaries: remedies delivered, the guard, versions.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/remedy/remedy_logic_test_support.h"

namespace redress::remedy::testing {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

class PublishingTest : public RemedyLogicTest {
 protected:
  void SetUp() override {
    DecidedCase c;
    c.investigation_id = "inv1";
    c.complaint = "complaints/c1";
    c.decision_sequence = 1;
    c.jurisdiction = Jurisdiction::kParliamentary;
    c.introduction = {"Mr B complained that HMCTS lost his papers."};
    c.what_happened = {"HMCTS lost the papers."};
    c.what_we_found = {"We partly upheld this complaint."};
    c.putting_it_right = {"HMCTS apologised."};
    c.organisation_published_names = {"HM Courts and Tribunals Service (HMCTS)"};
    c.location = "UK";
    cases_.cases["inv1"] = c;
    PersonOnCase complainant;
    complainant.role = "complainant";
    complainant.title = "Mr";
    complainant.given_name = "Barnaby";
    complainant.family_name = "Bloggs";
    people_.people["complaints/c1"] = {complainant};
  }

  absl::Time Deadline() { return clock_.Now() + absl::Seconds(5); }
};

TEST_F(PublishingTest, RenderListsOnlyTheRemediesDelivered) {
  std::vector<Recommendation> r = Receive({Apology(kTarget), Payment(kTarget, 25000)});
  ASSERT_THAT(logic_.RecordCompliance({NameOf(r[0]), "Apologised", kTarget - 30, "L1", ""}),
              IsOk());
  ASSERT_THAT(logic_.Decline({NameOf(r[1]), "not wanted", std::nullopt, ""}), IsOk());
  absl::StatusOr<RenderedSummary> rendered =
      logic_.RenderCaseSummary("investigations/inv1", Deadline());
  ASSERT_THAT(rendered, IsOk());
  EXPECT_THAT(rendered->summary.remedies, ElementsAre("Apology"));
  EXPECT_THAT(rendered->hits, IsEmpty());
  EXPECT_EQ(cases_.last_deadline, Deadline());
  EXPECT_THAT(rendered->summary.text, HasSubstr("\nUK\nNot applicable\nApology"));
}

TEST_F(PublishingTest, PublishStoresVersionsOnlyWhenTheContentChanges) {
  Receive({});
  absl::StatusOr<CaseSummary> first = logic_.PublishCaseSummary("investigations/inv1", Deadline());
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ(first->version, 1);
  EXPECT_EQ(first->publish_time, clock_.Now());
  clock_.Advance(absl::Hours(1));
  absl::StatusOr<CaseSummary> same = logic_.PublishCaseSummary("investigations/inv1", Deadline());
  ASSERT_THAT(same, IsOk());
  EXPECT_EQ(same->version, 1);
  EXPECT_EQ(same->publish_time, first->publish_time);

  cases_.cases["inv1"].what_happened.push_back("Then it found them.");
  absl::StatusOr<CaseSummary> second = logic_.PublishCaseSummary("investigations/inv1", Deadline());
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(second->version, 2);
  EXPECT_EQ(*logic_.GetCaseSummary("caseSummaries/inv1", 0), *second);
  EXPECT_EQ(*logic_.GetCaseSummary("caseSummaries/inv1", 1), *first);
  EXPECT_THAT(logic_.GetCaseSummary("caseSummaries/inv1", 3).status(),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(logic_.GetCaseSummary("caseSummaries/inv9", 0).status(),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(logic_.GetCaseSummary("summaries/inv1", -1).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(PublishingTest, PublishIsRefusedWhileTheNarrativeNamesAPerson) {
  Receive({});
  cases_.cases["inv1"].what_happened = {"HMCTS wrote to Mr Bloggs twice.",
                                        "Nothing else happened."};
  absl::StatusOr<RenderedSummary> rendered =
      logic_.RenderCaseSummary("investigations/inv1", Deadline());
  ASSERT_THAT(rendered, IsOk());  // a preview shows the hits
  ASSERT_EQ(rendered->hits.size(), 1u);

  absl::StatusOr<CaseSummary> refused =
      logic_.PublishCaseSummary("investigations/inv1", Deadline());
  EXPECT_THAT(refused.status(), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReasonOf(refused.status()), "PERSONAL_DATA_IN_SUMMARY");
  std::vector<PreconditionViolation> violations = PreconditionViolationsOf(refused.status());
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].type, "PERSONAL_DATA");
  EXPECT_EQ(violations[0].subject, "narrative.what_happened[0]");
  EXPECT_EQ(violations[0].description, "offset 18: the complainant's family_name");
  EXPECT_THAT(std::string(refused.status().message()), Not(HasSubstr("Bloggs")));
  EXPECT_THAT(logic_.GetCaseSummary("caseSummaries/inv1", 0).status(),
              StatusIs(absl::StatusCode::kNotFound));

  cases_.cases["inv1"].what_happened[0] = "HMCTS wrote to Mr B twice.";
  EXPECT_THAT(logic_.PublishCaseSummary("investigations/inv1", Deadline()), IsOk());
}

TEST_F(PublishingTest, PublishWaitsForTheDecisionAndForEveryRecommendationToClose) {
  absl::StatusOr<CaseSummary> early = logic_.PublishCaseSummary("investigations/inv1", Deadline());
  EXPECT_THAT(early.status(), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReasonOf(early.status()), "DECISION_NOT_RECEIVED");

  std::vector<Recommendation> r = Receive({Apology(kTarget), Payment(kTarget, 100)});
  ASSERT_THAT(logic_.RecordCompliance({NameOf(r[0]), "Apologised", kTarget - 30, "L1", ""}),
              IsOk());
  absl::StatusOr<CaseSummary> open = logic_.PublishCaseSummary("investigations/inv1", Deadline());
  EXPECT_EQ(ErrorReasonOf(open.status()), "RECOMMENDATIONS_OPEN");
  std::vector<PreconditionViolation> violations = PreconditionViolationsOf(open.status());
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].subject, NameOf(r[1]));
  ASSERT_THAT(logic_.RecordCompliance({NameOf(r[1]), "Paid", kTarget - 30, "P1", ""}), IsOk());
  absl::StatusOr<CaseSummary> published =
      logic_.PublishCaseSummary("investigations/inv1", Deadline());
  ASSERT_THAT(published, IsOk());
  EXPECT_THAT(published->remedies, ElementsAre("Apology", "Compensation for non-financial loss"));
}

TEST_F(PublishingTest, PeerErrorsAndBadNamesPassThrough) {
  EXPECT_THAT(logic_.RenderCaseSummary("investigations/missing", Deadline()).status(),
              StatusIs(absl::StatusCode::kNotFound));
  cases_.error = absl::UnavailableError("investigation is down");
  EXPECT_THAT(logic_.PublishCaseSummary("investigations/inv1", Deadline()).status(),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(logic_.RenderCaseSummary("inv1", Deadline()).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace redress::remedy::testing
