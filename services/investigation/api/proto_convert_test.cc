// Unit tests of the proto <-> domain conversions: what the wire can get wrong is reported with its
// field path, never normalised; oversized lists cost one violation; what the domain holds comes
// out on the wire; and the request fingerprint tells a retry from another body.

#include "services/investigation/api/proto_convert.h"

#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/request_fingerprint.h"

namespace redress::investigation {
namespace {

namespace v1 = ::redress::investigation::v1;
namespace common_v1 = ::redress::common::v1;

using ::google::protobuf::util::MessageDifferencer;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;
using ::testing::UnorderedElementsAre;

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

// --- Dates, times, enums. ---

TEST(DateFromProtoTest, AllZeroIsUnsetAndAFullDateConverts) {
  FieldViolations v;
  EXPECT_EQ(DateFromProto(common_v1::Date(), "d", v), std::nullopt);
  EXPECT_THAT(DateFromProto(MakeDate(2024, 2, 29), "d", v), Optional(absl::CivilDay(2024, 2, 29)));
  EXPECT_TRUE(v.empty());
}

TEST(DateFromProtoTest, PartialImpossibleAndOutOfRangeDatesAreViolations) {
  for (const common_v1::Date& date :
       {MakeDate(2026, 2, 30), MakeDate(2025, 2, 29), MakeDate(2026, 0, 1), MakeDate(0, 3, 1),
        MakeDate(2026, 13, 1), MakeDate(2026, -1, 5), MakeDate(1899, 12, 31),
        MakeDate(10000, 1, 1)}) {
    FieldViolations v;
    EXPECT_EQ(DateFromProto(date, "start_date", v), std::nullopt) << date.ShortDebugString();
    EXPECT_THAT(Fields(v), ElementsAre("start_date")) << date.ShortDebugString();
  }
}

TEST(TimeProtoTest, MicrosecondsSurviveAndUnsetIsNever) {
  const absl::Time time = absl::FromUnixMicros(1772452800123456);
  EXPECT_EQ(TimeFromProto(TimeToProto(time)), time);
  EXPECT_EQ(TimeFromProto(google::protobuf::Timestamp()), absl::InfinitePast());
}

TEST(EnumFromProtoTest, UndefinedNumbersAreViolationsAndGiveTheUnspecifiedValue) {
  FieldViolations v;
  EXPECT_EQ(PartyFromProto(42, "evidence.source", v), Party::kUnspecified);
  EXPECT_EQ(ReviewGroundFromProto(-3, "ground", v), ReviewGround::kUnspecified);
  EXPECT_EQ(PrincipleFromProto(7, "principle", v), Principle::kUnspecified);
  EXPECT_THAT(Fields(v), ElementsAre("evidence.source", "ground", "principle"));
  EXPECT_EQ(v.violations()[0].description, "unknown value 42");
}

TEST(EnumFromProtoTest, EveryDefinedValueRoundTrips) {
  FieldViolations v;
  for (int i = 0; i < common_v1::RecommendationType_descriptor()->value_count(); ++i) {
    const int number = common_v1::RecommendationType_descriptor()->value(i)->number();
    EXPECT_EQ(RecommendationTypeToProto(RecommendationTypeFromProto(number, "type", v)), number);
  }
  for (int i = 0; i < v1::CausalLink_descriptor()->value_count(); ++i) {
    const int number = v1::CausalLink_descriptor()->value(i)->number();
    EXPECT_EQ(CausalLinkToProto(CausalLinkFromProto(number, "link", v)), number);
  }
  for (int i = 0; i < v1::ReviewOutcome_descriptor()->value_count(); ++i) {
    const int number = v1::ReviewOutcome_descriptor()->value(i)->number();
    EXPECT_EQ(ReviewOutcomeToProto(ReviewOutcomeFromProto(number, "outcome", v)), number);
  }
  EXPECT_TRUE(v.empty());
}

// --- The caseworker's fields: decoded with their paths, and round-tripped. ---

v1::Investigation CaseworkerFields() {
  v1::Investigation proto;
  proto.set_caseworker("cw-1");
  proto.mutable_narrative()->add_introduction("Mr and Mrs B complained – twice.");
  proto.mutable_narrative()->add_what_we_found("We partly upheld this complaint.");
  proto.add_complaint_types("Came to an unsound decision");
  v1::ComplaintHandlingFinding* finding = proto.add_complaint_handling_findings();
  finding->set_principle(v1::PRINCIPLE_BEING_OPEN_AND_ACCOUNTABLE);
  finding->set_finding("It was open.");
  finding->set_met(true);
  v1::OrganisationInvestigated* organisation = proto.add_organisations_investigated();
  organisation->set_organisation("organisations/gp-1");
  organisation->set_published_name("A GP practice");
  proto.set_location("Greater Manchester");
  v1::Recommendation* money = proto.add_recommendations();
  money->set_recommendation_id("r4");
  money->set_type(common_v1::RECOMMENDATION_TYPE_FINANCIAL_LOSS);
  money->set_beneficiary(common_v1::BENEFICIARY_OTHER_PERSON);
  money->set_description("Refund the fee.");
  money->mutable_amount()->set_amount_minor(12345);
  money->mutable_amount()->set_currency_code("GBP");
  *money->mutable_target_date() = MakeDate(2026, 7, 1);
  money->set_organisation("organisations/gp-1");
  return proto;
}

TEST(InvestigationFromProtoTest, TheCaseworkerFieldsRoundTrip) {
  const v1::Investigation proto = CaseworkerFields();
  FieldViolations v;
  Investigation investigation = InvestigationFromProto(proto, "investigation", v);
  ASSERT_TRUE(v.empty()) << Fields(v)[0];
  ASSERT_TRUE(investigation.recommendations[0].amount.has_value());
  EXPECT_EQ(investigation.recommendations[0].amount->amount_minor, 12345);
  EXPECT_EQ(investigation.recommendations[0].organisation, "organisations/gp-1");

  v1::Investigation back = InvestigationToProto(investigation);
  for (const char* field :
       {"caseworker", "narrative", "complaint_types", "complaint_handling_findings",
        "organisations_investigated", "location", "recommendations"}) {
    const std::vector<const google::protobuf::FieldDescriptor*> only = {
        v1::Investigation::descriptor()->FindFieldByName(field)};
    EXPECT_TRUE(MessageDifferencer().CompareWithFields(back, proto, only, only)) << field;
  }
}

TEST(InvestigationFromProtoTest, OutputOnlyFieldsAreIgnored) {
  v1::Investigation proto;
  proto.set_name("investigations/x");
  proto.set_state(v1::INVESTIGATION_STATE_DECIDED);
  proto.set_etag("9");
  proto.mutable_final_decision()->set_sequence(3);
  *proto.mutable_scope()->mutable_agreed_date() = MakeDate(2026, 2, 30);
  FieldViolations v;
  Investigation investigation = InvestigationFromProto(proto, "investigation", v);
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(investigation, Investigation());
}

TEST(InvestigationFromProtoTest, OversizedListsGetOneViolationAndDecodeToNothing) {
  v1::Investigation proto;
  for (int i = 0; i < 1000; ++i) {
    proto.mutable_narrative()->add_putting_it_right("p");
    proto.add_recommendations()->set_type(static_cast<common_v1::RecommendationType>(77));
    proto.add_organisations_investigated();
    proto.add_complaint_handling_findings()->set_principle(static_cast<v1::Principle>(77));
    proto.add_complaint_types("x");
  }
  FieldViolations v;
  Investigation investigation = InvestigationFromProto(proto, "investigation", v);
  EXPECT_THAT(Fields(v), UnorderedElementsAre("investigation.narrative.putting_it_right",
                                              "investigation.recommendations",
                                              "investigation.organisations_investigated",
                                              "investigation.complaint_handling_findings",
                                              "investigation.complaint_types"));
  EXPECT_THAT(investigation.narrative.putting_it_right, IsEmpty());
  EXPECT_THAT(investigation.recommendations, IsEmpty());
}

TEST(InvestigationFromProtoTest, AnUndecodableEntryKeepsItsPlace) {
  v1::Investigation proto;
  proto.add_recommendations()->set_beneficiary(static_cast<common_v1::Beneficiary>(9));
  *proto.add_recommendations()->mutable_target_date() = MakeDate(2026, 4, 31);
  proto.add_recommendations()->set_description("third");
  FieldViolations v;
  Investigation investigation = InvestigationFromProto(proto, "investigation", v);
  EXPECT_THAT(Fields(v), ElementsAre("investigation.recommendations[0].beneficiary",
                                     "investigation.recommendations[1].target_date"));
  ASSERT_EQ(investigation.recommendations.size(), 3u);
  EXPECT_EQ(investigation.recommendations[2].description, "third");
  EXPECT_EQ(investigation.recommendations[1].target_date, std::nullopt);
}

// --- Output. ---

TEST(InvestigationToProtoTest, EveryPartIsOnTheWire) {
  Investigation investigation;
  investigation.id = "inv-1";
  investigation.state = InvestigationState::kOnHold;
  investigation.version = 7;
  investigation.sequence = 12;
  investigation.scope =
      Scope{"Summary", absl::CivilDay(2026, 3, 2), 60, absl::CivilDay(2026, 6, 1)};
  ComplaintPoint point{
      "cp1", "Late",
      Finding{true, false, CausalLink::kUnspecified, "Why", absl::FromUnixSeconds(1772452800)},
      Outcome::kPartlyUpheld};
  investigation.points = {point,
                          ComplaintPoint{"cp2", "Rude", std::nullopt, Outcome::kUnspecified}};
  investigation.holds = {
      Hold{"Waiting", absl::CivilDay(2026, 3, 3), absl::CivilDay(2026, 3, 4),
           InvestigationState::kInvestigating},
      Hold{"Again", absl::CivilDay(2026, 3, 9), std::nullopt, InvestigationState::kInvestigating}};
  investigation.previous_decisions = {
      FinalDecision{Outcome::kUpheld, absl::CivilDay(2026, 2, 1), absl::InfinitePast(), 1}};
  investigation.create_time = absl::FromUnixSeconds(1772452800);

  v1::Investigation proto = InvestigationToProto(investigation);

  EXPECT_EQ(proto.name(), "investigations/inv-1");
  EXPECT_EQ(proto.state(), v1::INVESTIGATION_STATE_ON_HOLD);
  EXPECT_EQ(proto.etag(), "7");
  EXPECT_EQ(proto.scope().target_date().month(), 6);
  EXPECT_EQ(proto.points(0).outcome(), v1::OUTCOME_PARTLY_UPHELD);
  EXPECT_EQ(proto.points(0).finding().record_time().seconds(), 1772452800);
  EXPECT_FALSE(proto.points(1).has_finding());
  EXPECT_TRUE(proto.holds(0).has_end_date());
  EXPECT_FALSE(proto.holds(1).has_end_date());
  EXPECT_FALSE(proto.has_provisional_view());
  EXPECT_FALSE(proto.has_final_decision());
  EXPECT_EQ(proto.previous_decisions(0).decision(), v1::OUTCOME_UPHELD);
  EXPECT_FALSE(proto.previous_decisions(0).has_issue_time());
  EXPECT_EQ(proto.create_time().seconds(), 1772452800);
  EXPECT_FALSE(proto.has_update_time());
}

TEST(InvestigationToProtoTest, AnEndedInvestigationCarriesItsEndingAndItsViewsRevision) {
  Investigation investigation;
  investigation.id = "inv-1";
  investigation.state = InvestigationState::kDiscontinued;
  investigation.points = {ComplaintPoint{"cp1", "Late", std::nullopt, Outcome::kUnspecified}};
  investigation.provisional_view =
      ProvisionalView{absl::CivilDay(2026, 3, 2),
                      10,
                      absl::CivilDay(2026, 3, 16),
                      {Comment{"c1", Party::kOrganisation, "Agreed.", absl::CivilDay(2026, 3, 3),
                               absl::InfinitePast(), "organisations/hmcts", 2}},
                      2,
                      "fingerprint of something else, so the view is outdated",
                      1,
                      {}};
  investigation.ending =
      InvestigationEnding{"No worthwhile outcome remains.", absl::CivilDay(2026, 4, 1),
                          absl::FromUnixSeconds(1772452800)};

  v1::Investigation proto = InvestigationToProto(investigation);

  EXPECT_EQ(proto.state(), v1::INVESTIGATION_STATE_DISCONTINUED);
  EXPECT_EQ(proto.ending().reason(), "No worthwhile outcome remains.");
  EXPECT_EQ(proto.ending().end_date().month(), 4);
  EXPECT_EQ(proto.ending().record_time().seconds(), 1772452800);
  EXPECT_EQ(proto.provisional_view().revision(), 2);
  EXPECT_FALSE(proto.provisional_view().outdated());  // a fingerprint it cannot read: current
  EXPECT_EQ(proto.provisional_view().comments(0).organisation(), "organisations/hmcts");
  EXPECT_EQ(proto.provisional_view().comments(0).view_revision(), 2);
  investigation.provisional_view->shared_content = std::string(32, '0');
  EXPECT_TRUE(InvestigationToProto(investigation).provisional_view().outdated());
  investigation.ending.reset();
  EXPECT_FALSE(InvestigationToProto(investigation).has_ending());
}

TEST(DecisionHandoffToProtoTest, CarriesTheDecisionAndRecommendations) {
  DecisionHandoff handoff;
  handoff.handoff_key = "investigations/inv-1/decisions/2";
  handoff.investigation_id = "inv-1";
  handoff.complaint = "complaints/c1";
  handoff.decision = FinalDecision{Outcome::kNotUpheld, absl::CivilDay(2026, 4, 1),
                                   absl::FromUnixSeconds(1775000000), 2};
  handoff.recommendations.push_back(
      Recommendation{"r1", RecommendationType::kApology, Beneficiary::kComplainant, "Say sorry",
                     std::nullopt, absl::CivilDay(2026, 5, 1), "organisations/cafcass"});
  handoff.recommendations.push_back(Recommendation{"r2", RecommendationType::kLearnLessons,
                                                   Beneficiary::kServiceUsers, "Train staff",
                                                   std::nullopt, absl::CivilDay(2026, 6, 1), ""});
  handoff.organisations.push_back({"organisations/cafcass", "Cafcass"});

  v1::DecisionIssuedEvent event = DecisionHandoffToProto(handoff);

  EXPECT_EQ(event.handoff_key(), "investigations/inv-1/decisions/2");
  EXPECT_EQ(event.investigation(), "investigations/inv-1");
  EXPECT_EQ(event.complaint(), "complaints/c1");
  EXPECT_EQ(event.decision().decision(), v1::OUTCOME_NOT_UPHELD);
  EXPECT_EQ(event.decision().sequence(), 2);
  EXPECT_EQ(event.recommendations(0).type(), common_v1::RECOMMENDATION_TYPE_APOLOGY);
  EXPECT_EQ(event.recommendations(0).organisation(), "organisations/cafcass");
  EXPECT_EQ(event.recommendations(1).organisation(), "");  // the first organisation investigated
  EXPECT_EQ(event.organisations(0).published_name(), "Cafcass");
}

// --- Requests. ---

TEST(RequestFromProtoTest, CommandsCarryTheRequestAndReportTheirOwnPaths) {
  v1::AgreeScopeRequest scope;
  scope.set_name("investigations/inv-1");
  scope.mutable_scope()->set_summary("S");
  scope.mutable_scope()->set_timescale_working_days(30);
  *scope.mutable_scope()->mutable_agreed_date() = MakeDate(2026, 3, 2);
  scope.add_points("one");
  scope.set_etag("4");
  FieldViolations v;
  AgreeScopeCommand command = AgreeScopeCommandFromProto(scope, v);
  EXPECT_EQ(command.name, "investigations/inv-1");
  EXPECT_THAT(command.agreed_date, Optional(absl::CivilDay(2026, 3, 2)));
  EXPECT_EQ(command.timescale_working_days, 30);
  EXPECT_THAT(command.points, ElementsAre("one"));
  EXPECT_EQ(command.etag, "4");

  v1::LogCommentRequest comment;
  comment.set_request_id("k");
  comment.mutable_comment()->set_party(static_cast<common_v1::Party>(5));
  *comment.mutable_comment()->mutable_received_date() = MakeDate(2026, 2, 0);
  LogCommentCommand logged = LogCommentCommandFromProto(comment, v);
  EXPECT_EQ(logged.request_id, "k");
  EXPECT_EQ(logged.fingerprint, "");
  EXPECT_THAT(Fields(v), ElementsAre("comment.party", "comment.received_date"));

  v1::DecideReviewRequest decide;
  decide.set_outcome(v1::REVIEW_OUTCOME_REOPENED);
  EXPECT_EQ(DecideReviewCommandFromProto(decide, v).outcome, ReviewOutcome::kReopened);
  EXPECT_EQ(DecideReviewCommandFromProto(decide, v).decide_date, std::nullopt);
}

TEST(MaskedViolationsTest, KeepsOnlyTheViolationsOfMaskedFields) {
  FieldViolations all;
  all.Add("investigation.narrative.what_happened[2]", "a");
  all.Add("investigation.location", "b");
  all.Add("investigation.locations", "c");
  all.Add("investigation.recommendations[0].type", "d");
  google::protobuf::FieldMask mask;
  mask.add_paths("narrative");
  mask.add_paths("location");

  EXPECT_THAT(Fields(MaskedViolations(all, "investigation", mask)),
              ElementsAre("investigation.narrative.what_happened[2]", "investigation.location"));
  mask.add_paths("*");
  EXPECT_EQ(MaskedViolations(all, "investigation", mask).violations().size(), 4u);
}

TEST(RequestFingerprintTest, IgnoresTheRequestIdAndNothingElse) {
  v1::LogEvidenceRequest first;
  first.set_name("investigations/inv-1");
  first.set_request_id("a");
  first.mutable_evidence()->set_description("Case file");
  v1::LogEvidenceRequest retry = first;
  retry.set_request_id("b");
  v1::LogEvidenceRequest other = first;
  other.mutable_evidence()->set_description("Another file");

  EXPECT_EQ(RequestFingerprint(first), RequestFingerprint(retry));
  EXPECT_NE(RequestFingerprint(first), RequestFingerprint(other));
  EXPECT_EQ(RequestFingerprint(first).size(), 16u);
}

}  // namespace
}  // namespace redress::investigation
