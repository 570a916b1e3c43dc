// Unit tests of the proto <-> domain conversions: what the wire can get wrong is reported with its
// field path, never normalised; what the domain holds survives a round trip.

#include "services/intake/api/proto_convert.h"

#include <gmock/gmock.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "common/paging.h"
#include "services/intake/api/intake_service.h"
#include "services/intake/complaint_validation.h"

namespace redress::intake {
namespace {

namespace v1 = ::redress::intake::v1;
namespace common_v1 = ::redress::common::v1;

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
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

TEST(DateFromProtoTest, AllZeroIsUnsetAndAFullDateConverts) {
  FieldViolations v;
  EXPECT_EQ(DateFromProto(common_v1::Date(), "d", v), std::nullopt);
  EXPECT_THAT(DateFromProto(MakeDate(2024, 2, 29), "d", v), Optional(absl::CivilDay(2024, 2, 29)));
  EXPECT_THAT(DateFromProto(MakeDate(1900, 1, 1), "d", v), Optional(absl::CivilDay(1900, 1, 1)));
  EXPECT_THAT(DateFromProto(MakeDate(9999, 12, 31), "d", v),
              Optional(absl::CivilDay(9999, 12, 31)));
  EXPECT_TRUE(v.empty());
}

TEST(DateFromProtoTest, PartialImpossibleAndOutOfRangeDatesAreViolations) {
  const common_v1::Date bad[] = {
      MakeDate(2026, 2, 30),  MakeDate(2025, 2, 29), MakeDate(2026, 0, 1),  MakeDate(0, 3, 1),
      MakeDate(2026, 3, 0),   MakeDate(2026, 13, 1), MakeDate(2026, 4, 31), MakeDate(2026, -1, 5),
      MakeDate(1899, 12, 31), MakeDate(10000, 1, 1)};
  for (const common_v1::Date& date : bad) {
    FieldViolations v;
    EXPECT_EQ(DateFromProto(date, "complaint.aware_date", v), std::nullopt)
        << date.ShortDebugString();
    EXPECT_THAT(Fields(v), ElementsAre("complaint.aware_date")) << date.ShortDebugString();
  }
  FieldViolations v;
  DateFromProto(MakeDate(2026, 2, 30), "x", v);
  EXPECT_THAT(v.violations()[0].description, HasSubstr("2026-02-30"));
}

TEST(DateToProtoTest, RoundTrips) {
  FieldViolations v;
  EXPECT_THAT(DateFromProto(DateToProto(absl::CivilDay(2026, 3, 2)), "d", v),
              Optional(absl::CivilDay(2026, 3, 2)));
  EXPECT_TRUE(v.empty());
}

TEST(TimeProtoTest, RoundTripsIncludingBeforeTheEpochAndUnsetIsInfinitePast) {
  for (absl::Time t : {absl::FromUnixMicros(1767225600123456), absl::FromUnixNanos(-1),
                       absl::FromUnixSeconds(-86400) + absl::Milliseconds(250)}) {
    google::protobuf::Timestamp proto = TimeToProto(t);
    EXPECT_GE(proto.nanos(), 0);
    EXPECT_LT(proto.nanos(), 1000000000);
    EXPECT_EQ(TimeFromProto(proto), t);
  }
  EXPECT_EQ(TimeFromProto(google::protobuf::Timestamp()), absl::InfinitePast());
}

TEST(EnumFromProtoTest, UndefinedNumbersAreViolationsNotCasts) {
  FieldViolations v;
  EXPECT_EQ(PersonRoleFromProto(2, "r", v), PersonRole::kRepresentative);
  EXPECT_EQ(PersonRoleFromProto(0, "r", v), PersonRole::kUnspecified);  // the logic's rule
  EXPECT_TRUE(v.empty());

  EXPECT_EQ(PersonRoleFromProto(4, "a", v), PersonRole::kUnspecified);
  EXPECT_EQ(SubmissionChannelFromProto(-1, "b", v), SubmissionChannel::kUnspecified);
  EXPECT_EQ(OrganisationKindFromProto(9, "c", v), OrganisationKind::kUnspecified);
  EXPECT_EQ(JurisdictionFromProto(3, "d", v), Jurisdiction::kUnspecified);
  EXPECT_EQ(ClosureReasonFromProto(7, "e", v), ClosureReason::kNone);
  EXPECT_EQ(CaseworkerClosureFromProto(3, "f", v), CaseworkerClosure::kNone);
  EXPECT_EQ(AssessmentCheckFromProto(7, "g", v), std::nullopt);
  EXPECT_EQ(AssessmentCheckFromProto(0, "h", v), std::nullopt);  // no unspecified in the domain
  EXPECT_EQ(ComplaintStateFromProto(5, "i", v), std::nullopt);
  EXPECT_THAT(Fields(v), ElementsAre("a", "b", "c", "d", "e", "f", "g", "h", "i"));
  EXPECT_THAT(v.violations()[0].description, HasSubstr("4"));
}

TEST(EnumToProtoTest, EveryDomainValueHasItsProtoValue) {
  EXPECT_EQ(ComplaintStateToProto(ComplaintState::kClosed), v1::COMPLAINT_STATE_CLOSED);
  EXPECT_EQ(ClosureReasonToProto(ClosureReason::kResolvedWithoutInvestigation),
            v1::CLOSURE_REASON_RESOLVED_WITHOUT_INVESTIGATION);
  EXPECT_EQ(AssessmentCheckToProto(AssessmentCheck::kInjusticeClaimed),
            v1::ASSESSMENT_CHECK_INJUSTICE_CLAIMED);
  EXPECT_EQ(OrganisationKindToProto(OrganisationKind::kDentalPractice),
            v1::ORGANISATION_KIND_DENTAL_PRACTICE);
  EXPECT_EQ(JurisdictionToProto(Jurisdiction::kHealth), common_v1::JURISDICTION_HEALTH);
  EXPECT_EQ(CaseworkerClosureToProto(CaseworkerClosure::kResolvedWithoutInvestigation),
            v1::CASEWORKER_CLOSURE_RESOLVED_WITHOUT_INVESTIGATION);
  EXPECT_EQ(PersonRoleToProto(PersonRole::kOther), v1::PERSON_ROLE_OTHER);
  EXPECT_EQ(SubmissionChannelToProto(SubmissionChannel::kLetter), v1::SUBMISSION_CHANNEL_LETTER);
}

Complaint StoredComplaint() {
  Complaint c;
  c.id = "c7";
  c.state = ComplaintState::kClosed;
  Person complainant;
  complainant.person_id = "p1";
  complainant.role = PersonRole::kComplainant;
  complainant.details.title = "Mr";
  complainant.details.family_name = "Brown";
  complainant.details.postal_address.lines = {"1 High Street"};
  complainant.details.date_of_birth = absl::CivilDay(1970, 5, 6);
  complainant.anonymised_reference = "Mr B";
  c.people.push_back(complainant);
  c.complainants_reference = "Mr B";
  c.mp_referral = MpReferral{"Jane Smith MP", "Anytown", absl::CivilDay(2026, 1, 2)};
  c.organisation_ids = {"hmrc", "dwp"};
  c.channel = SubmissionChannel::kTelephone;
  c.confirmed_in_writing = true;
  c.what_went_wrong = "Lost papers.";
  c.aware_date = absl::CivilDay(2025, 6, 1);
  c.receive_date = absl::CivilDay(2026, 2, 1);
  Assessment a;
  a.checks = {CheckResult{AssessmentCheck::kWithinTime, false, "out of time", true, "why"}};
  a.closure_reason = ClosureReason::kDiscretion;
  a.reason = "declined";
  a.assessor = "cw1";
  a.assessment_date = absl::CivilDay(2026, 2, 3);
  a.assess_time = absl::FromUnixSeconds(1770000000);
  c.assessment = a;
  c.closure_reason = ClosureReason::kDiscretion;
  c.closure_note = "declined";
  c.version = 4;
  c.create_time = absl::FromUnixSeconds(1769900000);
  c.update_time = absl::FromUnixSeconds(1770000000);
  return c;
}

TEST(ComplaintProtoTest, OutputCarriesEveryFieldAndInputKeepsTheWritableOnes) {
  const Complaint stored = StoredComplaint();
  v1::Complaint proto = ComplaintToProto(stored);
  EXPECT_EQ(proto.name(), "complaints/c7");
  EXPECT_EQ(proto.etag(), "4");
  EXPECT_THAT(proto.organisations(), ElementsAre("organisations/hmrc", "organisations/dwp"));
  EXPECT_EQ(proto.state(), v1::COMPLAINT_STATE_CLOSED);
  EXPECT_EQ(proto.assessment().checks(0).override_reason(), "why");
  EXPECT_FALSE(proto.has_complained_to_organisation_date());
  EXPECT_EQ(proto.create_time().seconds(), 1769900000);

  FieldViolations v;
  Complaint input = ComplaintFromProto(proto, "complaint", v);
  EXPECT_TRUE(v.empty());
  std::vector<Person> expected_people = stored.people;
  expected_people[0].anonymised_reference.clear();  // output only: not taken from the client
  EXPECT_EQ(input.people, expected_people);         // person_id is kept
  EXPECT_EQ(input.mp_referral, stored.mp_referral);
  EXPECT_EQ(input.organisation_ids, stored.organisation_ids);
  EXPECT_EQ(input.aware_date, stored.aware_date);
  EXPECT_EQ(input.receive_date, stored.receive_date);
  EXPECT_EQ(input.complained_to_organisation_date, std::nullopt);
  // Output-only fields are not taken from the client.
  EXPECT_EQ(input.id, "");
  EXPECT_EQ(input.state, ComplaintState::kReceived);
  EXPECT_EQ(input.assessment, std::nullopt);
  EXPECT_EQ(input.closure_reason, ClosureReason::kNone);
  EXPECT_EQ(input.version, 0);

  Assessment round_trip = AssessmentFromProto(proto.assessment(), "assessment", v);
  round_trip.request_id = stored.assessment->request_id;
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(round_trip, *stored.assessment);
}

TEST(ComplaintProtoTest, AnUnsetReceiveDateIsMarkedUnsetAndNoRealDateIsMistakenForIt) {
  FieldViolations v;
  EXPECT_EQ(ComplaintFromProto(v1::Complaint(), "complaint", v).receive_date, kUnsetDate);
  v1::Complaint epoch;
  *epoch.mutable_receive_date() = MakeDate(1970, 1, 1);  // absl::CivilDay's default value
  EXPECT_EQ(ComplaintFromProto(epoch, "complaint", v).receive_date, absl::CivilDay(1970, 1, 1));
  EXPECT_NE(absl::CivilDay(1970, 1, 1), kUnsetDate);
  EXPECT_TRUE(v.empty());
}

TEST(ComplaintProtoTest, MalformedOrganisationNamesAreViolationsWithTheirIndex) {
  v1::Complaint proto;
  for (const char* name :
       {"organisations/hmrc", "hmrc", "organisations/", "organisations/a/b", "complaints/c1"}) {
    proto.add_organisations(name);
  }
  FieldViolations v;
  Complaint complaint = ComplaintFromProto(proto, "complaint", v);
  // Each malformed name keeps its place, as an empty id.
  EXPECT_THAT(complaint.organisation_ids, ElementsAre("hmrc", "", "", "", ""));
  EXPECT_THAT(Fields(v), ElementsAre("complaint.organisations[1]", "complaint.organisations[2]",
                                     "complaint.organisations[3]", "complaint.organisations[4]"));
  proto.set_organisations(4, "organisations/HMRC");
  FieldViolations upper_case;
  ComplaintFromProto(proto, "complaint", upper_case);
  EXPECT_THAT(Fields(upper_case), Contains("complaint.organisations[4]"));
}

TEST(ComplaintProtoTest, AMalformedOrganisationKeepsItsPlaceSoLaterOnesKeepTheirIndex) {
  v1::Complaint proto;
  proto.add_organisations("bad");
  proto.add_organisations("organisations/nope");
  FieldViolations v;
  Complaint complaint = ComplaintFromProto(proto, "complaint", v);
  EXPECT_THAT(complaint.organisation_ids, ElementsAre("", "nope"));
  EXPECT_THAT(Fields(v), ElementsAre("complaint.organisations[0]"));
}

TEST(ComplaintProtoTest, OversizedListsAreOneViolationOnTheListAndAreNotDecoded) {
  v1::Complaint proto;
  for (int i = 0; i < 20000; ++i) proto.add_people()->set_role(static_cast<v1::PersonRole>(42));
  for (int i = 0; i < 10000; ++i) proto.add_organisations("bad");
  FieldViolations v;
  Complaint complaint = ComplaintFromProto(proto, "complaint", v);
  EXPECT_THAT(complaint.people, IsEmpty());
  EXPECT_THAT(complaint.organisation_ids, IsEmpty());
  ASSERT_THAT(Fields(v), ElementsAre("complaint.people", "complaint.organisations"));
  EXPECT_EQ(v.violations()[0].description, "at most 10 people are allowed, not 20000");
  EXPECT_EQ(v.violations()[1].description, "at most 5 organisations are allowed, not 10000");
}

TEST(ComplaintProtoTest, ListsAtTheirLimitAreDecoded) {
  v1::Complaint proto;
  for (int i = 0; i < 10; ++i) proto.add_people()->set_role(v1::PERSON_ROLE_OTHER);
  for (int i = 0; i < 5; ++i) proto.add_organisations("organisations/hmrc");
  for (int i = 0; i < 4; ++i) {
    proto.mutable_people(0)->mutable_details()->mutable_postal_address()->add_lines("line");
  }
  FieldViolations v;
  Complaint complaint = ComplaintFromProto(proto, "complaint", v);
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(complaint.people.size(), 10u);
  EXPECT_EQ(complaint.organisation_ids.size(), 5u);
  EXPECT_EQ(complaint.people[0].details.postal_address.lines.size(), 4u);
}

TEST(ComplaintProtoTest, TooManyAddressLinesAreOneViolation) {
  v1::Complaint proto;
  v1::Person* person = proto.add_people();
  for (int i = 0; i < 1000; ++i)
    person->mutable_details()->mutable_postal_address()->add_lines("l");
  FieldViolations v;
  Complaint complaint = ComplaintFromProto(proto, "complaint", v);
  EXPECT_THAT(complaint.people[0].details.postal_address.lines, IsEmpty());
  ASSERT_THAT(Fields(v), ElementsAre("complaint.people[0].details.postal_address.lines"));
  EXPECT_EQ(v.violations()[0].description, "at most 4 lines are allowed, not 1000");
}

TEST(ComplaintProtoTest, NestedViolationsNameTheirPath) {
  v1::Complaint proto;
  proto.add_people();
  v1::Person* second = proto.add_people();
  second->set_role(static_cast<v1::PersonRole>(9));
  *second->mutable_details()->mutable_date_of_birth() = MakeDate(1980, 2, 30);
  *proto.mutable_mp_referral()->mutable_referral_date() = MakeDate(2026, 1, 0);
  FieldViolations v;
  ComplaintFromProto(proto, "complaint", v);
  EXPECT_THAT(Fields(v),
              ElementsAre("complaint.people[1].role", "complaint.people[1].details.date_of_birth",
                          "complaint.mp_referral.referral_date"));
}

TEST(OrganisationProtoTest, RoundTripsTheWritableFields) {
  Organisation o;
  o.id = "voa";
  o.display_name = "Valuation Office Agency";
  o.short_name = "VOA";
  o.kind = OrganisationKind::kExecutiveAgency;
  o.jurisdiction = Jurisdiction::kParliamentary;
  o.in_remit = false;
  o.mp_referral_required = true;
  o.location = "UK";
  o.version = 3;
  v1::Organisation proto = OrganisationToProto(o);
  EXPECT_EQ(proto.name(), "organisations/voa");
  EXPECT_EQ(proto.etag(), "3");
  EXPECT_FALSE(proto.has_create_time());  // InfinitePast is "never", not 1 BCE

  FieldViolations v;
  Organisation input = OrganisationFromProto(proto, "organisation", v);
  EXPECT_TRUE(v.empty());
  input.id = o.id;
  input.version = o.version;
  EXPECT_EQ(input, o);
}

TEST(AssessCommandTest, ConvertsTheRequest) {
  v1::AssessComplaintRequest request;
  request.set_name("complaints/c1");
  request.set_request_id("r1");
  request.set_assessor("cw");
  v1::CheckOverride* override = request.add_overrides();
  override->set_check(v1::ASSESSMENT_CHECK_WITHIN_TIME);
  override->set_passed(true);
  override->set_reason("illness");
  request.set_closure(v1::CASEWORKER_CLOSURE_RESOLVED_WITHOUT_INVESTIGATION);
  request.set_closure_reason_note("agreed to pay");
  *request.mutable_assessment_date() = MakeDate(2026, 3, 1);
  request.set_etag("2");
  request.set_validate_only(true);

  FieldViolations v;
  AssessCommand command = AssessCommandFromProto(request, v);
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(command.name, "complaints/c1");
  EXPECT_EQ(command.request_id, "r1");
  ASSERT_EQ(command.overrides.size(), 1u);
  EXPECT_EQ(command.overrides[0].check, AssessmentCheck::kWithinTime);
  EXPECT_TRUE(command.overrides[0].passed);
  EXPECT_EQ(command.overrides[0].reason, "illness");
  EXPECT_EQ(command.closure, CaseworkerClosure::kResolvedWithoutInvestigation);
  EXPECT_EQ(command.closure_note, "agreed to pay");
  EXPECT_THAT(command.assessment_date, Optional(absl::CivilDay(2026, 3, 1)));
  EXPECT_EQ(command.etag, "2");
  EXPECT_TRUE(command.validate_only);
}

TEST(AssessCommandTest, AnUndecodableCheckKeepsItsPlaceSoLaterOverridesKeepTheirIndex) {
  v1::AssessComplaintRequest request;
  request.set_request_id("r1");
  request.set_assessor("cw");
  v1::CheckOverride* unset = request.add_overrides();
  unset->set_reason("a good reason");
  v1::CheckOverride* unexplained = request.add_overrides();
  unexplained->set_check(v1::ASSESSMENT_CHECK_WITHIN_TIME);
  unexplained->set_passed(true);

  FieldViolations v;
  AssessCommand command = AssessCommandFromProto(request, v);
  ASSERT_EQ(command.overrides.size(), 2u);
  EXPECT_EQ(command.overrides[0].reason, "a good reason");
  EXPECT_EQ(command.overrides[1].check, AssessmentCheck::kWithinTime);
  EXPECT_THAT(Fields(v), ElementsAre("overrides[0].check"));

  // The logic then reports the second override's missing reason under its own index, and the
  // placeholder's check only once.
  ValidateAssessCommand(v, command, absl::CivilDay(2026, 3, 2));
  EXPECT_THAT(Fields(v), ElementsAre("overrides[0].check", "overrides[1].reason"));
}

TEST(AssessCommandTest, TooManyOverridesAreOneViolationAndAreNotDecoded) {
  v1::AssessComplaintRequest request;
  for (int i = 0; i < 10000; ++i) request.add_overrides()->set_check(v1::ASSESSMENT_CHECK_IN_REMIT);
  FieldViolations v;
  AssessCommand command = AssessCommandFromProto(request, v);
  EXPECT_THAT(command.overrides, IsEmpty());
  ASSERT_THAT(Fields(v), ElementsAre("overrides"));
  EXPECT_EQ(v.violations()[0].description, "at most 8 overrides are allowed, not 10000");
}

TEST(MaskedViolationsTest, KeepsOnlyViolationsUnderAMaskedPath) {
  FieldViolations all;
  all.Add("complaint.people[0].details.email", "bad");
  all.Add("complaint.aware_date", "bad");
  all.Add("complaint.aware_date_extra", "bad");
  all.Add("complaint.mp_referral.referral_date", "bad");
  google::protobuf::FieldMask mask;
  mask.add_paths("people");
  mask.add_paths("aware_date");
  EXPECT_THAT(Fields(MaskedViolations(all, "complaint", mask)),
              ElementsAre("complaint.people[0].details.email", "complaint.aware_date"));
  mask.add_paths("*");
  EXPECT_EQ(MaskedViolations(all, "complaint", mask).violations().size(), 4u);
  EXPECT_THAT(Fields(MaskedViolations(all, "complaint", google::protobuf::FieldMask())), IsEmpty());
}

TEST(MaskedViolationsTest, AHugeMaskIsLookedUpNotScanned) {
  FieldViolations all;
  for (int i = 0; i < 50; ++i) all.Add(absl::StrCat("complaint.people[", i, "].role"), "bad");
  all.Add("complaint.aware_date", "bad");
  google::protobuf::FieldMask mask;
  for (int i = 0; i < 200000; ++i) mask.add_paths(absl::StrCat("no_such_field_", i));
  mask.add_paths("people[7]");
  EXPECT_THAT(Fields(MaskedViolations(all, "complaint", mask)),
              ElementsAre("complaint.people[7].role"));
}

TEST(SubmissionFingerprintTest, IgnoresTheRequestIdAndSeesTheBody) {
  v1::SubmitComplaintRequest a;
  a.set_request_id("one");
  a.mutable_complaint()->set_what_went_wrong("x");
  a.mutable_complaint()->add_organisations("organisations/hmrc");
  v1::SubmitComplaintRequest b = a;
  b.set_request_id("two");
  EXPECT_EQ(SubmissionFingerprint(a), SubmissionFingerprint(b));
  b.mutable_complaint()->set_what_went_wrong("y");
  EXPECT_NE(SubmissionFingerprint(a), SubmissionFingerprint(b));
  EXPECT_EQ(SubmissionFingerprint(a).size(), 16u);
}

// The fingerprint as first defined: a copy of the request without its request_id, encoded
// deterministically. Stored fingerprints were made so, so the fingerprint must never change.
template <typename Request>
std::string FingerprintOfClearedCopy(Request request) {
  request.clear_request_id();
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    request.SerializeToCodedStream(&coded);
  }
  return Fingerprint(bytes);
}

v1::SubmitComplaintRequest FullSubmission(const std::string& request_id) {
  v1::SubmitComplaintRequest request;
  request.set_request_id(request_id);
  v1::Complaint& complaint = *request.mutable_complaint();
  complaint.set_what_went_wrong("They lost my file, twice.");
  complaint.set_outcome_wanted("An apology");
  complaint.add_organisations("organisations/hmrc");
  complaint.add_organisations("organisations/dvla");
  for (const char* name : {"Ann", "Bo"}) {
    v1::Person& person = *complaint.add_people();
    person.set_role(v1::PERSON_ROLE_COMPLAINANT);
    person.mutable_details()->set_given_name(name);
    person.mutable_details()->set_email(absl::StrCat(name, "@example.org"));
    *person.mutable_details()->mutable_date_of_birth() = MakeDate(1980, 2, 29);
  }
  *complaint.mutable_aware_date() = MakeDate(2025, 3, 1);
  return request;
}

TEST(SubmissionFingerprintTest, IsTheFingerprintOfTheBodyWithoutItsRequestId) {
  for (const std::string& request_id : {std::string(), std::string("r-1"), std::string(64, 'x')}) {
    v1::SubmitComplaintRequest request = FullSubmission(request_id);
    EXPECT_EQ(SubmissionFingerprint(request), FingerprintOfClearedCopy(request)) << request_id;
    request.GetReflection()->MutableUnknownFields(&request)->AddVarint(99, 7);
    EXPECT_EQ(SubmissionFingerprint(request), FingerprintOfClearedCopy(request)) << request_id;
  }
  EXPECT_EQ(SubmissionFingerprint(v1::SubmitComplaintRequest()),
            FingerprintOfClearedCopy(v1::SubmitComplaintRequest()));
  // The request_id in the middle of the encoding (field 2 of 4 and more).
  v1::AssessComplaintRequest assess;
  assess.set_name("complaints/c-1");
  assess.set_request_id("a-1");
  assess.set_assessor("user:x");
  assess.add_overrides()->set_organisation("organisations/hmrc");
  EXPECT_EQ(AssessmentFingerprint(assess), FingerprintOfClearedCopy(assess));
  assess.clear_request_id();
  EXPECT_EQ(AssessmentFingerprint(assess), FingerprintOfClearedCopy(assess));
}

TEST(SubmissionFingerprintTest, IsTheSameAsEver) {
  // Computed by the first definition; a stored request's retry must keep matching it.
  EXPECT_EQ(SubmissionFingerprint(FullSubmission("r-1")), "7dd28da237068f7f");
}

}  // namespace
}  // namespace redress::intake
