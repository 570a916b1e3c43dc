// ListRecommendations' filter and paging, and the compliance report.
#include <string>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/remedy/remedy_logic_test_support.h"

namespace redress::remedy::testing {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A page request that does not narrow by the caller's reach (the scope tests cover that).
ListRequest Page(int page_size, std::string page_token, std::string filter) {
  ListRequest request;
  request.page_size = page_size;
  request.page_token = std::move(page_token);
  request.filter = std::move(filter);
  return request;
}

class ListingTest : public RemedyLogicTest {
 protected:
  void SetUp() override {
    DecidedRecommendation dvla = Payment(absl::CivilDay(2026, 4, 1), 100);
    dvla.organisation_id = "dvla";
    recs_ = Receive({Apology(kTarget), dvla});
    std::vector<Recommendation> other = Receive({Apology(absl::CivilDay(2026, 5, 1))}, 1, "inv2");
    recs_.push_back(other[0]);
  }

  std::vector<std::string> Ids(const std::string& filter) {
    absl::StatusOr<RecommendationPage> page = logic_.ListRecommendations(Page(0, "", filter));
    EXPECT_THAT(page, IsOk()) << filter;
    std::vector<std::string> ids;
    if (page.ok()) {
      for (const Recommendation& r : page->recommendations) ids.push_back(r.id);
    }
    return ids;
  }

  std::vector<Recommendation> recs_;
};

TEST_F(ListingTest, FiltersOnEachField) {
  EXPECT_THAT(Ids(""), ElementsAre(recs_[0].id, recs_[1].id, recs_[2].id));
  EXPECT_THAT(Ids("organisation = \"organisations/dvla\""), ElementsAre(recs_[1].id));
  EXPECT_THAT(Ids("investigation = \"investigations/inv2\""), ElementsAre(recs_[2].id));
  EXPECT_THAT(Ids("target_date < \"2026-04-01\""), ElementsAre(recs_[0].id));
  EXPECT_THAT(Ids("target_date >= \"2026-04-01\" AND target_date <= \"2026-04-30\""),
              ElementsAre(recs_[1].id));
  ASSERT_THAT(logic_.RecordCompliance({NameOf(recs_[0]), "done", kTarget - 30, "D1", ""}), IsOk());
  EXPECT_THAT(Ids("state = COMPLIED"), ElementsAre(recs_[0].id));
  EXPECT_THAT(Ids("state = AWAITING_RESPONSE"), ElementsAre(recs_[1].id, recs_[2].id));
}

TEST_F(ListingTest, OverdueMeansOpenAndPastTheTargetDate) {
  clock_.SetToday(absl::CivilDay(2026, 4, 2));
  EXPECT_THAT(Ids("overdue = true"), ElementsAre(recs_[0].id, recs_[1].id));
  ASSERT_THAT(logic_.RecordCompliance({NameOf(recs_[0]), "done", kTarget - 30, "D1", ""}), IsOk());
  EXPECT_THAT(Ids("overdue = true"), ElementsAre(recs_[1].id));
  EXPECT_THAT(Ids("overdue = true AND state = COMPLIED"), ElementsAre());
  EXPECT_THAT(Ids("overdue = true AND organisation = \"organisations/dvla\""),
              ElementsAre(recs_[1].id));
}

TEST_F(ListingTest, PagesFollowReceiptOrder) {
  absl::StatusOr<RecommendationPage> first = logic_.ListRecommendations(Page(2, "", ""));
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ(first->recommendations.size(), 2u);
  ASSERT_FALSE(first->next_page_token.empty());
  absl::StatusOr<RecommendationPage> second =
      logic_.ListRecommendations(Page(2, first->next_page_token, ""));
  ASSERT_THAT(second, IsOk());
  ASSERT_EQ(second->recommendations.size(), 1u);
  EXPECT_EQ(second->recommendations[0].id, recs_[2].id);
  EXPECT_TRUE(second->next_page_token.empty());
  EXPECT_THAT(
      logic_.ListRecommendations(Page(2, first->next_page_token, "state = ACCEPTED")).status(),
      StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(ListingTest, BadFiltersAreInvalidArguments) {
  for (const char* filter : {"colour = red", "state = OPEN", "state != COMPLIED", "overdue = false",
                             "organisation = \"dvla\"", "target_date < \"2026-13-01\"",
                             "state = ACCEPTED AND", "state = ACCEPTED AND state = DISPUTED"}) {
    absl::StatusOr<RecommendationPage> page = logic_.ListRecommendations(Page(0, "", filter));
    EXPECT_THAT(page.status(), StatusIs(absl::StatusCode::kInvalidArgument)) << filter;
    ASSERT_FALSE(FieldViolationsOf(page.status()).empty()) << filter;
    EXPECT_EQ(FieldViolationsOf(page.status())[0].field, "filter") << filter;
  }
  EXPECT_THAT(logic_.ListRecommendations(Page(-1, "", "")).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(RemedyLogicTest, ComplianceReportCountsEachOutcome) {
  DecidedRecommendation a = Apology(kTarget);
  DecidedRecommendation b = Payment(kTarget, 100);
  DecidedRecommendation c = Apology(kTarget);
  c.recommendation_id = "r3";
  DecidedRecommendation d = Apology(absl::CivilDay(2026, 9, 1));
  d.recommendation_id = "r4";
  DecidedRecommendation e = Apology(kTarget);
  e.recommendation_id = "r5";
  DecidedRecommendation elsewhere = Apology(kTarget);
  elsewhere.recommendation_id = "r6";
  elsewhere.organisation_id = "dvla";
  std::vector<Recommendation> r = Receive({a, b, c, d, e, elsewhere});
  // Each is recorded when it happens, and the scheduler runs every day (one step at a time, each
  // counted from the one before): r[4] reaches NOT_COMPLIED on 29 April.
  clock_.SetToday(kTarget + 1);
  ASSERT_THAT(logic_.RecordCompliance({NameOf(r[0]), "on time", kTarget, "D", ""}), IsOk());
  ASSERT_THAT(logic_.RecordCompliance({NameOf(r[1]), "late", kTarget + 1, "D", ""}), IsOk());
  ASSERT_THAT(logic_.Decline({NameOf(r[2]), "not wanted", std::nullopt, ""}), IsOk());
  RunFollowUpDailyUntil(absl::CivilDay(2026, 6, 1));

  absl::StatusOr<ComplianceReport> report =
      logic_.GetComplianceReport("organisations/hmcts", std::nullopt);
  ASSERT_THAT(report, IsOk());
  EXPECT_EQ(report->as_of_date, absl::CivilDay(2026, 6, 1));
  EXPECT_EQ(report->complied_on_time, 1);
  EXPECT_EQ(report->complied_late, 1);
  EXPECT_EQ(report->declined, 1);
  EXPECT_EQ(report->not_complied, 1);
  EXPECT_EQ(report->outstanding, 1);  // r[3], due in September
  EXPECT_EQ(report->outstanding_overdue, 0);
  report = logic_.GetComplianceReport("organisations/hmcts", absl::CivilDay(2026, 9, 2));
  EXPECT_EQ(report->outstanding_overdue, 1);
  report = logic_.GetComplianceReport("organisations/dvla", std::nullopt);
  EXPECT_EQ(report->not_complied, 1);
  EXPECT_EQ(report->complied_on_time, 0);
  EXPECT_THAT(logic_.GetComplianceReport("dvla", std::nullopt).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("organisations/{id}")));
}

}  // namespace
}  // namespace redress::remedy::testing
