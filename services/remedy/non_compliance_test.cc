// ListNonCompliance: the recommendations organisations did not comply with, for the report to
// Parliament, as at the end of a period, by organisation, with their dates.
#include <optional>
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
using ::testing::IsEmpty;
using ::testing::Optional;

constexpr absl::CivilDay kNotComplied(2026, 4, 29);  // for a target date of 2 March
constexpr absl::CivilDay kExtended(2026, 3, 9);
constexpr absl::CivilDay kExtendedNotComplied(2026, 5, 7);  // for a target date of 9 March

// A report request for the period [start_date, end_date], each optional.
NonComplianceRequest Period(std::optional<absl::CivilDay> start_date,
                            std::optional<absl::CivilDay> end_date, std::string organisation = "",
                            int page_size = 0, std::string page_token = "") {
  NonComplianceRequest request;
  request.start_date = start_date;
  request.end_date = end_date;
  request.organisation = std::move(organisation);
  request.page_size = page_size;
  request.page_token = std::move(page_token);
  return request;
}

class NonComplianceTest : public RemedyLogicTest {
 protected:
  // inv1: an apology from HMCTS and a payment from the DVLA, due 2 March; inv2: an apology from
  // HMCTS due 2 March, extended to 9 March. None is complied with; the scheduler runs daily to
  // 31 May.
  void SetUp() override {
    DecidedRecommendation payment = Payment(kTarget, 25000);
    payment.organisation_id = "dvla";
    inv1_ = Receive({Apology(kTarget), payment});
    inv2_ = Receive({Apology(kTarget)}, 1, "inv2");
    ASSERT_THAT(logic_.Reschedule({NameOf(inv2_[0]), kExtended, "Agreed: staff absent", ""}),
                IsOk());
    RunFollowUpDailyUntil(absl::CivilDay(2026, 5, 31));
  }

  NonCompliancePage List(NonComplianceRequest request) {
    absl::StatusOr<NonCompliancePage> page = logic_.ListNonCompliance(request);
    EXPECT_THAT(page, IsOk());
    return page.ok() ? *page : NonCompliancePage();
  }

  static std::vector<std::string> IdsOf(const NonCompliancePage& page) {
    std::vector<std::string> ids;
    for (const NonCompliance& entry : page.entries) ids.push_back(entry.recommendation.id);
    return ids;
  }

  std::vector<Recommendation> inv1_;
  std::vector<Recommendation> inv2_;
};

TEST_F(NonComplianceTest, ListsWhatWasNotCompliedWithByOrganisationWithItsDates) {
  const NonCompliancePage page = List({});
  EXPECT_EQ(page.end_date, absl::CivilDay(2026, 5, 31));  // today
  EXPECT_FALSE(page.start_date.has_value());
  // The DVLA first (by organisation), then HMCTS's in the order they were recorded.
  EXPECT_THAT(IdsOf(page), ElementsAre(inv1_[1].id, inv1_[0].id, inv2_[0].id));
  const NonCompliance& payment = page.entries[0];
  EXPECT_EQ(payment.recommendation.organisation_id, "dvla");
  EXPECT_EQ(payment.decided_target_date, kTarget);
  EXPECT_FALSE(payment.extended_target_date.has_value());
  EXPECT_THAT(payment.chase_date, Optional(absl::CivilDay(2026, 3, 16)));
  EXPECT_THAT(payment.escalation_date, Optional(absl::CivilDay(2026, 3, 30)));
  EXPECT_EQ(payment.not_complied_date, kNotComplied);
  const NonCompliance& extended = page.entries[2];
  EXPECT_EQ(extended.decided_target_date, kTarget);
  EXPECT_THAT(extended.extended_target_date, Optional(kExtended));
  EXPECT_EQ(extended.not_complied_date, kExtendedNotComplied);
  EXPECT_TRUE(page.next_page_token.empty());
}

TEST_F(NonComplianceTest, ThePeriodBoundsTheDayRecordedAndItsEndIsTheDateAsAt) {
  EXPECT_THAT(IdsOf(List(Period(absl::CivilDay(2026, 5, 1), std::nullopt))),
              ElementsAre(inv2_[0].id));
  EXPECT_THAT(IdsOf(List(Period(std::nullopt, absl::CivilDay(2026, 4, 30)))),
              ElementsAre(inv1_[1].id, inv1_[0].id));
  EXPECT_THAT(IdsOf(List(Period(std::nullopt, kNotComplied - 1))), IsEmpty());
  EXPECT_THAT(IdsOf(List(Period(kNotComplied, kNotComplied))),
              ElementsAre(inv1_[1].id, inv1_[0].id));
}

TEST_F(NonComplianceTest, ComplianceAfterwardsLeavesItOutOfReportsAsAtLaterDaysOnly) {
  clock_.SetToday(absl::CivilDay(2026, 6, 2));
  ASSERT_THAT(
      logic_.RecordCompliance({NameOf(inv1_[1]), "Paid", absl::CivilDay(2026, 6, 1), "P1", ""}),
      IsOk());
  EXPECT_THAT(IdsOf(List({})), ElementsAre(inv1_[0].id, inv2_[0].id));
  EXPECT_THAT(IdsOf(List(Period(std::nullopt, absl::CivilDay(2026, 6, 1)))),
              ElementsAre(inv1_[1].id, inv1_[0].id, inv2_[0].id));
}

TEST_F(NonComplianceTest, FiltersOnAnOrganisationAndPagesInOrder) {
  EXPECT_THAT(IdsOf(List(Period(std::nullopt, std::nullopt, "organisations/hmcts"))),
              ElementsAre(inv1_[0].id, inv2_[0].id));
  NonComplianceRequest request = Period(std::nullopt, std::nullopt, "", 2, "");
  const NonCompliancePage first = List(request);
  EXPECT_THAT(IdsOf(first), ElementsAre(inv1_[1].id, inv1_[0].id));
  ASSERT_FALSE(first.next_page_token.empty());
  request.page_token = first.next_page_token;
  const NonCompliancePage second = List(request);
  EXPECT_THAT(IdsOf(second), ElementsAre(inv2_[0].id));
  EXPECT_TRUE(second.next_page_token.empty());
  // A token belongs to its dates and organisation.
  request.organisation = "organisations/hmcts";
  EXPECT_THAT(logic_.ListNonCompliance(request).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(NonComplianceTest, RejectsBadInputNamingEveryField) {
  absl::StatusOr<NonCompliancePage> bad = logic_.ListNonCompliance(
      {absl::CivilDay(2026, 5, 2), absl::CivilDay(2026, 5, 1), "hmcts", 0, ""});
  EXPECT_THAT(bad.status(), StatusIs(absl::StatusCode::kInvalidArgument));
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(bad.status())) fields.push_back(v.field);
  EXPECT_THAT(fields, ElementsAre("organisation", "start_date"));
  EXPECT_THAT(logic_.ListNonCompliance({std::nullopt, std::nullopt, "", -1, ""}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(logic_.ListNonCompliance({std::nullopt, std::nullopt, "", 0, "garbage"}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace redress::remedy::testing
