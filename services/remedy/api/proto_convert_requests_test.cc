// Unit tests of remedy's request conversions: every request field reaches its command, ids are
// taken out of their resource names, and what the wire can get wrong is a violation on its
// request path, never a default.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/remedy/api/proto_convert.h"

namespace redress::remedy {
namespace {

namespace v1 = ::redress::remedy::v1;
namespace inv1 = ::redress::investigation::v1;
namespace common_v1 = ::redress::common::v1;

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;

common_v1::Date MakeDate(int year, int month, int day) {
  common_v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

std::vector<std::string> Fields(const FieldViolations& violations) {
  std::vector<std::string> fields;
  for (const FieldViolation& violation : violations.violations()) fields.push_back(violation.field);
  return fields;
}

// --- Requests in. ---

v1::ReceiveDecisionRequest Handoff() {
  v1::ReceiveDecisionRequest request;
  request.set_request_id("investigations/inv3/decisions/2");
  inv1::DecisionIssuedEvent* event = request.mutable_event();
  event->set_handoff_key("investigations/inv3/decisions/2");
  event->set_investigation("investigations/inv3");
  event->set_complaint("complaints/c9");
  *event->mutable_decision()->mutable_decision_date() = MakeDate(2026, 2, 2);
  event->mutable_decision()->set_sequence(2);
  inv1::Recommendation* r = event->add_recommendations();
  r->set_recommendation_id("r2");
  r->set_type(common_v1::RECOMMENDATION_TYPE_FINANCIAL_LOSS);
  r->set_beneficiary(common_v1::BENEFICIARY_OTHER_PERSON);
  r->set_description("Refund the fee.");
  r->mutable_amount()->set_amount_minor(6000);
  r->mutable_amount()->set_currency_code("GBP");
  *r->mutable_target_date() = MakeDate(2026, 3, 2);
  r->set_organisation("organisations/dvla");
  inv1::Recommendation* apology = event->add_recommendations();
  apology->set_recommendation_id("r3");
  apology->set_type(common_v1::RECOMMENDATION_TYPE_APOLOGY);
  apology->set_beneficiary(common_v1::BENEFICIARY_COMPLAINANT);
  *apology->mutable_target_date() = MakeDate(2026, 3, 9);
  inv1::OrganisationInvestigated* org = event->add_organisations();
  org->set_organisation("organisations/dvla");
  org->set_published_name("DVLA");
  return request;
}

TEST(ReceiveDecisionCommandFromProtoTest, TakesEveryFieldAndTheIdsOutOfTheirNames) {
  FieldViolations v;
  const ReceiveDecisionCommand c = ReceiveDecisionCommandFromProto(Handoff(), v);
  EXPECT_THAT(Fields(v), IsEmpty());
  EXPECT_EQ(c.request_id, "investigations/inv3/decisions/2");
  EXPECT_EQ(c.handoff_key, "investigations/inv3/decisions/2");
  EXPECT_EQ(c.investigation_id, "inv3");
  EXPECT_EQ(c.complaint, "complaints/c9");
  EXPECT_EQ(c.decision_sequence, 2);
  EXPECT_EQ(c.decision_date, absl::CivilDay(2026, 2, 2));
  ASSERT_EQ(c.recommendations.size(), 2u);
  const DecidedRecommendation& r = c.recommendations[0];
  EXPECT_EQ(r.recommendation_id, "r2");
  EXPECT_EQ(r.type, RecommendationType::kFinancialLoss);
  EXPECT_EQ(r.beneficiary, Beneficiary::kOtherPerson);
  EXPECT_EQ(r.description, "Refund the fee.");
  EXPECT_EQ(r.amount, (Money{6000, "GBP"}));
  EXPECT_EQ(r.target_date, absl::CivilDay(2026, 3, 2));
  EXPECT_EQ(r.organisation_id, "dvla");
  EXPECT_EQ(c.recommendations[1].amount, std::nullopt);
  EXPECT_EQ(c.recommendations[1].organisation_id, "");  // the first organisation investigated
  ASSERT_EQ(c.organisations.size(), 1u);
  EXPECT_EQ(c.organisations[0].organisation_id, "dvla");
  EXPECT_EQ(c.organisations[0].published_name, "DVLA");
  EXPECT_EQ(c.fingerprint, "");  // the adapter's to set
}

TEST(ReceiveDecisionCommandFromProtoTest, ReportsWhatCannotBeDecodedAtItsPath) {
  v1::ReceiveDecisionRequest request = Handoff();
  inv1::DecisionIssuedEvent* event = request.mutable_event();
  event->set_investigation("investigation/inv3");
  event->mutable_decision()->clear_decision_date();
  event->mutable_recommendations(0)->set_type(static_cast<common_v1::RecommendationType>(77));
  event->mutable_recommendations(0)->set_organisation("organisations/DVLA");
  *event->mutable_recommendations(1)->mutable_target_date() = MakeDate(2026, 2, 29);
  event->mutable_recommendations(1)->set_beneficiary(common_v1::BENEFICIARY_UNSPECIFIED);
  event->mutable_organisations(0)->clear_organisation();
  FieldViolations v;
  const ReceiveDecisionCommand c = ReceiveDecisionCommandFromProto(request, v);
  EXPECT_THAT(
      Fields(v),
      ElementsAre("event.investigation", "event.decision.decision_date",
                  "event.recommendations[0].type", "event.recommendations[0].organisation",
                  "event.recommendations[1].beneficiary", "event.recommendations[1].target_date",
                  "event.organisations[0].organisation"));
  // Entries keep their places so that the logic's paths stay true.
  EXPECT_EQ(c.recommendations.size(), 2u);
  EXPECT_EQ(c.organisations.size(), 1u);
}

TEST(ReceiveDecisionCommandFromProtoTest, OverlongListsAreOneViolationEachAndDecodeToNone) {
  v1::ReceiveDecisionRequest request = Handoff();
  inv1::DecisionIssuedEvent* event = request.mutable_event();
  for (int i = 0; i < 49; ++i) *event->add_recommendations() = event->recommendations(0);
  for (int i = 0; i < 5; ++i) *event->add_organisations() = event->organisations(0);
  FieldViolations v;
  const ReceiveDecisionCommand c = ReceiveDecisionCommandFromProto(request, v);
  EXPECT_THAT(Fields(v), ElementsAre("event.recommendations", "event.organisations"));
  EXPECT_THAT(c.recommendations, IsEmpty());
  EXPECT_THAT(c.organisations, IsEmpty());
}

TEST(RequestsFromProtoTest, AcceptAndDisputeBecomeResponses) {
  v1::AcceptRecommendationRequest accept;
  accept.set_name("recommendations/rec1");
  accept.set_note("Fine.");
  *accept.mutable_response_date() = MakeDate(2026, 2, 1);
  accept.set_etag("3");
  FieldViolations v;
  const RespondCommand accepted = RespondCommandFromProto(accept, v);
  EXPECT_EQ(accepted.name, "recommendations/rec1");
  EXPECT_EQ(accepted.position, OrganisationPosition::kAccepted);
  EXPECT_EQ(accepted.note, "Fine.");
  EXPECT_THAT(accepted.response_date, Optional(absl::CivilDay(2026, 2, 1)));
  EXPECT_EQ(accepted.etag, "3");

  v1::DisputeRecommendationRequest dispute;
  dispute.set_name("recommendations/rec1");
  dispute.set_reason("Not us.");
  const RespondCommand disputed = RespondCommandFromProto(dispute, v);
  EXPECT_EQ(disputed.position, OrganisationPosition::kDisputed);
  EXPECT_EQ(disputed.note, "Not us.");
  EXPECT_EQ(disputed.response_date, std::nullopt);  // today, by the logic
  EXPECT_TRUE(v.empty());

  *dispute.mutable_response_date() = MakeDate(2026, 2, 0);
  RespondCommandFromProto(dispute, v);
  EXPECT_THAT(Fields(v), ElementsAre("response_date"));
}

TEST(RequestsFromProtoTest, ComplianceDeclineAndRescheduleCarryTheirFields) {
  v1::RecordComplianceRequest comply;
  comply.set_name("recommendations/rec1");
  comply.mutable_evidence()->set_action_taken("Paid.");
  *comply.mutable_evidence()->mutable_completion_date() = MakeDate(2026, 2, 1);
  comply.mutable_evidence()->set_evidence_reference("REF-1");
  comply.mutable_evidence()->set_on_time(false);  // output only: ignored
  comply.set_etag("2");
  FieldViolations v;
  const RecordComplianceCommand complied = RecordComplianceCommandFromProto(comply, v);
  EXPECT_EQ(complied.name, "recommendations/rec1");
  EXPECT_EQ(complied.action_taken, "Paid.");
  EXPECT_THAT(complied.completion_date, Optional(absl::CivilDay(2026, 2, 1)));
  EXPECT_EQ(complied.evidence_reference, "REF-1");
  EXPECT_EQ(complied.etag, "2");

  v1::DeclineRecommendationRequest decline;
  decline.set_name("recommendations/rec2");
  decline.mutable_decline()->set_reason("No.");
  *decline.mutable_decline()->mutable_decline_date() = MakeDate(2026, 1, 31);
  decline.set_etag("4");
  const DeclineCommand declined = DeclineCommandFromProto(decline, v);
  EXPECT_EQ(declined.name, "recommendations/rec2");
  EXPECT_EQ(declined.reason, "No.");
  EXPECT_THAT(declined.decline_date, Optional(absl::CivilDay(2026, 1, 31)));
  EXPECT_EQ(declined.etag, "4");

  v1::RescheduleRecommendationRequest reschedule;
  reschedule.set_name("recommendations/rec3");
  *reschedule.mutable_target_date() = MakeDate(2026, 5, 1);
  reschedule.set_reason("Agreed extension.");
  const RescheduleCommand moved = RescheduleCommandFromProto(reschedule, v);
  EXPECT_EQ(moved.name, "recommendations/rec3");
  EXPECT_THAT(moved.target_date, Optional(absl::CivilDay(2026, 5, 1)));
  EXPECT_EQ(moved.reason, "Agreed extension.");
  EXPECT_TRUE(v.empty());

  *comply.mutable_evidence()->mutable_completion_date() = MakeDate(2026, 2, 30);
  *decline.mutable_decline()->mutable_decline_date() = MakeDate(0, 1, 31);
  *reschedule.mutable_target_date() = MakeDate(10000, 1, 1);
  RecordComplianceCommandFromProto(comply, v);
  DeclineCommandFromProto(decline, v);
  RescheduleCommandFromProto(reschedule, v);
  EXPECT_THAT(Fields(v),
              ElementsAre("evidence.completion_date", "decline.decline_date", "target_date"));
}

TEST(RequestsFromProtoTest, ListRequestsCarryPagingAndFilters) {
  v1::ListRecommendationsRequest list;
  list.set_page_size(7);
  list.set_page_token("tok");
  list.set_filter("state = OVERDUE");
  const ListRequest l = ListRequestFromProto(list);
  EXPECT_EQ(l.page_size, 7);
  EXPECT_EQ(l.page_token, "tok");
  EXPECT_EQ(l.filter, "state = OVERDUE");

  v1::ListDueActionsRequest due;
  *due.mutable_as_of_date() = MakeDate(2026, 3, 3);
  due.set_organisation("organisations/dvla");
  due.set_page_size(9);
  due.set_page_token("next");
  FieldViolations v;
  const DueActionsRequest d = DueActionsRequestFromProto(due, v);
  EXPECT_THAT(d.as_of_date, Optional(absl::CivilDay(2026, 3, 3)));
  EXPECT_EQ(d.organisation, "organisations/dvla");
  EXPECT_EQ(d.page_size, 9);
  EXPECT_EQ(d.page_token, "next");
  due.clear_as_of_date();
  EXPECT_EQ(DueActionsRequestFromProto(due, v).as_of_date, std::nullopt);
  EXPECT_TRUE(v.empty());
}

}  // namespace
}  // namespace redress::remedy
