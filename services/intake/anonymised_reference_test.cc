#include "services/intake/anonymised_reference.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/intake/intake_logic_test_support.h"

namespace redress::intake {
namespace {

using testing::Complainant;
using ::testing::ElementsAre;
using testing::MakePerson;

PersonalDetails Details(std::string title, std::string family) {
  PersonalDetails details;
  details.title = std::move(title);
  details.family_name = std::move(family);
  return details;
}

// The complainants' reference of a complaint with `people`.
std::string ComplainantsOf(const std::vector<Person>& people) {
  Complaint c;
  c.people = people;
  DeriveReferences(c);
  return c.complainants_reference;
}

TEST(InitialOfTest, UpperCasesAnAsciiLetter) {
  EXPECT_EQ(InitialOf("bloggs"), "B");
  EXPECT_EQ(InitialOf("Bloggs"), "B");
  EXPECT_EQ(InitialOf("  de Souza"), "D");
}

TEST(InitialOfTest, FoldsALatinLetterWithDiacriticsToItsBaseLetter) {
  EXPECT_EQ(InitialOf("Ødegaard"), "O");
  EXPECT_EQ(InitialOf("élan"), "E");
  EXPECT_EQ(InitialOf("Żak"), "Z");
  EXPECT_EQ(InitialOf("Ólafsson"), "O");
  EXPECT_EQ(InitialOf("Łukasiewicz"), "L");
  EXPECT_EQ(InitialOf("Ærø"), "A");
  EXPECT_EQ(InitialOf("Ngô"), "N");
  EXPECT_EQ(InitialOf("Ỷ"), "Y");
}

TEST(InitialOfTest, SkipsAWordThatStartsWithPunctuation) {
  EXPECT_EQ(InitialOf("'t Hooft"), "H");
  EXPECT_EQ(InitialOf("O'Neill"), "O");
  EXPECT_EQ(InitialOf("d'Arcy"), "D");
  EXPECT_EQ(InitialOf("(Smith)"), "S");  // no word starts with a letter: the first letter
}

TEST(InitialOfTest, ANameWithoutALatinLetterHasNoInitial) {
  EXPECT_EQ(InitialOf("王"), "");
  EXPECT_EQ(InitialOf("Ωmega"), "M");  // the first Latin letter anywhere
  EXPECT_EQ(InitialOf("Σμιθ"), "");
  EXPECT_EQ(InitialOf("\xff\xfe"), "");  // not UTF-8
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

// --- References are unique on a complaint (issue 11). ---

std::vector<std::string> ReferencesOf(const Complaint& c) {
  std::vector<std::string> references;
  for (const Person& person : c.people) references.push_back(person.anonymised_reference);
  return references;
}

TEST(DistinctReferencesTest, TwoComplainantsWithTheSameTitleAndInitialGetDifferentLetters) {
  Complaint c;
  c.people = {Complainant("Mr", "Joe", "Bloggs"), Complainant("Mr", "Ben", "Brown")};
  DeriveReferences(c);
  EXPECT_THAT(ReferencesOf(c), ElementsAre("Mr B", "Mr C"));
  EXPECT_EQ(c.complainants_reference, "Mr B and Mr C");  // never "Mr and Mr B"
}

TEST(DistinctReferencesTest, TwoOtherPeopleWithTheSameTitleAndInitialGetDifferentLetters) {
  Complaint c;
  c.people = {Complainant("Ms", "Fay", "Fox"),
              MakePerson(PersonRole::kOther, "Mrs", "Ann", "Abbott"),
              MakePerson(PersonRole::kOther, "Mrs", "Amy", "Ashe")};
  DeriveReferences(c);
  EXPECT_THAT(ReferencesOf(c), ElementsAre("Ms F", "Mrs A", "Mrs B"));
}

TEST(DistinctReferencesTest, TheNextFreeLetterSkipsTakenOnesAndGoesRoundFromZToA) {
  Complaint c;
  c.people = {Complainant("Mr", "Al", "Zed"), Complainant("Mr", "Bo", "Zeal"),
              MakePerson(PersonRole::kOther, "Mr", "Cy", "Adams"),
              MakePerson(PersonRole::kOther, "Mr", "Di", "Zorn")};
  DeriveReferences(c);
  // Mr Zeal goes round to A; Mr Adams then finds A taken and takes B; Mr Zorn skips Z, A and B.
  EXPECT_THAT(ReferencesOf(c), ElementsAre("Mr Z", "Mr A", "Mr B", "Mr C"));
  EXPECT_EQ(c.complainants_reference, "Mr Z and Mr A");
}

TEST(DistinctReferencesTest, TitlesAreComparedIgnoringCase) {
  Complaint c;
  c.people = {Complainant("Mr", "Joe", "Bloggs"), Complainant("MR", "Ben", "Brown")};
  DeriveReferences(c);
  EXPECT_THAT(ReferencesOf(c), ElementsAre("Mr B", "MR C"));
}

TEST(DistinctReferencesTest, ACoupleSharingAnInitialStillSharesIt) {
  Complaint c;
  c.people = {Complainant("Mr", "Joe", "Bloggs"), Complainant("Mrs", "Jo", "Bloggs"),
              Complainant("Mr", "Ben", "Brown")};
  DeriveReferences(c);
  EXPECT_THAT(ReferencesOf(c), ElementsAre("Mr B", "Mrs B", "Mr C"));
  EXPECT_EQ(c.complainants_reference, "Mr and Mrs B and Mr C");
}

TEST(DistinctReferencesTest, DerivedReferencesAvoidOverrides) {
  Complaint c;
  c.people = {Complainant("Mr", "Joe", "Carter"),
              MakePerson(PersonRole::kOther, "Mr", "Yan", "Young")};
  c.people[1].anonymised_reference_override = "Mr C";  // a later person's override comes first
  DeriveReferences(c);
  EXPECT_THAT(ReferencesOf(c), ElementsAre("Mr D", "Mr C"));
}

TEST(DistinctReferencesTest, ANameWithoutALatinInitialStartsAtA) {
  Complaint c;
  c.people = {Complainant("Mr", "Wei", "Ali"), Complainant("Mr", "Wei", "王")};
  DeriveReferences(c);
  EXPECT_THAT(ReferencesOf(c), ElementsAre("Mr A", "Mr B"));
}

TEST(DistinctReferencesTest, NamesWithAccentsAndPunctuationGiveACapitalLetter) {
  Complaint c;
  c.people = {Complainant("Mr", "Jón", "Ólafsson"), Complainant("Mr", "Gerard", "'t Hooft"),
              MakePerson(PersonRole::kOther, "Ms", "Siobhán", "O'Neill")};
  DeriveReferences(c);
  EXPECT_THAT(ReferencesOf(c), ElementsAre("Mr O", "Mr H", "Ms O"));
  EXPECT_EQ(c.complainants_reference, "Mr O and Mr H");
}

TEST(DistinctReferencesTest, AddingAPersonLaterChangesNoEarlierReference) {
  Complaint c;
  c.people = {Complainant("Mr", "Joe", "Bloggs"),
              MakePerson(PersonRole::kOther, "Mr", "Bo", "Bell")};
  DeriveReferences(c);
  EXPECT_THAT(ReferencesOf(c), ElementsAre("Mr B", "Mr C"));
  c.people.push_back(Complainant("Mr", "Ben", "Brown"));
  c.people.push_back(MakePerson(PersonRole::kOther, "Mr", "Cy", "Cole"));
  DeriveReferences(c);
  EXPECT_THAT(ReferencesOf(c), ElementsAre("Mr B", "Mr C", "Mr D", "Mr E"));
  EXPECT_EQ(c.complainants_reference, "Mr B and Mr D");
}

TEST(DistinctReferencesTest, ARepresentativeWithARelationshipIsNamedThroughTheComplainants) {
  Complaint c;
  c.people = {Complainant("Mrs", "Ann", "Abbott"),
              MakePerson(PersonRole::kRepresentative, "Mr", "Sam", "Abbott")};
  c.people[1].relationship = "son";
  DeriveReferences(c);
  EXPECT_EQ(c.people[1].anonymised_reference, "Mrs A's son");
}

TEST(DistinctReferencesTest, ASecondPersonWithTheSameRelationshipGetsALetter) {
  Complaint c;
  c.people = {Complainant("Mrs", "Ann", "Abbott"),
              MakePerson(PersonRole::kRepresentative, "Mr", "Sam", "Abbott"),
              MakePerson(PersonRole::kOther, "Mr", "Tom", "Abbott")};
  c.people[1].relationship = "son";
  c.people[2].relationship = "Son";
  DeriveReferences(c);
  EXPECT_THAT(ReferencesOf(c), ElementsAre("Mrs A", "Mrs A's son", "Mr A"));
}

TEST(DistinctReferencesTest, ARelationshipReferenceGivenAsAnOverrideMovesTheDerivedOneToALetter) {
  Complaint c;
  c.people = {Complainant("Mrs", "Ann", "Abbott"),
              MakePerson(PersonRole::kOther, "Mrs", "Edna", "Evans"),
              MakePerson(PersonRole::kOther, "Mrs", "Ida", "Ives")};
  c.people[1].relationship = "mother";
  c.people[2].anonymised_reference_override = "Mrs A's mother";
  DeriveReferences(c);
  EXPECT_THAT(ReferencesOf(c), ElementsAre("Mrs A", "Mrs E", "Mrs A's mother"));
}

}  // namespace
}  // namespace redress::intake
