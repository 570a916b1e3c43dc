// IntakeLogic: updating and withdrawing complaints, and the order in which an update reports its
// errors. Submitting and reading them is in intake_logic_test.cc.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "services/intake/intake_logic.h"
#include "services/intake/intake_logic_test_support.h"

namespace redress::intake {
namespace {

using redress::testing::IsOk;
using redress::testing::StatusIs;
using ::testing::ElementsAre;
using testing::IntakeLogicTest;
using ::testing::IsSupersetOf;
using testing::MakePerson;
using ::testing::UnorderedElementsAre;
using testing::ValidDraft;
using testing::ViolatedFields;

class UpdateComplaintTest : public IntakeLogicTest {
 protected:
  void SetUp() override {
    IntakeLogicTest::SetUp();
    complaint_ = Submit(ValidDraft());
  }
  Complaint complaint_;
};

TEST_F(UpdateComplaintTest, ChangesOnlyTheMaskedFields) {
  Complaint patch;
  patch.what_went_wrong = "New account.";
  patch.outcome_wanted = "";  // not masked: unchanged
  clock_.Advance(absl::Hours(1));
  absl::StatusOr<Complaint> updated =
      logic_.UpdateComplaint(complaint_.name(), patch, {"what_went_wrong"}, "1");
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(updated->what_went_wrong, "New account.");
  EXPECT_EQ(updated->outcome_wanted, complaint_.outcome_wanted);
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->update_time, clock_.Now());
  EXPECT_EQ(updated->create_time, complaint_.create_time);
  absl::StatusOr<Complaint> stored = logic_.GetComplaint(complaint_.name());
  ASSERT_THAT(stored, IsOk());
  EXPECT_EQ(*stored, *updated);
}

TEST_F(UpdateComplaintTest, StaleEtagIsAbortedAndWritesNothing) {
  Complaint patch;
  patch.what_went_wrong = "New account.";
  const int writes = store_.write_calls();
  absl::StatusOr<Complaint> updated =
      logic_.UpdateComplaint(complaint_.name(), patch, {"what_went_wrong"}, "7");
  EXPECT_THAT(updated, StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(ErrorReasonOf(updated.status()), reason::kEtagMismatch);
  EXPECT_EQ(store_.write_calls(), writes);
}

TEST_F(UpdateComplaintTest, LosingARaceIsAborted) {
  Complaint patch;
  patch.what_went_wrong = "New account.";
  store_.RunBeforeNextWrite([&] {
    Complaint other;
    other.outcome_wanted = "Compensation.";
    ASSERT_THAT(logic_.UpdateComplaint(complaint_.name(), other, {"outcome_wanted"}, ""), IsOk());
  });
  EXPECT_THAT(logic_.UpdateComplaint(complaint_.name(), patch, {"what_went_wrong"}, ""),
              StatusIs(absl::StatusCode::kAborted));
  absl::StatusOr<Complaint> stored = logic_.GetComplaint(complaint_.name());
  ASSERT_THAT(stored, IsOk());
  EXPECT_EQ(stored->outcome_wanted, "Compensation.");
  EXPECT_EQ(stored->what_went_wrong, complaint_.what_went_wrong);
}

TEST_F(UpdateComplaintTest, MaskMustBeGivenAndKnown) {
  Complaint patch;
  EXPECT_THAT(ViolatedFields(logic_.UpdateComplaint(complaint_.name(), patch, {}, "").status()),
              ElementsAre("update_mask"));
  absl::StatusOr<Complaint> unknown =
      logic_.UpdateComplaint(complaint_.name(), patch, {"state", "etag", "what_went_wrong"}, "");
  EXPECT_THAT(unknown, StatusIs(absl::StatusCode::kInvalidArgument));
  // "what_went_wrong" (paths[2]) is updatable; the other two are not.
  EXPECT_THAT(ViolatedFields(unknown.status()),
              ElementsAre("update_mask.paths[0]", "update_mask.paths[1]"));
}

TEST_F(UpdateComplaintTest, MalformedNameIsReportedOnTheComplaint) {
  EXPECT_THAT(
      ViolatedFields(logic_.UpdateComplaint("complaints", {}, {"what_went_wrong"}, "").status()),
      ElementsAre("complaint.name"));
  EXPECT_THAT(logic_.UpdateComplaint("complaints/zzz", {}, {"what_went_wrong"}, ""),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(UpdateComplaintTest, ValidatesTheMaskedFieldsOfTheResult) {
  Complaint patch;
  patch.final_response_date = absl::CivilDay(2025, 10, 1);  // before the complaint to the body
  patch.organisation_ids = {"nowhere"};
  patch.what_went_wrong = "";
  absl::StatusOr<Complaint> updated = logic_.UpdateComplaint(
      complaint_.name(), patch, {"final_response_date", "organisations", "what_went_wrong"}, "");
  EXPECT_THAT(ViolatedFields(updated.status()),
              IsSupersetOf({"complaint.final_response_date", "complaint.organisations[0]",
                            "complaint.what_went_wrong"}));
  absl::StatusOr<Complaint> stored = logic_.GetComplaint(complaint_.name());
  ASSERT_THAT(stored, IsOk());
  EXPECT_EQ(*stored, complaint_);
}

TEST_F(UpdateComplaintTest, ClearingTheComplaintToTheOrganisationNeedsNoFinalResponse) {
  Complaint patch;  // both dates cleared together
  absl::StatusOr<Complaint> updated = logic_.UpdateComplaint(
      complaint_.name(), patch, {"complained_to_organisation_date", "final_response_date"}, "");
  ASSERT_THAT(updated, IsOk());
  EXPECT_FALSE(updated->complained_to_organisation_date.has_value());
  patch.final_response_date = absl::CivilDay(2025, 12, 10);
  EXPECT_THAT(
      ViolatedFields(
          logic_.UpdateComplaint(complaint_.name(), patch, {"final_response_date"}, "").status()),
      ElementsAre("complaint.final_response_date"));
}

TEST_F(UpdateComplaintTest, PeopleKeepTheirIdsAndNewPeopleGetTheNext) {
  Complaint patch;
  patch.people = {MakePerson(PersonRole::kOther, "Mrs", "Edna", "Evans"), complaint_.people[0]};
  patch.people[0].relationship = "mother";
  patch.people[1].details.family_name = "Dawson";
  absl::StatusOr<Complaint> updated =
      logic_.UpdateComplaint(complaint_.name(), patch, {"people"}, "");
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(updated->people[0].person_id, "p2");
  EXPECT_EQ(updated->people[1].person_id, "p1");
  EXPECT_EQ(updated->complainants_reference, "Mr D");
  EXPECT_EQ(updated->people[0].anonymised_reference, "Mr D's mother");
}

TEST_F(UpdateComplaintTest, UnknownOrRepeatedPersonIdsAreRefused) {
  Complaint patch;
  patch.people = {complaint_.people[0], complaint_.people[0], complaint_.people[0]};
  patch.people[2].person_id = "p9";
  EXPECT_THAT(
      ViolatedFields(logic_.UpdateComplaint(complaint_.name(), patch, {"people"}, "").status()),
      ElementsAre("complaint.people[1].person_id", "complaint.people[2].person_id"));
}

TEST_F(UpdateComplaintTest, ReferenceOverridesReplaceTheDerivedReferences) {
  Complaint patch;
  patch.people = complaint_.people;
  patch.people[0].anonymised_reference_override = "Mr Q";
  patch.complainants_reference_override = "Mr R";
  absl::StatusOr<Complaint> updated = logic_.UpdateComplaint(
      complaint_.name(), patch, {"people", "complainants_reference_override"}, "");
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(updated->people[0].anonymised_reference, "Mr Q");
  EXPECT_EQ(updated->complainants_reference, "Mr R");
}

TEST_F(UpdateComplaintTest, AHugePersonIdIsUnknownNotANumberInUse) {
  for (const char* huge :
       {"p1000001", "p2147483647", "p9223372036854775807", "p99999999999999999999"}) {
    SCOPED_TRACE(huge);
    Complaint patch;
    patch.people = {complaint_.people[0], complaint_.people[0],
                    MakePerson(PersonRole::kOther, "Mrs", "Edna", "Evans")};
    patch.people[1].person_id = huge;
    patch.people[2].relationship = "mother";
    const int writes = store_.write_calls();
    absl::StatusOr<Complaint> updated =
        logic_.UpdateComplaint(complaint_.name(), patch, {"people"}, "");
    EXPECT_THAT(updated, StatusIs(absl::StatusCode::kInvalidArgument,
                                  ::testing::HasSubstr(std::string("no person \"") + huge)));
    EXPECT_THAT(ViolatedFields(updated.status()), ElementsAre("complaint.people[1].person_id"));
    EXPECT_EQ(store_.write_calls(), writes);
  }
}

TEST_F(UpdateComplaintTest, PersonNumbersStopAtAMillion) {
  Complaint renumbered = complaint_;
  renumbered.people[0].person_id = "p999999";
  renumbered.version = 2;
  ASSERT_THAT(store_.UpdateComplaint(renumbered, 1, std::nullopt, std::nullopt), IsOk());
  Complaint patch;
  patch.people = {renumbered.people[0], MakePerson(PersonRole::kOther, "Mrs", "Edna", "Evans")};
  patch.people[1].relationship = "mother";
  absl::StatusOr<Complaint> updated =
      logic_.UpdateComplaint(complaint_.name(), patch, {"people"}, "2");
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(updated->people[1].person_id, "p1000000");

  patch.people = updated->people;
  patch.people.push_back(MakePerson(PersonRole::kOther, "Mr", "Fred", "Evans"));
  patch.people.back().relationship = "father";
  absl::StatusOr<Complaint> full =
      logic_.UpdateComplaint(complaint_.name(), patch, {"people"}, "3");
  EXPECT_THAT(full, StatusIs(absl::StatusCode::kInvalidArgument,
                             ::testing::HasSubstr("no more people can be added")));
  EXPECT_THAT(ViolatedFields(full.status()), ElementsAre("complaint.people"));
}

// The order of an update's errors: the request itself (INVALID_ARGUMENT, every violation at once),
// then the etag (ABORTED), then the state (FAILED_PRECONDITION). NOT_FOUND comes before the values,
// which are checked against the stored resource.
using UpdateErrorOrderTest = UpdateComplaintTest;

TEST_F(UpdateErrorOrderTest, InvalidValuesComeBeforeAStaleEtag) {
  Complaint patch;
  patch.final_response_date = absl::CivilDay(2025, 10, 1);  // before the complaint to the body
  FieldViolations decoding;
  decoding.Add("complaint.aware_date", "month 13 is not a month");
  const int writes = store_.write_calls();
  absl::StatusOr<Complaint> updated = logic_.UpdateComplaint(
      complaint_.name(), patch, {"aware_date", "final_response_date"}, "7", decoding);
  EXPECT_THAT(updated, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(updated.status()),
              UnorderedElementsAre("complaint.aware_date", "complaint.final_response_date"));
  EXPECT_EQ(store_.write_calls(), writes);

  patch.aware_date = complaint_.aware_date;
  patch.final_response_date = complaint_.final_response_date;
  updated =
      logic_.UpdateComplaint(complaint_.name(), patch, {"aware_date", "final_response_date"}, "7");
  EXPECT_THAT(updated, StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(ErrorReasonOf(updated.status()), reason::kEtagMismatch);
  EXPECT_EQ(store_.write_calls(), writes);
}

TEST_F(UpdateErrorOrderTest, InvalidValuesComeBeforeTheStateAndTheEtagBeforeTheState) {
  const Complaint accepted = Accepted();
  Complaint patch;
  patch.what_went_wrong = "";  // required
  const int writes = store_.write_calls();
  absl::StatusOr<Complaint> updated =
      logic_.UpdateComplaint(accepted.name(), patch, {"what_went_wrong"}, "1");
  EXPECT_THAT(updated, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(updated.status()), ElementsAre("complaint.what_went_wrong"));

  patch.what_went_wrong = "Rewritten after acceptance.";
  updated = logic_.UpdateComplaint(accepted.name(), patch, {"what_went_wrong"}, "1");
  EXPECT_THAT(updated, StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(ErrorReasonOf(updated.status()), reason::kEtagMismatch);

  updated = logic_.UpdateComplaint(accepted.name(), patch, {"what_went_wrong"}, "2");
  EXPECT_THAT(updated, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReasonOf(updated.status()), reason::kInvalidStateTransition);
  EXPECT_EQ(store_.write_calls(), writes);
}

TEST_F(UpdateErrorOrderTest, AMissingComplaintIsNotFoundWhateverTheValues) {
  Complaint patch;
  patch.what_went_wrong = "";
  FieldViolations decoding;
  decoding.Add("complaint.aware_date", "month 13 is not a month");
  EXPECT_THAT(logic_.UpdateComplaint("complaints/zzz", patch, {"what_went_wrong", "aware_date"},
                                     "7", decoding),
              StatusIs(absl::StatusCode::kNotFound));
}

// UpdateOrganisation follows the same order (its other tests are in organisation_register_test.cc).
TEST_F(UpdateErrorOrderTest, OrganisationValuesComeBeforeAStaleEtag) {
  Organisation patch;  // an empty display name, and an unspecified kind
  FieldViolations decoding;
  decoding.Add("organisation.jurisdiction", "77 is not a Jurisdiction");
  const int writes = store_.write_calls();
  absl::StatusOr<Organisation> updated = logic_.UpdateOrganisation(
      "organisations/cafcass", patch, {"display_name", "kind", "jurisdiction"}, "3", decoding);
  EXPECT_THAT(updated, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(updated.status()),
              UnorderedElementsAre("organisation.jurisdiction", "organisation.display_name",
                                   "organisation.kind"));

  patch.display_name = "Cafcass Cymru";
  patch.kind = OrganisationKind::kNonDepartmentalPublicBody;
  patch.jurisdiction = Jurisdiction::kParliamentary;
  updated = logic_.UpdateOrganisation("organisations/cafcass", patch,
                                      {"display_name", "kind", "jurisdiction"}, "3");
  EXPECT_THAT(updated, StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(ErrorReasonOf(updated.status()), reason::kEtagMismatch);
  EXPECT_EQ(store_.write_calls(), writes);
}

using WithdrawTest = IntakeLogicTest;

TEST_F(WithdrawTest, NeedsAReasonAndAName) {
  absl::StatusOr<Complaint> c = logic_.WithdrawComplaint("bad", "", "");
  EXPECT_THAT(ViolatedFields(c.status()), ElementsAre("name", "reason"));
  Complaint received = Submit(ValidDraft());
  EXPECT_THAT(ViolatedFields(
                  logic_.WithdrawComplaint(received.name(), std::string(2001, 'x'), "").status()),
              ElementsAre("reason"));
}

TEST_F(WithdrawTest, StaleEtagIsAborted) {
  Complaint received = Submit(ValidDraft());
  EXPECT_THAT(logic_.WithdrawComplaint(received.name(), "No longer needed.", "2"),
              StatusIs(absl::StatusCode::kAborted));
  absl::StatusOr<Complaint> withdrawn =
      logic_.WithdrawComplaint(received.name(), "No longer needed.", "1");
  ASSERT_THAT(withdrawn, IsOk());
  EXPECT_EQ(withdrawn->version, 2);
}

TEST_F(WithdrawTest, MissingComplaintIsNotFound) {
  EXPECT_THAT(logic_.WithdrawComplaint("complaints/nope", "No longer needed.", ""),
              StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace redress::intake
