#include "common/validation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace redress {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

::testing::Matcher<FieldViolation> Violation(const std::string& field,
                                             const std::string& description) {
  return AllOf(Field(&FieldViolation::field, field),
               Field(&FieldViolation::description, description));
}

std::string Repeat(std::string_view unit, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out.append(unit);
  return out;
}

const absl::CivilDay kToday(2026, 3, 14);

TEST(Utf8Test, LengthCountsCodePoints) {
  EXPECT_EQ(Utf8Length(""), 0u);
  EXPECT_EQ(Utf8Length("Mrs A"), 5u);
  EXPECT_EQ(Utf8Length("£"), 1u);       // 2 bytes
  EXPECT_EQ(Utf8Length("–"), 1u);       // 3 bytes (en dash)
  EXPECT_EQ(Utf8Length("£5 – 😀"), 6u);  // the emoji is 4 bytes
  EXPECT_EQ(std::string("£5 – 😀").size(), 12u);
}

TEST(Utf8Test, Validity) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ASCII"));
  EXPECT_TRUE(IsValidUtf8("£5 – Zoë 😀 \xEF\xBF\xBF \xF4\x8F\xBF\xBF"));
  EXPECT_FALSE(IsValidUtf8("\xC2"));              // truncated
  EXPECT_FALSE(IsValidUtf8("abc\xE2\x80"));       // truncated at the end
  EXPECT_FALSE(IsValidUtf8("\x80"));              // stray continuation byte
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF"));              // never valid
  EXPECT_FALSE(IsValidUtf8("\xC2\x41"));          // lead byte without continuation
  EXPECT_FALSE(IsValidUtf8(std::string("\xE2\x80\x93", 2) + "x"));
}

TEST(CheckRequiredTextTest, Rules) {
  FieldViolations v;
  EXPECT_TRUE(CheckRequiredText(v, "a", "Mrs A", 10));
  EXPECT_TRUE(CheckRequiredText(v, "b", Repeat("£", 10), 10));  // 20 bytes, 10 characters
  EXPECT_TRUE(CheckRequiredText(v, "c", Repeat("–", 100), 100));
  EXPECT_THAT(v.violations(), IsEmpty());
  EXPECT_FALSE(CheckRequiredText(v, "d", "", 10));
  EXPECT_FALSE(CheckRequiredText(v, "e", " \t\r\n", 10));
  EXPECT_FALSE(CheckRequiredText(v, "f", Repeat("£", 11), 10));
  EXPECT_FALSE(CheckRequiredText(v, "g", "bad \xC3", 10));
  EXPECT_FALSE(CheckRequiredText(v, "h", "xy", 1));
  EXPECT_THAT(v.violations(),
              ElementsAre(Violation("d", "is required"), Violation("e", "is required"),
                          Violation("f", "must be at most 10 characters"),
                          Violation("g", "is not valid UTF-8"),
                          Violation("h", "must be at most 1 character")));
}

TEST(CheckOptionalTextTest, Rules) {
  FieldViolations v;
  EXPECT_TRUE(CheckOptionalText(v, "a", "", 10));
  EXPECT_TRUE(CheckOptionalText(v, "b", "  ", 10));
  EXPECT_TRUE(CheckOptionalText(v, "c", Repeat("–", 10), 10));
  EXPECT_FALSE(CheckOptionalText(v, "d", Repeat("–", 11), 10));
  EXPECT_FALSE(CheckOptionalText(v, "e", "\xFF", 10));
  EXPECT_THAT(v.violations(), ElementsAre(Violation("d", "must be at most 10 characters"),
                                          Violation("e", "is not valid UTF-8")));
}

TEST(CheckRequestIdTest, Rules) {
  FieldViolations v;
  EXPECT_TRUE(CheckRequestId(v, "request_id", "a"));
  EXPECT_TRUE(CheckRequestId(v, "request_id", "2f1c-Retry_01"));
  EXPECT_TRUE(CheckRequestId(v, "request_id", std::string(64, 'x')));
  EXPECT_THAT(v.violations(), IsEmpty());
  // One collector per value: a field reports its first problem only.
  auto violation_of = [](const std::string& value) {
    FieldViolations one;
    EXPECT_FALSE(CheckRequestId(one, "request_id", value)) << value;
    EXPECT_EQ(one.violations().size(), 1u) << value;
    return one.empty() ? std::string() : one.violations()[0].description;
  };
  EXPECT_EQ(violation_of(""), "is required");
  EXPECT_EQ(violation_of(std::string(65, 'x')), "must be at most 64 characters");
  const std::string bad_characters = violation_of("has space");
  EXPECT_FALSE(bad_characters.empty());
  EXPECT_EQ(violation_of("dot.ted"), bad_characters);
  EXPECT_EQ(violation_of("caf\xC3\xA9"), bad_characters);
}

TEST(EmailTest, Valid) {
  for (const char* email : {"a@b.co", "first.last+tag@example.org.uk", "MRS.A@Example.COM",
                            "zoë@exämple.de", "o'brien@council.gov.uk"}) {
    EXPECT_TRUE(IsValidEmail(email)) << email;
  }
  std::string longest = std::string(64, 'a') + "@" + std::string(183, 'b') + ".co.uk";
  ASSERT_EQ(longest.size(), 254u);
  EXPECT_TRUE(IsValidEmail(longest));
}

TEST(EmailTest, Invalid) {
  for (const char* email :
       {"", "a", "a.b.c", "@b.co", "a@", "a@b", "a@.co", "a@b.", "a@b..co", "a b@c.co", "a@b c.co",
        "a@@b.co", "a@b@c.co", " a@b.co", "a@b.co ", "a@b.co\n", "a\t@b.co", "a@b.co\xC3"}) {
    EXPECT_FALSE(IsValidEmail(email)) << email;
  }
  std::string too_long = std::string(64, 'a') + "@" + std::string(184, 'b') + ".co.uk";
  ASSERT_EQ(too_long.size(), 255u);
  EXPECT_FALSE(IsValidEmail(too_long));
}

TEST(PhoneTest, Valid) {
  for (const char* phone : {"+44 20 7946 0958", "020 7946 0958", "(020) 7946-0958", "1234567",
                            "+123456789012345", "0161-496-0000"}) {
    EXPECT_TRUE(IsValidPhone(phone)) << phone;
  }
}

TEST(PhoneTest, Invalid) {
  for (const char* phone : {"", "+", "123456",         // fewer than 7 digits
                            "1234567890123456",        // 16 digits
                            "+44 (0) 20 7946 0958 1",  // 22 characters
                            "44+20 7946 0958", "++44 20 7946 0958", "020.7946.0958",
                            "020 7946 0958 ext 2", "٠٢٠٧٩٤٦٠٩٥٨"}) {  // Arabic-Indic digits
    EXPECT_FALSE(IsValidPhone(phone)) << phone;
  }
}

TEST(CheckNotInFutureTest, Rules) {
  FieldViolations v;
  EXPECT_TRUE(CheckNotInFuture(v, "d", std::nullopt, kToday));
  EXPECT_TRUE(CheckNotInFuture(v, "d", kToday, kToday));
  EXPECT_TRUE(CheckNotInFuture(v, "d", absl::CivilDay(1930, 1, 1), kToday));
  EXPECT_FALSE(CheckNotInFuture(v, "d", kToday + 1, kToday));
  EXPECT_THAT(v.violations(), ElementsAre(Violation("d", "must not be in the future")));
}

PersonalDetails ValidDetails() {
  PersonalDetails d;
  d.title = "Mrs";
  d.given_name = "Zoë";
  d.family_name = "Ó Briain–Smith";
  d.email = "zoe@example.org";
  d.phone = "+44 161 496 0000";
  d.postal_address.lines = {"Flat 2", "1 High Street", "Little Snoring", "Norfolk"};
  d.postal_address.locality = "Fakenham";
  d.postal_address.postal_code = "NR21 0AA";
  d.postal_address.country = "GB";
  d.date_of_birth = absl::CivilDay(1960, 2, 29);
  return d;
}

TEST(CheckPersonalDetailsTest, ValidDetailsPass) {
  FieldViolations v;
  CheckPersonalDetails(v, "complaint.complainant", ValidDetails(), true, kToday);
  EXPECT_THAT(v.violations(), IsEmpty());

  PersonalDetails minimal;
  minimal.family_name = "B";
  CheckPersonalDetails(v, "complaint.people[1].details", minimal, false, kToday);
  EXPECT_THAT(v.violations(), IsEmpty());
}

TEST(CheckPersonalDetailsTest, TitleRequiredOnlyForComplainants) {
  PersonalDetails d = ValidDetails();
  d.title = "";
  FieldViolations v;
  CheckPersonalDetails(v, "p", d, false, kToday);
  EXPECT_THAT(v.violations(), IsEmpty());
  CheckPersonalDetails(v, "p", d, true, kToday);
  EXPECT_THAT(v.violations(), ElementsAre(Violation("p.title", "is required")));
}

TEST(CheckPersonalDetailsTest, EveryRuleIsReportedAtOnce) {
  PersonalDetails d;
  d.title = " ";
  d.given_name = Repeat("£", 101);
  d.family_name = "";
  d.email = "not-an-email";
  d.phone = "12";
  d.postal_address.lines = {"1", Repeat("–", 201), "3", "4", "5"};
  d.postal_address.locality = Repeat("x", 101);
  d.postal_address.postal_code = Repeat("9", 17);
  d.postal_address.country = Repeat("y", 101);
  d.date_of_birth = kToday + 1;
  FieldViolations v;
  CheckPersonalDetails(v, "complaint.complainant", d, true, kToday);
  const std::string phone_description =
      "is not a telephone number (expected 7 to 15 digits, an optional leading '+', and spaces, "
      "brackets or hyphens)";
  EXPECT_THAT(
      v.violations(),
      UnorderedElementsAre(
          Violation("complaint.complainant.title", "is required"),
          Violation("complaint.complainant.given_name", "must be at most 100 characters"),
          Violation("complaint.complainant.family_name", "is required"),
          Violation("complaint.complainant.email",
                    "is not an email address (expected local@domain)"),
          Violation("complaint.complainant.phone", phone_description),
          Violation("complaint.complainant.postal_address.lines", "must have at most 4 lines"),
          Violation("complaint.complainant.postal_address.lines[1]",
                    "must be at most 200 characters"),
          Violation("complaint.complainant.postal_address.locality",
                    "must be at most 100 characters"),
          Violation("complaint.complainant.postal_address.postal_code",
                    "must be at most 16 characters"),
          Violation("complaint.complainant.postal_address.country",
                    "must be at most 100 characters"),
          Violation("complaint.complainant.date_of_birth", "must not be in the future")));
}

TEST(CheckPersonalDetailsTest, LimitsAreInclusiveAndCountCharacters) {
  PersonalDetails d = ValidDetails();
  d.title = Repeat("£", 20);
  d.given_name = Repeat("–", 100);
  d.family_name = Repeat("é", 100);
  d.postal_address.lines = {Repeat("£", 200)};
  d.postal_address.locality = Repeat("–", 100);
  d.postal_address.postal_code = Repeat("£", 16);
  d.postal_address.country = Repeat("ü", 100);
  d.date_of_birth = kToday;
  FieldViolations v;
  CheckPersonalDetails(v, "p", d, true, kToday);
  EXPECT_THAT(v.violations(), IsEmpty());
  d.title = Repeat("£", 21);
  d.family_name = Repeat("é", 101);
  CheckPersonalDetails(v, "p", d, true, kToday);
  EXPECT_THAT(v.violations(),
              ElementsAre(Violation("p.title", "must be at most 20 characters"),
                          Violation("p.family_name", "must be at most 100 characters")));
}

TEST(CheckPersonalDetailsTest, InvalidUtf8IsReported) {
  PersonalDetails d = ValidDetails();
  d.family_name = "Sm\xFFth";
  d.email = "a\xC3@b.co";
  FieldViolations v;
  CheckPersonalDetails(v, "p", d, true, kToday);
  EXPECT_THAT(v.violations(), ElementsAre(Violation("p.family_name", "is not valid UTF-8"),
                                          Violation("p.email", "is not valid UTF-8")));
}

}  // namespace
}  // namespace redress
