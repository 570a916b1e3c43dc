// IntakeLogic: submitting and reading complaints, and reading the personal details of the people
// on one. Updating and withdrawing them is in
// intake_logic_update_test.cc.
#include "services/intake/intake_logic.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/intake/intake_logic_test_support.h"

namespace redress::intake {
namespace {

using redress::testing::IsOk;
using redress::testing::StatusIs;
using testing::Complainant;
using ::testing::Contains;
using ::testing::ElementsAre;
using testing::IntakeLogicTest;
using ::testing::IsSupersetOf;
using testing::kToday;
using testing::MakePerson;
using ::testing::UnorderedElementsAre;
using testing::ValidDraft;
using testing::ViolatedFields;

using SubmitTest = IntakeLogicTest;

TEST_F(SubmitTest, RecordsAReceivedComplaint) {
  absl::StatusOr<Complaint> c = logic_.SubmitComplaint("req-1", "fp-1", ValidDraft());
  ASSERT_THAT(c, IsOk());
  EXPECT_EQ(c->name(), "complaints/id1");
  EXPECT_EQ(c->state, ComplaintState::kReceived);
  EXPECT_EQ(c->version, 1);
  EXPECT_EQ(c->receive_date, kToday);
  EXPECT_EQ(c->people[0].person_id, "p1");
  EXPECT_EQ(c->people[0].anonymised_reference, "Mr B");
  EXPECT_EQ(c->complainants_reference, "Mr B");
  EXPECT_EQ(c->create_time, clock_.Now());
  EXPECT_EQ(c->update_time, clock_.Now());
  EXPECT_EQ(c->sequence, 1);
  EXPECT_FALSE(c->assessment.has_value());
  absl::StatusOr<Complaint> stored = logic_.GetComplaint("complaints/id1");
  ASSERT_THAT(stored, IsOk());
  EXPECT_EQ(*stored, *c);
}

TEST_F(SubmitTest, IgnoresOutputOnlyFieldsAndNumbersPeople) {
  Complaint draft = ValidDraft();
  draft.people.push_back(Complainant("Mrs", "Jo", "Bloggs"));
  draft.people[0].person_id = "p7";
  draft.people[1].anonymised_reference = "Lady X";
  draft.state = ComplaintState::kAccepted;
  draft.closure_reason = ClosureReason::kPremature;
  draft.assessment = Assessment();
  draft.version = 9;
  Complaint c = Submit(draft);
  EXPECT_EQ(c.state, ComplaintState::kReceived);
  EXPECT_EQ(c.closure_reason, ClosureReason::kNone);
  EXPECT_FALSE(c.assessment.has_value());
  EXPECT_EQ(c.version, 1);
  EXPECT_EQ(c.people[0].person_id, "p1");
  EXPECT_EQ(c.people[1].person_id, "p2");
  EXPECT_EQ(c.people[1].anonymised_reference, "Mrs B");
  EXPECT_EQ(c.complainants_reference, "Mr and Mrs B");
}

TEST_F(SubmitTest, KeepsAGivenReceiveDate) {
  Complaint draft = ValidDraft();
  draft.receive_date = absl::CivilDay(2026, 2, 20);
  EXPECT_EQ(Submit(draft).receive_date, absl::CivilDay(2026, 2, 20));
}

TEST_F(SubmitTest, ReportsEveryViolationAtOnceAndWritesNothing) {
  Complaint draft = ValidDraft();
  draft.people[0].details.title = "";
  draft.people.push_back(MakePerson(PersonRole::kOther, "Mr", "Yan", "Yu"));
  draft.people[1].details.email = "not an email";
  draft.organisation_ids = {"cafcass", "cafcass", "nowhere"};
  draft.channel = SubmissionChannel::kUnspecified;
  draft.what_went_wrong = "   ";
  draft.aware_date.reset();
  draft.complained_to_organisation_date.reset();
  const int writes = store_.write_calls();
  absl::StatusOr<Complaint> c = logic_.SubmitComplaint("bad id!", "fp", draft);
  EXPECT_THAT(c, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      ViolatedFields(c.status()),
      IsSupersetOf({"request_id", "complaint.people[0].details.title",
                    "complaint.people[1].details.email", "complaint.organisations[1]",
                    "complaint.organisations[2]", "complaint.channel", "complaint.what_went_wrong",
                    "complaint.aware_date", "complaint.final_response_date"}));
  EXPECT_EQ(store_.write_calls(), writes);
  absl::StatusOr<ComplaintPage> page = logic_.ListComplaints({});
  ASSERT_THAT(page, IsOk());
  EXPECT_TRUE(page->complaints.empty());
}

TEST_F(SubmitTest, RejectsDatesInTheFutureAndOutOfOrder) {
  Complaint draft = ValidDraft();
  draft.aware_date = kToday + 1;
  draft.receive_date = kToday + 1;
  draft.complained_to_organisation_date = absl::CivilDay(2025, 12, 1);
  draft.final_response_date = absl::CivilDay(2025, 11, 1);
  absl::StatusOr<Complaint> c = logic_.SubmitComplaint("req-1", "fp", draft);
  EXPECT_THAT(ViolatedFields(c.status()),
              IsSupersetOf({"complaint.aware_date", "complaint.receive_date",
                            "complaint.final_response_date"}));
}

TEST_F(SubmitTest, RejectsAwarenessAfterReceipt) {
  Complaint draft = ValidDraft();
  draft.receive_date = absl::CivilDay(2025, 9, 1);
  absl::StatusOr<Complaint> c = logic_.SubmitComplaint("req-1", "fp", draft);
  EXPECT_THAT(ViolatedFields(c.status()), Contains("complaint.aware_date"));
}

TEST_F(SubmitTest, ChecksThePeopleOnTheComplaint) {
  Complaint draft = ValidDraft();
  draft.people = {MakePerson(PersonRole::kRepresentative, "Ms", "Cat", "Carter"),
                  MakePerson(PersonRole::kRepresentative, "Mr", "Cy", "Cole"),
                  MakePerson(PersonRole::kUnspecified, "Mr", "Yan", "Yu")};
  draft.people[2].relationship = std::string(51, 'x');
  absl::StatusOr<Complaint> c = logic_.SubmitComplaint("req-1", "fp", draft);
  std::vector<std::string> fields = ViolatedFields(c.status());
  // No complainant (on the list), a second representative (on that person), and the third
  // person's problems.
  EXPECT_THAT(fields,
              UnorderedElementsAre("complaint.people", "complaint.people[1].role",
                                   "complaint.people[2].role", "complaint.people[2].relationship"));

  draft = ValidDraft();
  draft.people.assign(11, Complainant("Mr", "Joe", "Bloggs"));
  EXPECT_THAT(ViolatedFields(logic_.SubmitComplaint("req-1", "fp", draft).status()),
              ElementsAre("complaint.people"));
}

TEST_F(SubmitTest, ChecksTheMpReferral) {
  Complaint draft = ValidDraft();
  draft.mp_referral = MpReferral{"", std::string(101, 'x'), kToday + 1};
  EXPECT_THAT(ViolatedFields(logic_.SubmitComplaint("req-1", "fp", draft).status()),
              ElementsAre("complaint.mp_referral.mp_name", "complaint.mp_referral.constituency",
                          "complaint.mp_referral.referral_date"));
}

TEST_F(SubmitTest, KeepsEachOrganisationsOwnDates) {
  Complaint draft = ValidDraft();
  draft.organisation_ids = {"cafcass", "hmrc"};
  draft.organisation_dates = {{"hmrc", kToday - 30, std::nullopt}};
  absl::StatusOr<Complaint> c = logic_.SubmitComplaint("req-1", "fp-1", draft);
  ASSERT_THAT(c, IsOk());
  EXPECT_EQ(c->organisation_dates, draft.organisation_dates);
  // An organisation without an entry has the complaint's own dates.
  EXPECT_EQ(DatesFor(*c, "hmrc"), draft.organisation_dates[0]);
  EXPECT_EQ(DatesFor(*c, "cafcass"),
            (OrganisationDates{"cafcass", draft.complained_to_organisation_date,
                               draft.final_response_date}));
}

TEST_F(SubmitTest, ChecksEachOrganisationsOwnDates) {
  Complaint draft = ValidDraft();
  draft.organisation_ids = {"cafcass", "hmrc"};
  draft.organisation_dates = {
      {"dwp", std::nullopt, std::nullopt},    // not complained about
      {"hmrc", kToday - 10, kToday - 11},     // response before the complaint
      {"hmrc", std::nullopt, kToday - 1},     // repeated; no complaint date
      {"cafcass", kToday + 1, std::nullopt},  // in the future
  };
  absl::StatusOr<Complaint> c = logic_.SubmitComplaint("req-1", "fp-1", draft);
  EXPECT_THAT(c, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(c.status()),
              ElementsAre("complaint.organisation_dates[0].organisation",
                          "complaint.organisation_dates[1].final_response_date",
                          "complaint.organisation_dates[2].organisation",
                          "complaint.organisation_dates[2].final_response_date",
                          "complaint.organisation_dates[3].complained_to_organisation_date"));
}

TEST_F(SubmitTest, TwoPeopleCannotBeGivenTheSameReference) {
  Complaint draft = ValidDraft();
  draft.people.push_back(MakePerson(PersonRole::kOther, "Mrs", "Ann", "Ames"));
  draft.people.push_back(MakePerson(PersonRole::kOther, "Mr", "Al", "Ames"));
  draft.people[1].anonymised_reference_override = "Mrs A";
  draft.people[2].anonymised_reference_override = " mrs a ";
  absl::StatusOr<Complaint> c = logic_.SubmitComplaint("req-1", "fp-1", draft);
  EXPECT_THAT(c, StatusIs(absl::StatusCode::kInvalidArgument, ::testing::HasSubstr("people[1]")));
  EXPECT_THAT(ViolatedFields(c.status()),
              ElementsAre("complaint.people[2].anonymised_reference_override"));
}

TEST_F(SubmitTest, NeedsOneToFiveOrganisations) {
  Complaint draft = ValidDraft();
  draft.organisation_ids.clear();
  EXPECT_THAT(ViolatedFields(logic_.SubmitComplaint("req-1", "fp", draft).status()),
              ElementsAre("complaint.organisations"));
}

TEST_F(SubmitTest, RetryReturnsTheSameComplaint) {
  absl::StatusOr<Complaint> first = logic_.SubmitComplaint("req-1", "fp-1", ValidDraft());
  ASSERT_THAT(first, IsOk());
  clock_.Advance(absl::Minutes(5));
  absl::StatusOr<Complaint> retry = logic_.SubmitComplaint("req-1", "fp-1", ValidDraft());
  ASSERT_THAT(retry, IsOk());
  EXPECT_EQ(*retry, *first);
  absl::StatusOr<ComplaintPage> page = logic_.ListComplaints({});
  ASSERT_THAT(page, IsOk());
  EXPECT_EQ(page->complaints.size(), 1u);
}

TEST_F(SubmitTest, ReusingARequestIdForADifferentBodyIsRefused) {
  ASSERT_THAT(logic_.SubmitComplaint("req-1", "fp-1", ValidDraft()), IsOk());
  Complaint other = ValidDraft();
  other.what_went_wrong = "Something else entirely.";
  absl::StatusOr<Complaint> reused = logic_.SubmitComplaint("req-1", "fp-2", other);
  EXPECT_THAT(reused, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(ErrorReasonOf(reused.status()), reason::kRequestIdReused);
  EXPECT_THAT(ViolatedFields(reused.status()), ElementsAre("request_id"));
}

TEST_F(SubmitTest, AConcurrentSubmitOfTheSameRequestWinsTheRace) {
  absl::StatusOr<Complaint> winner;
  store_.RunBeforeNextWrite(
      [&] { winner = logic_.SubmitComplaint("req-1", "fp-1", ValidDraft()); });
  absl::StatusOr<Complaint> loser = logic_.SubmitComplaint("req-1", "fp-1", ValidDraft());
  ASSERT_THAT(winner, IsOk());
  ASSERT_THAT(loser, IsOk());
  EXPECT_EQ(*loser, *winner);
  absl::StatusOr<ComplaintPage> page = logic_.ListComplaints({});
  ASSERT_THAT(page, IsOk());
  EXPECT_EQ(page->complaints.size(), 1u);
}

TEST_F(SubmitTest, AConcurrentReuseOfTheRequestIdIsRefused) {
  store_.RunBeforeNextWrite([&] { (void)logic_.SubmitComplaint("req-1", "fp-1", ValidDraft()); });
  absl::StatusOr<Complaint> loser = logic_.SubmitComplaint("req-1", "fp-2", ValidDraft());
  EXPECT_EQ(ErrorReasonOf(loser.status()), reason::kRequestIdReused);
}

TEST_F(SubmitTest, AStoreFailureIsReturned) {
  store_.FailNextWrite(absl::UnavailableError("disk gone"));
  EXPECT_THAT(logic_.SubmitComplaint("req-1", "fp-1", ValidDraft()),
              StatusIs(absl::StatusCode::kUnavailable));
}

using GetComplaintTest = IntakeLogicTest;

TEST_F(GetComplaintTest, MalformedNamesAreInvalid) {
  for (const char* name : {"", "complaint/id1", "complaints/", "complaints/id1/x",
                           "organisations/cafcass", "complaints/ID1"}) {
    absl::StatusOr<Complaint> c = logic_.GetComplaint(name);
    EXPECT_THAT(c, StatusIs(absl::StatusCode::kInvalidArgument)) << name;
    EXPECT_THAT(ViolatedFields(c.status()), ElementsAre("name")) << name;
  }
}

TEST_F(GetComplaintTest, MissingIsNotFound) {
  absl::StatusOr<Complaint> c = logic_.GetComplaint("complaints/nope");
  EXPECT_THAT(c, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(ErrorReasonOf(c.status()), reason::kNotFound);
}

using PersonalDetailsTest = IntakeLogicTest;

// A complaint with a complainant, an authorised representative and a relative, each with details
// beyond the name.
Complaint DraftWithThreePeople() {
  Complaint draft = ValidDraft();
  Person representative = MakePerson(PersonRole::kRepresentative, "Ms", "Cat", "Carter");
  representative.authorised = true;
  representative.details.phone = "+44 20 7946 0000";
  Person mother = MakePerson(PersonRole::kOther, "Mrs", "Ada", "Bloggs");
  mother.relationship = "mother";
  mother.details.date_of_birth = absl::CivilDay(1950, 4, 12);
  mother.details.postal_address.lines = {"1 High Street"};
  mother.details.postal_address.locality = "Leeds";
  mother.details.postal_address.postal_code = "LS1 1AA";
  draft.people.push_back(representative);
  draft.people.push_back(mother);
  return draft;
}

TEST_F(PersonalDetailsTest, ReturnsEveryPersonWithRoleAndDetailsInTheOrderRecorded) {
  Complaint draft = DraftWithThreePeople();
  Complaint c = Submit(draft);
  absl::StatusOr<ComplaintPersonalDetails> got = logic_.GetComplaintPersonalDetails(c.name());
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(got->complaint_id, c.id);
  ASSERT_EQ(got->people.size(), 3u);
  const PersonRole roles[] = {PersonRole::kComplainant, PersonRole::kRepresentative,
                              PersonRole::kOther};
  for (size_t i = 0; i < got->people.size(); ++i) {
    EXPECT_EQ(got->people[i].person_id, absl::StrCat("p", i + 1)) << i;
    EXPECT_EQ(got->people[i].role, roles[i]) << i;
    EXPECT_EQ(got->people[i].details, draft.people[i].details) << i;
  }
  EXPECT_EQ(got->people[0].details.email, "joe@example.com");
  EXPECT_EQ(got->people[2].details.date_of_birth, absl::CivilDay(1950, 4, 12));
}

TEST_F(PersonalDetailsTest, FollowsTheCurrentListAfterAnUpdateAndInAClosedComplaint) {
  Complaint c = ClosedAsPremature();
  Complaint patch;
  patch.people = {MakePerson(PersonRole::kOther, "Mr", "Yan", "Yu"), c.people[0]};
  patch.people[0].relationship = "son";
  ASSERT_THAT(logic_.UpdateComplaint(c.name(), patch, {"people"}, ""), IsOk());
  absl::StatusOr<ComplaintPersonalDetails> got = logic_.GetComplaintPersonalDetails(c.name());
  ASSERT_THAT(got, IsOk());
  ASSERT_EQ(got->people.size(), 2u);
  EXPECT_EQ(got->people[0].person_id, "p2");
  EXPECT_EQ(got->people[0].details.family_name, "Yu");
  EXPECT_EQ(got->people[1].person_id, "p1");
  EXPECT_EQ(got->people[1].details, c.people[0].details);
}

TEST_F(PersonalDetailsTest, IncludeTheReferringMpAndThePracticesPublishedAnonymously) {
  Complaint draft = ValidDraft();
  draft.organisation_ids = {"manchester-university-nhs-ft", "gp-practice-example"};
  draft.mp_referral = MpReferral{"Jane Smith MP", "Leeds Central", absl::CivilDay(2025, 12, 1)};
  Complaint c = Submit(draft);
  absl::StatusOr<ComplaintPersonalDetails> got = logic_.GetComplaintPersonalDetails(c.name());
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(got->mp_referral, draft.mp_referral);
  // The trust is published by name; the GP practice as "A GP practice", so its register names
  // are what the guard must not find.
  ASSERT_EQ(got->anonymous_organisations.size(), 1u);
  const Organisation& practice = got->anonymous_organisations[0];
  EXPECT_EQ(practice.id, "gp-practice-example");
  EXPECT_EQ(practice.kind, OrganisationKind::kGpPractice);
  EXPECT_EQ(practice.display_name, "Example Medical Practice");
  EXPECT_EQ(practice.short_name, "Example GP");
}

TEST_F(PersonalDetailsTest, WithoutAReferralOrAPracticeThereIsNeither) {
  Complaint c = Submit(ValidDraft());  // about Cafcass, no MP
  absl::StatusOr<ComplaintPersonalDetails> got = logic_.GetComplaintPersonalDetails(c.name());
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(got->mp_referral, std::nullopt);
  EXPECT_TRUE(got->anonymous_organisations.empty());
}

TEST_F(PersonalDetailsTest, MalformedNamesAreInvalid) {
  for (const char* name : {"", "complaint/id1", "complaints/", "complaints/id1/x",
                           "organisations/cafcass", "complaints/ID1"}) {
    absl::StatusOr<ComplaintPersonalDetails> got = logic_.GetComplaintPersonalDetails(name);
    EXPECT_THAT(got, StatusIs(absl::StatusCode::kInvalidArgument)) << name;
    EXPECT_THAT(ViolatedFields(got.status()), ElementsAre("name")) << name;
  }
}

TEST_F(PersonalDetailsTest, MissingIsNotFound) {
  Submit(ValidDraft());  // complaints/id1 exists; another does not
  absl::StatusOr<ComplaintPersonalDetails> got =
      logic_.GetComplaintPersonalDetails("complaints/id2");
  EXPECT_THAT(got, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(ErrorReasonOf(got.status()), reason::kNotFound);
}

}  // namespace
}  // namespace redress::intake
