#include "services/intake/anonymised_reference.h"

#include <gtest/gtest.h>

#include "services/intake/intake_logic_test_support.h"

namespace redress::intake {
namespace {

using testing::Complainant;
using testing::MakePerson;

PersonalDetails Details(std::string title, std::string family) {
  PersonalDetails details;
  details.title = std::move(title);
  details.family_name = std::move(family);
  return details;
}

std::string ComplainantsOf(const std::vector<Person>& people) {
  std::vector<const Person*> pointers;
  for (const Person& person : people) pointers.push_back(&person);
  return DeriveComplainantsReference(pointers);
}

TEST(InitialOfTest, UpperCasesAnAsciiLetter) {
  EXPECT_EQ(InitialOf("bloggs"), "B");
  EXPECT_EQ(InitialOf("Bloggs"), "B");
  EXPECT_EQ(InitialOf("  de Souza"), "D");
}

TEST(InitialOfTest, KeepsANonAsciiCodePointAsItIs) {
  EXPECT_EQ(InitialOf("Ødegaard"), "Ø");
  EXPECT_EQ(InitialOf("élan"), "é");
  EXPECT_EQ(InitialOf("Żak"), "Ż");
  EXPECT_EQ(InitialOf("王"), "王");
}

TEST(InitialOfTest, EmptyNameHasNoInitial) { EXPECT_EQ(InitialOf(""), ""); }

TEST(PersonReferenceTest, TitleAndInitial) {
  EXPECT_EQ(PersonReference(Details("Mr", "Bloggs")), "Mr B");
  EXPECT_EQ(PersonReference(Details("Dr", "ferguson")), "Dr F");
}

TEST(PersonReferenceTest, NoTitleIsMx) { EXPECT_EQ(PersonReference(Details("", "Young")), "Mx Y"); }

TEST(ComplainantsReferenceTest, OneComplainant) {
  EXPECT_EQ(ComplainantsOf({Complainant("Mr", "Joe", "Bloggs")}), "Mr B");
}

TEST(ComplainantsReferenceTest, TwoSharingAnInitialJoinTheirTitles) {
  EXPECT_EQ(
      ComplainantsOf({Complainant("Mr", "Joe", "Bloggs"), Complainant("Mrs", "Jo", "Bloggs")}),
      "Mr and Mrs B");
}

TEST(ComplainantsReferenceTest, ThreeSharingAnInitial) {
  EXPECT_EQ(ComplainantsOf({Complainant("Mr", "Joe", "Bloggs"), Complainant("Mrs", "Jo", "Bloggs"),
                            Complainant("Miss", "Jay", "Brown")}),
            "Mr, Mrs and Miss B");
}

TEST(ComplainantsReferenceTest, DifferentInitialsJoinEachReference) {
  EXPECT_EQ(ComplainantsOf({Complainant("Mr", "Joe", "Bloggs"), Complainant("Ms", "Fay", "Fox")}),
            "Mr B and Ms F");
}

TEST(ComplainantsReferenceTest, GroupsKeepTheOrderOfFirstAppearance) {
  EXPECT_EQ(ComplainantsOf({Complainant("Ms", "Fay", "Fox"), Complainant("Mr", "Joe", "Bloggs"),
                            Complainant("Mrs", "Jo", "Bloggs")}),
            "Ms F and Mr and Mrs B");
}

TEST(ComplainantsReferenceTest, AComplainantsOwnOverrideStandsForThem) {
  Person overridden = Complainant("Mr", "Joe", "Bloggs");
  overridden.anonymised_reference_override = "Mr X";
  EXPECT_EQ(ComplainantsOf({overridden, Complainant("Ms", "Fay", "Fox")}), "Mr X and Ms F");
}

TEST(DeriveReferencesTest, EveryPersonAndTheComplainantsTogether) {
  Complaint c;
  c.people = {Complainant("Mr", "Joe", "Bloggs"), Complainant("Mrs", "Jo", "Bloggs"),
              MakePerson(PersonRole::kRepresentative, "Ms", "Cat", "Carter")};
  DeriveReferences(c);
  EXPECT_EQ(c.complainants_reference, "Mr and Mrs B");
  EXPECT_EQ(c.people[0].anonymised_reference, "Mr B");
  EXPECT_EQ(c.people[1].anonymised_reference, "Mrs B");
  EXPECT_EQ(c.people[2].anonymised_reference, "Ms C");
}

TEST(DeriveReferencesTest, ARelativeIsNamedThroughTheComplainants) {
  Complaint c;
  c.people = {Complainant("Mrs", "Ann", "Abbott"),
              MakePerson(PersonRole::kOther, "Mrs", "Edna", "Evans")};
  c.people[1].relationship = "mother";
  DeriveReferences(c);
  EXPECT_EQ(c.people[1].anonymised_reference, "Mrs A's mother");
}

TEST(DeriveReferencesTest, AnOtherPersonWithoutRelationshipGetsTheirOwnReference) {
  Complaint c;
  c.people = {Complainant("Mrs", "Ann", "Abbott"), MakePerson(PersonRole::kOther, "", "", "Young"),
              MakePerson(PersonRole::kOther, "Mr", "Yan", "Yu")};
  DeriveReferences(c);
  EXPECT_EQ(c.people[1].anonymised_reference, "Mx Y");
  EXPECT_EQ(c.people[2].anonymised_reference, "Mr Y");
}

TEST(DeriveReferencesTest, ARepresentativeWithoutTitleIsMx) {
  Complaint c;
  c.people = {Complainant("Mrs", "Ann", "Abbott"),
              MakePerson(PersonRole::kRepresentative, "", "Cal", "Carter")};
  DeriveReferences(c);
  EXPECT_EQ(c.people[1].anonymised_reference, "Mx C");
}

TEST(DeriveReferencesTest, OverridesWin) {
  Complaint c;
  c.people = {Complainant("Mrs", "Ann", "Abbott"),
              MakePerson(PersonRole::kOther, "Mrs", "Edna", "Evans")};
  c.people[1].relationship = "mother";
  c.people[0].anonymised_reference_override = "Mrs K";
  c.complainants_reference_override = "Mrs Z";
  DeriveReferences(c);
  EXPECT_EQ(c.complainants_reference, "Mrs Z");
  EXPECT_EQ(c.people[0].anonymised_reference, "Mrs K");
  // The relative follows the complainants' reference as published.
  EXPECT_EQ(c.people[1].anonymised_reference, "Mrs Z's mother");
  c.people[1].anonymised_reference_override = "Mrs Y";
  DeriveReferences(c);
  EXPECT_EQ(c.people[1].anonymised_reference, "Mrs Y");
}

TEST(DeriveReferencesTest, ClearingAnOverrideRestoresTheDerivedReference) {
  Complaint c;
  c.people = {Complainant("Mrs", "Ann", "Abbott")};
  c.complainants_reference_override = "Mrs Z";
  DeriveReferences(c);
  c.complainants_reference_override.clear();
  DeriveReferences(c);
  EXPECT_EQ(c.complainants_reference, "Mrs A");
}

}  // namespace
}  // namespace redress::intake
