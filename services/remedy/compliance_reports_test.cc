// GetComplianceReport as at a date: every figure from the history, on time against the target
// date the decision set, extensions apart, late evidence after NOT_COMPLIED, held recommendations.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/remedy/remedy_logic_test_support.h"
#include "services/remedy/state_history.h"

namespace redress::remedy::testing {
namespace {

using ::redress::testing::IsOk;

DecidedRecommendation ApologyNumbered(int n, absl::CivilDay target) {
  DecidedRecommendation r = Apology(target);
  r.recommendation_id = absl::StrCat("r", n);
  r.description = absl::StrCat("Apologise to Mr B for delay ", n, ".");
  return r;
}

class ComplianceReportTest : public RemedyLogicTest {
 protected:
  ComplianceReport ReportAsAt(absl::CivilDay day) {
    absl::StatusOr<ComplianceReport> report =
        logic_.GetComplianceReport("organisations/hmcts", day);
    EXPECT_THAT(report, IsOk());
    return report.ok() ? *report : ComplianceReport();
  }
};

TEST_F(ComplianceReportTest, EveryFigureIsAsTheRecordsStoodAtTheEndOfTheDay) {
  std::vector<Recommendation> r =
      Receive({ApologyNumbered(1, kTarget), ApologyNumbered(2, kTarget)});
  clock_.SetToday(absl::CivilDay(2026, 3, 10));
  ASSERT_THAT(logic_.RecordCompliance({NameOf(r[0]), "Apologised", kTarget, "L1", ""}), IsOk());

  const ComplianceReport before = ReportAsAt(absl::CivilDay(2026, 2, 1));  // not yet received
  EXPECT_EQ(before.outstanding, 0);
  const ComplianceReport day_before = ReportAsAt(absl::CivilDay(2026, 3, 9));
  EXPECT_EQ(day_before.complied_on_time, 0);  // the evidence was recorded on 10 March
  EXPECT_EQ(day_before.outstanding, 2);
  EXPECT_EQ(day_before.outstanding_overdue, 2);
  const ComplianceReport that_day = ReportAsAt(absl::CivilDay(2026, 3, 10));
  EXPECT_EQ(that_day.complied_on_time, 1);
  EXPECT_EQ(that_day.outstanding, 1);

  RunFollowUpDailyUntil(absl::CivilDay(2026, 5, 1));  // r[1] not complied on 29 April
  EXPECT_EQ(ReportAsAt(absl::CivilDay(2026, 4, 28)).not_complied, 0);
  EXPECT_EQ(ReportAsAt(absl::CivilDay(2026, 4, 28)).outstanding, 1);
  EXPECT_EQ(ReportAsAt(absl::CivilDay(2026, 4, 29)).not_complied, 1);
  EXPECT_EQ(ReportAsAt(absl::CivilDay(2026, 4, 29)).outstanding, 0);
  // The same past date gives the same answer however late it is asked.
  EXPECT_EQ(ReportAsAt(absl::CivilDay(2026, 3, 9)).outstanding, 2);
}

TEST_F(ComplianceReportTest, OnTimeIsAgainstTheDecidedTargetDateAndExtensionsAreApart) {
  std::vector<Recommendation> r = Receive(
      {ApologyNumbered(1, kTarget), ApologyNumbered(2, kTarget), ApologyNumbered(3, kTarget)});
  const absl::CivilDay extended(2026, 3, 31);
  ASSERT_THAT(logic_.Reschedule({NameOf(r[1]), extended, "Agreed: records lost", ""}), IsOk());
  ASSERT_THAT(logic_.Reschedule({NameOf(r[2]), extended, "Agreed: staff absent", ""}), IsOk());
  clock_.SetToday(absl::CivilDay(2026, 3, 20));
  ASSERT_THAT(logic_.RecordCompliance({NameOf(r[0]), "Done", kTarget, "L1", ""}), IsOk());
  ASSERT_THAT(logic_.RecordCompliance({NameOf(r[1]), "Done", kTarget + 18, "L2", ""}), IsOk());
  clock_.SetToday(absl::CivilDay(2026, 4, 10));
  ASSERT_THAT(logic_.RecordCompliance({NameOf(r[2]), "Done", extended + 10, "L3", ""}), IsOk());

  const ComplianceReport report = ReportAsAt(absl::CivilDay(2026, 4, 10));
  EXPECT_EQ(report.complied_on_time, 1);
  EXPECT_EQ(report.complied_late, 2);  // r[1] within its extension, r[2] beyond it
  EXPECT_EQ(report.complied_late_within_extension, 1);
  EXPECT_EQ(report.extended, 2);
  // While outstanding, what is overdue goes by the target date in force.
  const ComplianceReport march = ReportAsAt(absl::CivilDay(2026, 3, 15));
  EXPECT_EQ(march.outstanding, 3);
  EXPECT_EQ(march.outstanding_overdue, 1);
  EXPECT_EQ(march.extended, 2);
}

// Rule: evidence recorded after NOT_COMPLIED is complied with late, whatever date it bears.
TEST_F(ComplianceReportTest, EvidenceAfterNotCompliedIsRecordedAndCountsLate) {
  std::vector<Recommendation> r = Receive({Apology(kTarget)});
  RunFollowUpDailyUntil(absl::CivilDay(2026, 4, 29));
  ASSERT_EQ(Get(r[0]).state, RecommendationState::kNotComplied);
  clock_.SetToday(absl::CivilDay(2026, 5, 5));
  absl::StatusOr<Recommendation> late =
      logic_.RecordCompliance({NameOf(r[0]), "Apologised at last", kTarget - 1, "L9", ""});
  ASSERT_THAT(late, IsOk());
  EXPECT_EQ(late->state, RecommendationState::kComplied);
  EXPECT_EQ(TimingOf(*late), ComplianceTiming::kLate);
  EXPECT_EQ(ReportAsAt(absl::CivilDay(2026, 5, 4)).not_complied, 1);
  const ComplianceReport after = ReportAsAt(absl::CivilDay(2026, 5, 5));
  EXPECT_EQ(after.not_complied, 0);
  EXPECT_EQ(after.complied_late, 1);
  EXPECT_EQ(after.complied_on_time, 0);
  // Nothing follows: COMPLIED is final.
  RunFollowUpDailyUntil(absl::CivilDay(2026, 6, 1));
  EXPECT_EQ(Get(r[0]).steps_taken.size(), 4u);
}

TEST_F(ComplianceReportTest, HeldIsCountedApartAndSupersededNotAtAll) {
  std::vector<Recommendation> first =
      Receive({ApologyNumbered(1, kTarget), ApologyNumbered(2, kTarget)});
  clock_.SetToday(absl::CivilDay(2026, 2, 10));
  Reopen();
  const ComplianceReport held = ReportAsAt(absl::CivilDay(2026, 2, 10));
  EXPECT_EQ(held.held, 2);
  EXPECT_EQ(held.outstanding, 0);
  clock_.SetToday(absl::CivilDay(2026, 2, 20));
  Receive({ApologyNumbered(1, kTarget), ApologyNumbered(3, kTarget)}, 2);
  const ComplianceReport after = ReportAsAt(absl::CivilDay(2026, 2, 20));
  EXPECT_EQ(after.held, 0);
  EXPECT_EQ(after.outstanding, 2);  // r1 carried over, r3 new; r2 superseded is not counted
  EXPECT_EQ(ReportAsAt(absl::CivilDay(2026, 2, 15)).held, 2);
}

}  // namespace
}  // namespace redress::remedy::testing
