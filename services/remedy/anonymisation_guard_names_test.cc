// The guard's names as a person would recognise them (issue 11): family names in the plural and
// possessive, without diacritics, with their separators written any way; given names that are
// ordinary words only where they stand as names; the referring MP; other people on the case;
// organisations published anonymously.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/remedy/anonymisation_guard.h"
#include "services/remedy/anonymisation_guard_test_support.h"

namespace redress::remedy {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace guard_testing;

std::vector<PersonalDataHit> FindOnCase(const std::string& text,
                                        const PersonalDataOnCase& on_case) {
  return FindPersonalData({{kField, text}}, on_case);
}

// --- Family names. ---

TEST(GuardRecognisedNamesTest, FamilyNameInThePluralAndPossessive) {
  const std::vector<PersonOnCase> people = {Complainant("Ann", "Wrenfield")};
  EXPECT_THAT(FindIn("Mr Wrenfield’s operation", people), ElementsAre(Hit(3, "family_name")));
  EXPECT_THAT(FindIn("the Wrenfields complained", people), ElementsAre(Hit(4, "family_name")));
  EXPECT_THAT(FindIn("the Wrenfields’ complaint", people), ElementsAre(Hit(4, "family_name")));
  EXPECT_THAT(FindIn("the Wrenfields's complaint", people), ElementsAre(Hit(4, "family_name")));
  EXPECT_THAT(FindIn("the Joneses", {Complainant("Ann", "Jones")}),
              ElementsAre(Hit(4, "family_name")));
  EXPECT_THAT(FindIn("Wrenfielder Wrenfieldian", people), IsEmpty());
}

TEST(GuardRecognisedNamesTest, FamilyNameWithOrWithoutDiacritics) {
  EXPECT_THAT(FindIn("Mr Nguyen and Mr NGUYEN", {Complainant("Ann", "Nguyễn")}),
              ElementsAre(Hit(3, "family_name"), Hit(17, "family_name")));
  EXPECT_THAT(FindIn("Mr Nguyễn", {Complainant("Ann", "Nguyen")}),
              ElementsAre(Hit(3, "family_name")));
  EXPECT_THAT(FindIn("Ms Sørensen and Ms Sorensen", {Complainant("Ann", "Sorensen")}),
              ElementsAre(Hit(3, "family_name"), Hit(20, "family_name")));
}

TEST(GuardRecognisedNamesTest, FamilyNameSplitByAnyApostropheOrHyphenOrNone) {
  const std::vector<PersonOnCase> people = {Complainant("Sean", "O'Neill")};
  for (const char* written : {"O’Neill", "O‘Neill", "OʼNeill", "O′Neill", "ONeill", "O-Neill"}) {
    SCOPED_TRACE(written);
    const std::vector<PersonalDataHit> hits = FindIn(std::string("Mr ") + written, people);
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits.front(), Hit(3, "family_name"));
  }
  // Recorded without the apostrophe, written with it.
  EXPECT_THAT(FindIn("Mr O’Neill", {Complainant("Sean", "ONeill")}),
              ElementsAre(Hit(3, "family_name")));
  EXPECT_THAT(FindIn("Ms Smith–Jones and Ms SmithJones", {Complainant("Ann", "Smith-Jones")}),
              ElementsAre(Hit(3, "family_name"), Hit(11, "family_name"), Hit(24, "family_name")));
}

// --- Given names that are ordinary words. ---

TEST(GuardOrdinaryWordNamesTest, OrdinaryWordsAndMonthsAreNotHitsInTheirOrdinarySense) {
  const std::vector<PersonOnCase> people = {Complainant("May", "Wrenfield"),
                                            Person("other", "Will", "Hart"),
                                            Person("representative", "Grace", "Okafor")};
  for (const char* text :
       {"In May 2021 the trust wrote.", "The trust will apologise.", "By the grace of the board.",
        "On 3 May the trust wrote.", "May 2021 was when it began.", "It may be that it was late.",
        "Since May the trust has not replied.", "It happened in mid-May.",
        "They met on May 3, 2021.", "It was in early May, after the move."}) {
    SCOPED_TRACE(text);
    EXPECT_THAT(FindIn(text, people), IsEmpty());
  }
}

TEST(GuardOrdinaryWordNamesTest, NextToTheFamilyNameOrATitleWhateverTheCase) {
  const std::vector<PersonOnCase> people = {Complainant("May", "Wrenfield")};
  EXPECT_THAT(FindIn("Mrs May Wrenfield wrote", people),
              ElementsAre(Hit(4, "given_name"), Hit(8, "family_name")));
  EXPECT_THAT(FindIn("may wrenfield wrote", people),
              ElementsAre(Hit(0, "given_name"), Hit(4, "family_name")));
  EXPECT_THAT(FindIn("Wrenfield, May wrote", people),
              ElementsAre(Hit(0, "family_name"), Hit(11, "given_name")));
  EXPECT_THAT(FindIn("in May Wrenfield’s view", people),
              ElementsAre(Hit(3, "given_name"), Hit(7, "family_name")));
  EXPECT_THAT(FindIn("Dr. May wrote in May 2020", {Complainant("May", "Lee")}),
              ElementsAre(Hit(4, "given_name")));
  EXPECT_THAT(FindIn("we met mrs grace", {Person("complainant", "Grace", "Lee")}),
              ElementsAre(Hit(11, "given_name")));
}

TEST(GuardOrdinaryWordNamesTest, AloneAsThePersonsReferenceWhenCapitalised) {
  const std::vector<PersonOnCase> people = {Complainant("May", "Wrenfield"),
                                            Person("other", "Will", "Hart")};
  EXPECT_THAT(FindIn("We wrote to May twice.", people), ElementsAre(Hit(12, "given_name")));
  EXPECT_THAT(FindIn("May’s letter arrived.", people), ElementsAre(Hit(0, "given_name")));
  EXPECT_THAT(FindIn("May complained to the trust.", people), ElementsAre(Hit(0, "given_name")));
  EXPECT_THAT(FindIn("The trust told Will nothing.", people),
              ElementsAre(Hit(15, "given_name", "other")));
  // A sentence's first word cannot be told from the name: a false alarm, not a leak.
  EXPECT_THAT(FindIn("Will the trust apologise?", people),
              ElementsAre(Hit(0, "given_name", "other")));
}

TEST(GuardOrdinaryWordNamesTest, OtherGivenNamesAreHitsWhereverTheyAppear) {
  const std::vector<PersonOnCase> people = {Complainant("Joanna", "Siddiqui")};
  EXPECT_THAT(FindIn("the nurse told joanna", people), ElementsAre(Hit(15, "given_name")));
  // A family name that is an ordinary word is never relaxed.
  EXPECT_THAT(FindIn("it may be", {Complainant("Ann", "May")}), ElementsAre(Hit(3, "family_name")));
}

TEST(GuardOrdinaryWordNamesTest, APartOfAGivenNameOnTheList) {
  const std::vector<PersonOnCase> people = {Complainant("Mary-Rose", "Lee")};
  EXPECT_THAT(FindIn("a rose bush", people), IsEmpty());
  EXPECT_THAT(FindIn("Mary-Rose wrote; Rose wrote", people),
              ElementsAre(Hit(0, "given_name"), Hit(5, "given_name"), Hit(17, "given_name")));
}

// --- The referring MP, other people, organisations published anonymously. ---

TEST(GuardReferringMpTest, TheMpsNameWithoutStylesTitlesOrPostNominals) {
  PersonalDataOnCase on_case;
  on_case.referring_mp_name = "The Rt Hon Dame Jane Smith-Holt DBE MP";
  EXPECT_THAT(
      FindOnCase("Jane Smith-Holt MP referred it; Ms Holt agreed.", on_case),
      ElementsAre(Hit(0, "given_name", "referring_mp"), Hit(5, "family_name", "referring_mp"),
                  Hit(11, "family_name", "referring_mp"), Hit(35, "family_name", "referring_mp")));
  EXPECT_THAT(FindOnCase("Their MP referred the complaint. The Rt Hon member agreed.", on_case),
              IsEmpty());
}

TEST(GuardReferringMpTest, AnMpCalledByAnOrdinaryWord) {
  PersonalDataOnCase on_case;
  on_case.referring_mp_name = "Will Frost MP";
  EXPECT_THAT(
      FindOnCase("Will Frost referred it; the trust will reply.", on_case),
      ElementsAre(Hit(0, "given_name", "referring_mp"), Hit(5, "family_name", "referring_mp")));
}

TEST(GuardOtherPeopleTest, EveryPersonOnTheCaseWithTheirRole) {
  PersonalDataOnCase on_case;
  on_case.people = {Complainant("Joanna", "Siddiqui"), Person("other", "Edna", "Whitcombe"),
                    Person("representative", "Priya", "Shah")};
  on_case.referring_mp_name = "Tom Reed MP";
  EXPECT_THAT(FindOnCase("Edna Whitcombe, Ms Shah and Mr Reed", on_case),
              ElementsAre(Hit(0, "given_name", "other"), Hit(5, "family_name", "other"),
                          Hit(19, "family_name", "representative"),
                          Hit(31, "family_name", "referring_mp")));
}

TEST(GuardAnonymousOrganisationTest, ItsRegisterNamesAndTheirDistinctivePart) {
  PersonalDataOnCase on_case;
  on_case.anonymous_organisations = {
      {"gp_practice", "Beech Grove Medical Centre", "Beech Grove MC"},
      {"dental_practice", "The Parkview Dental Practice", "Parkview Dental"}};
  // The short name and the display name's distinctive part overlap at 28: both reported.
  EXPECT_THAT(
      FindOnCase("Beech Grove Medical Centre (Beech Grove MC) and the Beech Grove practice",
                 on_case),
      ElementsAre(Hit(0, "display_name", "gp_practice"), Hit(28, "display_name", "gp_practice"),
                  Hit(28, "short_name", "gp_practice"), Hit(52, "display_name", "gp_practice")));
  EXPECT_THAT(FindOnCase("the parkview dental practice; Parkview’s dentist", on_case),
              ElementsAre(Hit(0, "display_name", "dental_practice"),
                          Hit(4, "display_name", "dental_practice"),
                          Hit(4, "short_name", "dental_practice"),
                          Hit(30, "display_name", "dental_practice")));
  // "The practice", "the GP practice" and "A GP practice" do not name it.
  EXPECT_THAT(FindOnCase("The GP practice and the dental practice; a medical centre.", on_case),
              IsEmpty());
}

TEST(GuardAnonymousOrganisationTest, AGenericOrShortRemainderIsNotLookedForAlone) {
  PersonalDataOnCase on_case;
  // "Elm" is too short to look for alone; "The Surgery" is only generic words.
  on_case.anonymous_organisations = {{"gp_practice", "Elm Surgery", "The Surgery"}};
  EXPECT_THAT(FindOnCase("an elm tree by the surgery; the Elm Surgery", on_case),
              ElementsAre(Hit(32, "display_name", "gp_practice")));
}

}  // namespace
}  // namespace redress::remedy
