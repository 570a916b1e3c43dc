// Service tests, through the generated stub, of the follow-up one step at a time after an outage,
// evidence recorded after NOT_COMPLIED, the compliance report as at a date, and
// ListNonCompliance (with its invalid input).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/proto_time.h"
#include "services/remedy/api/remedy_service_test_support.h"

namespace redress::remedy::testing {
namespace {

using ::testing::ElementsAre;

constexpr auto kComply = &v1::Remedy::Stub::RecordCompliance;
constexpr auto kReschedule = &v1::Remedy::Stub::RescheduleRecommendation;
constexpr auto kDueActions = &v1::Remedy::Stub::ListDueActions;
constexpr auto kReport = &v1::Remedy::Stub::GetComplianceReport;
constexpr auto kNonCompliance = &v1::Remedy::Stub::ListNonCompliance;
constexpr auto kRender = &v1::Remedy::Stub::RenderCaseSummary;

std::string DateText(const common_v1::Date& date) {
  return absl::StrCat(date.year(), "-", date.month(), "-", date.day());
}

class RemedyServiceReportsTest : public RemedyServiceTest {
 protected:
  v1::ComplianceReport Report(const std::string& organisation, absl::CivilDay as_of) {
    v1::GetComplianceReportRequest request;
    request.set_organisation(organisation);
    *request.mutable_as_of_date() = DateOf(as_of);
    return Ok(kReport, request);
  }
};

// --- Follow-up after an outage. ---

TEST_F(RemedyServiceReportsTest, AfterAnOutageOnlyTheNextStepIsDueAndTaken) {
  const std::vector<v1::Recommendation> created = Receive();
  clock_.SetToday(absl::CivilDay(2026, 3, 31));  // the scheduler has not run since 2 February
  v1::ListDueActionsRequest due;
  due.set_organisation("organisations/hmcts");
  const v1::ListDueActionsResponse before = Ok(kDueActions, due);
  ASSERT_EQ(before.actions_size(), 2);
  EXPECT_EQ(before.actions(0).step().action(), v1::FOLLOW_UP_ACTION_MARK_OVERDUE);
  EXPECT_EQ(before.actions(1).step().action(), v1::FOLLOW_UP_ACTION_CHASE);

  ASSERT_THAT(logic_->RunFollowUp(), redress::testing::IsOk());
  const v1::Recommendation chased = Get(created[0].name());
  EXPECT_EQ(chased.state(), v1::RECOMMENDATION_STATE_CHASED);
  ASSERT_EQ(chased.follow_up_size(), 4);
  EXPECT_EQ(DateText(chased.follow_up(1).due_date()), "2026-3-16");
  EXPECT_EQ(TimeFromProto(chased.follow_up(1).take_time()), clock_.Now());
  EXPECT_EQ(DateText(chased.follow_up(2).due_date()), "2026-4-16");  // 10 working days on
  EXPECT_FALSE(chased.follow_up(2).has_take_time());
  EXPECT_EQ(DateText(chased.follow_up(3).due_date()), "2026-5-15");
}

// --- Evidence after NOT_COMPLIED. ---

TEST_F(RemedyServiceReportsTest, EvidenceAfterNotCompliedIsCompliedWithLateAndDelivered) {
  const std::vector<v1::Recommendation> created = Receive();
  RunFollowUpDailyUntil(absl::CivilDay(2026, 4, 29));
  ASSERT_EQ(Get(created[0].name()).state(), v1::RECOMMENDATION_STATE_NOT_COMPLIED);
  clock_.SetToday(absl::CivilDay(2026, 5, 4));
  const v1::Recommendation late =
      Ok(kComply, ComplianceRequest(created[0].name(), absl::CivilDay(2026, 3, 1)));
  EXPECT_EQ(late.state(), v1::RECOMMENDATION_STATE_COMPLIED);
  EXPECT_FALSE(late.compliance().on_time());  // dated before the target, recorded after failure

  const v1::ComplianceReport report = Report("organisations/hmcts", absl::CivilDay(2026, 5, 4));
  EXPECT_EQ(report.complied_late(), 1);
  EXPECT_EQ(report.not_complied(), 0);
  EXPECT_EQ(Report("organisations/hmcts", absl::CivilDay(2026, 5, 3)).not_complied(), 1);

  cases_.cases["inv1"] = DecidedCaseOf();
  v1::RenderCaseSummaryRequest render;
  render.set_investigation("investigations/inv1");
  EXPECT_THAT(Ok(kRender, render).summary().remedies(), ElementsAre("Apology"));
}

// --- The compliance report as at a date. ---

TEST_F(RemedyServiceReportsTest, TheComplianceReportAnswersAsAtItsDate) {
  const std::vector<v1::Recommendation> created = Receive();
  Ok(kReschedule, RescheduleRequest(created[0].name(), absl::CivilDay(2026, 3, 16)));
  clock_.SetToday(absl::CivilDay(2026, 3, 10));
  Ok(kComply, ComplianceRequest(created[0].name(), absl::CivilDay(2026, 3, 9)));

  const v1::ComplianceReport before = Report("organisations/hmcts", absl::CivilDay(2026, 3, 9));
  EXPECT_EQ(before.outstanding(), 1);
  EXPECT_EQ(before.outstanding_overdue(), 0);  // extended to 16 March
  EXPECT_EQ(before.complied_late(), 0);
  EXPECT_EQ(before.extended(), 1);
  const v1::ComplianceReport after = Report("organisations/hmcts", absl::CivilDay(2026, 3, 10));
  EXPECT_EQ(after.outstanding(), 0);
  EXPECT_EQ(after.complied_on_time(), 0);  // after the 2 March the decision set
  EXPECT_EQ(after.complied_late(), 1);
  EXPECT_EQ(after.complied_late_within_extension(), 1);
  EXPECT_EQ(after.extended(), 1);
  EXPECT_EQ(after.held(), 0);
}

// --- ListNonCompliance. ---

TEST_F(RemedyServiceReportsTest, ListNonComplianceNamesTheOrganisationsRecommendationsAndDates) {
  const std::vector<v1::Recommendation> created = Receive();
  RunFollowUpDailyUntil(absl::CivilDay(2026, 5, 31));
  v1::ListNonComplianceRequest request;
  *request.mutable_start_date() = MakeDate(2026, 4, 1);
  request.set_page_size(1);
  const v1::ListNonComplianceResponse first = Ok(kNonCompliance, request);
  EXPECT_EQ(DateText(first.start_date()), "2026-4-1");
  EXPECT_EQ(DateText(first.end_date()), "2026-5-31");
  ASSERT_EQ(first.entries_size(), 1);
  const v1::NonCompliance& dvla = first.entries(0);
  EXPECT_EQ(dvla.recommendation(), created[1].name());
  EXPECT_EQ(dvla.organisation(), "organisations/dvla");
  EXPECT_EQ(dvla.organisation_published_name(), "Driver and Vehicle Licensing Agency (DVLA)");
  EXPECT_EQ(dvla.investigation(), "investigations/inv1");
  EXPECT_EQ(dvla.decision_sequence(), 1);
  EXPECT_EQ(dvla.type(), common_v1::RECOMMENDATION_TYPE_NON_FINANCIAL_LOSS);
  EXPECT_EQ(dvla.description(), "Pay Mr B £250 for the distress caused.");
  EXPECT_EQ(dvla.amount().amount_minor(), 25000);
  EXPECT_EQ(DateText(dvla.target_date()), "2026-3-2");
  EXPECT_FALSE(dvla.has_extended_target_date());
  EXPECT_EQ(DateText(dvla.chase_date()), "2026-3-16");
  EXPECT_EQ(DateText(dvla.escalation_date()), "2026-3-30");
  EXPECT_EQ(DateText(dvla.not_complied_date()), "2026-4-29");
  ASSERT_FALSE(first.next_page_token().empty());
  request.set_page_token(first.next_page_token());
  const v1::ListNonComplianceResponse second = Ok(kNonCompliance, request);
  ASSERT_EQ(second.entries_size(), 1);
  EXPECT_EQ(second.entries(0).organisation(), "organisations/hmcts");
  EXPECT_TRUE(second.next_page_token().empty());

  v1::ListNonComplianceRequest hmcts;
  hmcts.set_organisation("organisations/hmcts");
  *hmcts.mutable_end_date() = MakeDate(2026, 4, 28);  // before it was recorded
  EXPECT_EQ(Ok(kNonCompliance, hmcts).entries_size(), 0);
}

TEST_F(RemedyServiceReportsTest, ListNonComplianceRefusesBadInput) {
  v1::ListNonComplianceRequest request;
  *request.mutable_start_date() = MakeDate(2026, 2, 30);
  *request.mutable_end_date() = MakeDate(2026, 0, 1);
  ExpectViolations(Fails(kNonCompliance, request), {"start_date", "end_date"});
  request.Clear();
  *request.mutable_start_date() = MakeDate(2026, 5, 2);
  *request.mutable_end_date() = MakeDate(2026, 5, 1);
  request.set_organisation("dvla");
  ExpectViolations(Fails(kNonCompliance, request), {"organisation", "start_date"});
  request.Clear();
  request.set_page_size(-1);
  ExpectViolations(Fails(kNonCompliance, request), {"page_size"});
  request.Clear();
  request.set_page_token("not-a-token");
  ExpectViolations(Fails(kNonCompliance, request), {"page_token"});
}

}  // namespace
}  // namespace redress::remedy::testing
