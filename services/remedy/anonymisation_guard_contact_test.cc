// Contact details and dates of birth in the anonymisation guard: email, phone, postal code,
// address lines, date of birth; for each, the forms that are hits and near misses that are not.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/remedy/anonymisation_guard.h"
#include "services/remedy/anonymisation_guard_test_support.h"

namespace redress::remedy {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace guard_testing;

// A person with no names, so that only the detail under test can be a hit.
PersonOnCase Nameless() { return Complainant("", ""); }

void ExpectHitAt(const std::string& text, const PersonOnCase& person, int offset,
                 const std::string& kind) {
  SCOPED_TRACE(text);
  EXPECT_THAT(FindIn(text, {person}), ElementsAre(Hit(offset, kind)));
}

void ExpectNoHit(const std::string& text, const PersonOnCase& person) {
  SCOPED_TRACE(text);
  EXPECT_THAT(FindIn(text, {person}), IsEmpty());
}

TEST(GuardEmailTest, CaseInsensitiveSubstring) {
  PersonOnCase person = Nameless();
  person.email = "jb1980@example.org";
  ExpectHitAt("email JB1980@EXAMPLE.ORG.", person, 6, "email");
  ExpectHitAt("xjb1980@example.org", person, 1, "email");
  ExpectNoHit("jb1980@example.com", person);
  ExpectNoHit("jb1980 at example.org", person);
  ExpectNoHit("jb1980@exampl.org", person);
}

TEST(GuardPhoneTest, SameDigitsHoweverGrouped) {
  PersonOnCase person = Nameless();
  person.phone = "07700 900123";
  for (const char* written :
       {"07700900123", "07700 900123", "077 0090 0123", "07700-900-123", "07700.900.123",
        "(07700) 900123", "+44 7700 900123", "+44 (0)7700 900123", "0044 7700 900123",
        "+447700900123", "07700\u00A0900123", "07700\u2011900123"}) {
    ExpectHitAt(std::string("Call ") + written + " now", person, 5, "phone");
  }
}

TEST(GuardPhoneTest, NearMissesAreNotHits) {
  PersonOnCase person = Nameless();
  person.phone = "07700 900123";
  // ("07700/900123" was a near miss here before issue 11: a slash now joins the groups.)
  for (const char* written : {"07700 900124", "07700 9001234", "107700 900123", "07700, 900123",
                              "+45 7700 900123", "7700 900123"}) {
    ExpectNoHit(std::string("Call ") + written + " now", person);
  }
}

TEST(GuardPhoneTest, AnyRunOfSpacesWithAtMostOneDashOrDot) {
  PersonOnCase person = Nameless();
  person.phone = "07700 900123";
  for (const char* written : {"07700  900123", "07700 - 900123", "07700   -  900123",
                              "07700 . 900123", "07700\u00A0\u00A0900123", "07700 \u2013 900123",
                              "07700\u2009900123", "07700 \u2212 900123", "(07700)  900123",
                              "+44 (0) 7700 - 900123", "07700\u200B900123", "077 00 - 900 123"}) {
    ExpectHitAt(std::string("Call ") + written + " now", person, 5, "phone");
  }
  // Offsets in bytes: "Tel:" and a no-break space and a space put the number at byte 7.
  ExpectHitAt("Tel:\u00A0 07700 - 900123", person, 7, "phone");
}

TEST(GuardPhoneTest, WhateverTheSeparatorsBetweenGroups) {
  // Issue 11: "whatever the separators". Before it, two dashes or dots between groups were not
  // one number; now any run of the separators written in phone numbers joins the groups.
  PersonOnCase person = Nameless();
  person.phone = "07700 900123";
  for (const char* written :
       {"07700 - - 900123", "07700 -- 900123", "07700 .- 900123", "07700 \u2013 - 900123",
        "07700 .. 900123", "07700 ((900123", "07700/900123", "07700 / 900 / 123",
        "+44-7700-900-123", "+44.7700.900.123", "(+44) 7700 900123", "+44 (0) 7700/900.123",
        "0044 7700\u2014900123"}) {
    ExpectHitAt(std::string("Call ") + written + " now", person, 5, "phone");
  }
  // A letter or a comma still ends a number.
  for (const char* written : {"07700 - x 900123", "07700, 900123", "07700; 900123"}) {
    ExpectNoHit(std::string("Call ") + written + " now", person);
  }
}

TEST(GuardPhoneTest, InternationalAndNationalFormsAreEquivalentBothWays) {
  PersonOnCase international = Nameless();
  international.phone = "+44 20 7946 0000";
  ExpectHitAt("Tel 020 7946 0000", international, 4, "phone");
  PersonOnCase national = Nameless();
  national.phone = "(020) 7946 0000";
  ExpectHitAt("Tel +44 20 7946 0000", national, 4, "phone");
}

TEST(GuardPhoneTest, ShortNumbersAreIgnored) {
  PersonOnCase person = Nameless();
  person.phone = "12345";
  ExpectNoHit("Ref 12345", person);
  person.phone = "123 4567";
  ExpectHitAt("Ref 1234567", person, 4, "phone");
}

TEST(GuardPhoneTest, FoundAfterADateInTheSameRunOfNumbers) {
  PersonOnCase person = Nameless();
  person.phone = "07700 900123";
  ExpectHitAt("On 3.3.2020 07700 900123", person, 12, "phone");
}

TEST(GuardPhoneTest, OffsetCountsBytesOfMultibyteCharacters) {
  PersonOnCase person = Nameless();
  person.phone = "07700 900123";
  ExpectHitAt("£12 – 07700 900123", person, 9, "phone");
}

TEST(GuardPostalCodeTest, IgnoringSpacesAndCase) {
  PersonOnCase person = Nameless();
  person.postal_code = "SW1A 1AA";
  ExpectHitAt("at SW1A 1AA.", person, 3, "postal_code");
  ExpectHitAt("at sw1a1aa", person, 3, "postal_code");
  ExpectHitAt("at Sw1a \u00A01aA", person, 3, "postal_code");
  for (const char* text : {"SW1A 1AB", "SW1A 1AAX", "XSW1A 1AA", "the SW1A area", "1AA"}) {
    ExpectNoHit(text, person);
  }
}

TEST(GuardPostalCodeTest, TooShortToLookFor) {
  PersonOnCase person = Nameless();
  person.postal_code = "AB1";
  ExpectNoHit("AB1", person);
}

TEST(GuardAddressTest, AddressLineAsAWholePhrase) {
  PersonOnCase person = Nameless();
  person.address_lines = {"12 Acacia Avenue,"};
  person.locality = "Manchester";
  // The line and, inside it, its street name.
  EXPECT_THAT(FindIn("lives at 12 acacia  avenue, near", {person}),
              ElementsAre(Hit(9, "postal_address"), Hit(12, "postal_address")));
  EXPECT_THAT(FindIn("12 Acacia\u00A0Avenue", {person}),
              ElementsAre(Hit(0, "postal_address"), Hit(3, "postal_address")));
  for (const char* text : {"12 Acacia Avenues", "12 Acacia Road", "Acacia", "in Manchester"}) {
    ExpectNoHit(text, person);
  }
}

TEST(GuardAddressTest, StreetNameWithoutTheHouseNumber) {
  PersonOnCase person = Nameless();
  person.address_lines = {"12 Acacia Avenue"};
  ExpectHitAt("lives on Acacia Avenue", person, 9, "postal_address");
  ExpectHitAt("at 112 Acacia Avenue", person, 7, "postal_address");
  ExpectHitAt("£5 – acacia avenue", person, 8, "postal_address");  // "£" 2 bytes, "–" 3
  person.address_lines = {"12a Station Road"};
  ExpectHitAt("near Station Road", person, 5, "postal_address");
  // One word, but of 6 characters or more.
  person.address_lines = {"7B Highfield"};
  ExpectHitAt("at Highfield.", person, 3, "postal_address");
}

TEST(GuardAddressTest, StreetWordsInFullOrAbbreviated) {
  PersonOnCase person = Nameless();
  person.address_lines = {"14 Mill Lane"};
  ExpectHitAt("on Mill Ln", person, 3, "postal_address");
  ExpectHitAt("on mill ln.", person, 3, "postal_address");
  EXPECT_THAT(FindIn("at 14 Mill Ln", {person}),
              ElementsAre(Hit(3, "postal_address"), Hit(6, "postal_address")));
  person.address_lines = {"2 Station Rd"};
  ExpectHitAt("near Station Road", person, 5, "postal_address");
  person.address_lines = {"9 St John's Street"};
  for (const char* written :
       {"St John’s St", "Saint John's Street", "St. Johns St.", "St John's Street"}) {
    ExpectHitAt(std::string("in ") + written, person, 3, "postal_address");
  }
  person.address_lines = {"4 Kings Ave"};
  ExpectHitAt("on Kings Avenue", person, 3, "postal_address");
  // Another street word is another street.
  for (const char* text : {"on Mill Road", "Station Lane", "Kings Road"}) {
    person.address_lines = {"14 Mill Lane", "2 Station Rd", "4 Kings Ave"};
    ExpectNoHit(text, person);
  }
}

TEST(GuardAddressTest, ShortStreetOrNoHouseNumberIsNotLookedForAlone) {
  PersonOnCase person = Nameless();
  // "Mill" is one word of 4 characters: a common word, not a street.
  person.address_lines = {"3 Mill"};
  ExpectNoHit("the old mill by the Mill", person);
  ExpectHitAt("at 3 Mill", person, 3, "postal_address");
  // Only a leading number of digits and at most one letter is a house number.
  for (const char* line : {"B12 Acacia Avenue", "12ab Acacia Avenue", "Block 12 Acacia Avenue"}) {
    person.address_lines = {line};
    ExpectNoHit("lives on Acacia Avenue", person);
  }
}

TEST(GuardAddressTest, EachCommaSeparatedPartOfALine) {
  PersonOnCase person = Nameless();
  person.address_lines = {"Flat 2, 14 Mill Lane"};
  EXPECT_THAT(FindIn("lived at 14 mill lane", {person}),
              ElementsAre(Hit(9, "postal_address"), Hit(12, "postal_address")));
  ExpectHitAt("on Mill Lane", person, 3, "postal_address");
  // The whole line and its first part both start at byte 3: one hit there.
  EXPECT_THAT(
      FindIn("in Flat 2, 14 Mill Lane.", {person}),
      ElementsAre(Hit(3, "postal_address"), Hit(11, "postal_address"), Hit(14, "postal_address")));
  for (const char* text : {"14 Mill Lanes", "on Mill", "Flat 20"}) ExpectNoHit(text, person);
}

TEST(GuardAddressTest, ShortPartOrLocalityPartIsNotLookedForAlone) {
  PersonOnCase person = Nameless();
  person.address_lines = {"Rose Cottage, Mill, Brighton"};
  person.locality = "Brighton";
  ExpectHitAt("at Rose Cottage", person, 3, "postal_address");
  ExpectNoHit("the Mill in Brighton", person);
}

TEST(GuardAddressTest, InvisibleCharactersAndAccentsInContactDetails) {
  PersonOnCase person = Nameless();
  person.address_lines = {"12 Rue Émile"};
  person.email = "jb@example.org";
  person.postal_code = "SW1A 1AA";
  EXPECT_THAT(FindIn("Rue Emile; jb@exa\u200Bmple.org; SW1A\u00AD1AA", {person}),
              ElementsAre(Hit(0, "postal_address"), Hit(11, "email"), Hit(30, "postal_code")));
}

TEST(GuardAddressTest, LocalityIsNeverLookedForOnItsOwn) {
  PersonOnCase person = Nameless();
  person.address_lines = {"Manchester", "Manchester Road"};
  person.locality = "MANCHESTER";
  ExpectNoHit("a hospital in Manchester", person);
  ExpectHitAt("on Manchester Road", person, 3, "postal_address");
}

TEST(GuardDateOfBirthTest, CommonWrittenForms) {
  PersonOnCase person = Nameless();
  person.date_of_birth = absl::CivilDay(1980, 3, 3);
  for (const char* written :
       {"3 March 1980", "3rd March 1980", "03 March 1980", "3rd of March 1980", "3 Mar 1980",
        "3 Mar. 1980", "3 MARCH 1980", "3RD March 1980", "3 March, 1980", "March 3, 1980",
        "March 3 1980", "March 3rd, 1980", "Mar 3, 1980", "March 3,1980", "03/03/1980", "3/3/1980",
        "3.3.1980", "3-3-1980", "03.03.80", "3/3/80", "1980-03-03", "1980/3/3", "1980.03.03",
        "3\u00A0March\u00A01980",
        // Issue 11: a two-digit year after a month name, and the month between separators.
        "3 March 80", "3 Mar ’80", "3rd March '80", "March 3, ’80", "3-Mar-1980", "03-Mar-80",
        "3/Mar/1980", "3.March.1980", "3rd-Mar-1980"}) {
    ExpectHitAt(std::string("Born ") + written + ", she", person, 5, "date_of_birth");
  }
}

TEST(GuardDateOfBirthTest, NearMissesAreNotHits) {
  PersonOnCase person = Nameless();
  person.date_of_birth = absl::CivilDay(1980, 3, 3);
  for (const char* written :
       {"4 March 1980", "3 March 1981", "3 May 1980", "13 March 1980", "3 March 19800",
        "03/03/19801", "3/3-1980", "March 1980", "03/05/1980", "1980-03-30", "3-3-80",
        "3 Marchy 1980", "33/03/1980", "3rdMarch 1980", "x3 March 1980", "3 March 81", "3-Mar/1980",
        "3-Mar-180", "3 March 8"}) {
    ExpectNoHit(std::string("Born ") + written + ", she", person);
  }
}

TEST(GuardDateOfBirthTest, OrdinalsAndAbbreviations) {
  PersonOnCase person = Nameless();
  person.date_of_birth = absl::CivilDay(1975, 12, 21);
  ExpectHitAt("21st December 1975", person, 0, "date_of_birth");
  ExpectHitAt("December 21st, 1975", person, 0, "date_of_birth");
  ExpectHitAt("21 Dec 1975", person, 0, "date_of_birth");
  person.date_of_birth = absl::CivilDay(2001, 9, 9);
  ExpectHitAt("9 Sept 2001", person, 0, "date_of_birth");
  ExpectHitAt("Sep 9, 2001", person, 0, "date_of_birth");
}

TEST(GuardDateOfBirthTest, OffsetCountsBytesOfMultibyteCharacters) {
  PersonOnCase person = Nameless();
  person.date_of_birth = absl::CivilDay(1980, 3, 3);
  ExpectHitAt("£5 – 3 March 1980", person, 8, "date_of_birth");
}

TEST(GuardDateOfBirthTest, NoDateRecordedNoHit) { ExpectNoHit("3 March 1980", Nameless()); }

}  // namespace
}  // namespace redress::remedy
