// Service tests of anonymised references (issue 11): unique on a complaint, a capital letter from
// names with accents or leading punctuation, relationship references for representatives, and
// caseworkers' overrides that may not repeat one another.

#include <string>
#include <vector>

#include "services/intake/api/intake_service_test_support.h"

namespace redress::intake::testing {
namespace {

using ::redress::testing::IsOk;
using ::testing::ElementsAre;

class ReferencesServiceTest : public IntakeServiceTest {
 protected:
  static v1::Person* AddPerson(v1::Complaint& complaint, v1::PersonRole role,
                               const std::string& title, const std::string& given,
                               const std::string& family) {
    v1::Person* person = complaint.add_people();
    person->set_role(role);
    person->mutable_details()->set_title(title);
    person->mutable_details()->set_given_name(given);
    person->mutable_details()->set_family_name(family);
    return person;
  }

  static std::vector<std::string> ReferencesOf(const v1::Complaint& complaint) {
    std::vector<std::string> references;
    for (const v1::Person& person : complaint.people()) {
      references.push_back(person.anonymised_reference());
    }
    return references;
  }
};

TEST_P(ReferencesServiceTest, PeopleSharingATitleAndInitialGetDistinctReferences) {
  v1::Complaint complaint = ValidComplaint();  // Mrs Ann Brown
  AddPerson(complaint, v1::PERSON_ROLE_COMPLAINANT, "Mrs", "Bea", "Bell");
  AddPerson(complaint, v1::PERSON_ROLE_OTHER, "Mrs", "Cat", "Bishop");
  const v1::Complaint submitted = Submit("req-1", complaint);
  EXPECT_THAT(ReferencesOf(submitted), ElementsAre("Mrs B", "Mrs C", "Mrs D"));
  EXPECT_EQ(submitted.complainants_reference(), "Mrs B and Mrs C");
  EXPECT_EQ(Get(submitted.name()).SerializeAsString(), submitted.SerializeAsString());
}

TEST_P(ReferencesServiceTest, AccentsAndLeadingPunctuationGiveACapitalLetter) {
  v1::Complaint complaint = ValidComplaint();
  complaint.mutable_people(0)->mutable_details()->set_title("Mr");
  complaint.mutable_people(0)->mutable_details()->set_family_name("Ólafsson");
  AddPerson(complaint, v1::PERSON_ROLE_OTHER, "Mr", "Gerard", "'t Hooft");
  AddPerson(complaint, v1::PERSON_ROLE_OTHER, "Ms", "Siobhán", "O'Neill");
  const v1::Complaint submitted = Submit("req-1", complaint);
  EXPECT_THAT(ReferencesOf(submitted), ElementsAre("Mr O", "Mr H", "Ms O"));
  EXPECT_EQ(submitted.complainants_reference(), "Mr O");
}

TEST_P(ReferencesServiceTest, ARepresentativeWithARelationshipIsNamedThroughTheComplainants) {
  v1::Complaint complaint = ValidComplaint();
  v1::Person* son = AddPerson(complaint, v1::PERSON_ROLE_REPRESENTATIVE, "Mr", "Sam", "Brown");
  son->set_relationship("son");
  son->set_authorised(true);
  const v1::Complaint submitted = Submit("req-1", complaint);
  EXPECT_THAT(ReferencesOf(submitted), ElementsAre("Mrs B", "Mrs B's son"));
}

TEST_P(ReferencesServiceTest, AddingAPersonLaterKeepsTheEarlierReferences) {
  v1::Complaint complaint = ValidComplaint();
  AddPerson(complaint, v1::PERSON_ROLE_OTHER, "Mrs", "Bea", "Bell");
  const v1::Complaint submitted = Submit("req-1", complaint);
  ASSERT_THAT(ReferencesOf(submitted), ElementsAre("Mrs B", "Mrs C"));

  v1::UpdateComplaintRequest update;
  *update.mutable_complaint() = submitted;
  AddPerson(*update.mutable_complaint(), v1::PERSON_ROLE_COMPLAINANT, "Mrs", "Cleo", "Bates");
  update.mutable_update_mask()->add_paths("people");
  v1::Complaint updated;
  ASSERT_THAT(Call(&v1::Intake::Stub::UpdateComplaint, update, &updated), IsOk());
  EXPECT_THAT(ReferencesOf(updated), ElementsAre("Mrs B", "Mrs C", "Mrs D"));
  EXPECT_EQ(updated.complainants_reference(), "Mrs B and Mrs D");
}

TEST_P(ReferencesServiceTest, AnOverrideTakesItsReferenceFirstAndMayNotBeRepeated) {
  v1::Complaint complaint = ValidComplaint();
  AddPerson(complaint, v1::PERSON_ROLE_OTHER, "Mrs", "Bea", "Bell")
      ->set_anonymised_reference_override("Mrs B");
  const v1::Complaint submitted = Submit("req-1", complaint);
  EXPECT_THAT(ReferencesOf(submitted), ElementsAre("Mrs C", "Mrs B"));

  AddPerson(complaint, v1::PERSON_ROLE_OTHER, "Mr", "Dan", "Dean")
      ->set_anonymised_reference_override("mrs b");
  v1::Complaint response;
  grpc::Status status =
      Call(&v1::Intake::Stub::SubmitComplaint, SubmitRequest("req-2", complaint), &response);
  ExpectError(status, grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_THAT(DetailsOf(status).fields(),
              ElementsAre("complaint.people[2].anonymised_reference_override"));
}

INSTANTIATE_TEST_SUITE_P(Stores, ReferencesServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);

}  // namespace
}  // namespace redress::intake::testing
