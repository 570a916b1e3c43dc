#include "common/list_filter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "common/errors.h"
#include "common/testing/status_matchers.h"

namespace redress {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

::testing::Matcher<FilterTerm> Term(const std::string& field, FilterOp op,
                                    const std::string& value) {
  return AllOf(Field(&FilterTerm::field, field), Field(&FilterTerm::op, op),
               Field(&FilterTerm::value, value));
}

// The description of the single field violation of a failed parse.
std::string ErrorOf(std::string_view filter, std::string_view field_name = "filter") {
  absl::StatusOr<std::vector<FilterTerm>> terms = ParseFilter(filter, field_name);
  EXPECT_THAT(terms, StatusIs(absl::StatusCode::kInvalidArgument)) << filter;
  if (terms.ok()) return "";
  std::vector<FieldViolation> violations = FieldViolationsOf(terms.status());
  EXPECT_EQ(violations.size(), 1u);
  if (violations.size() != 1) return "";
  EXPECT_EQ(violations[0].field, field_name);
  return violations[0].description;
}

TEST(ParseFilterTest, EmptyAndBlankAreNoTerms) {
  EXPECT_THAT(ParseFilter(""), IsOk());
  EXPECT_THAT(*ParseFilter(""), IsEmpty());
  EXPECT_THAT(*ParseFilter("  \t\n "), IsEmpty());
}

TEST(ParseFilterTest, OneTerm) {
  EXPECT_THAT(*ParseFilter("state = ACCEPTED"),
              ElementsAre(Term("state", FilterOp::kEq, "ACCEPTED")));
  EXPECT_THAT(*ParseFilter("state=ACCEPTED"),
              ElementsAre(Term("state", FilterOp::kEq, "ACCEPTED")));
  EXPECT_THAT(*ParseFilter("  state   =ACCEPTED  "),
              ElementsAre(Term("state", FilterOp::kEq, "ACCEPTED")));
}

TEST(ParseFilterTest, EveryOperator) {
  EXPECT_THAT(*ParseFilter("a = 1 AND b != 2 AND c < 3 AND d <= 4 AND e > 5 AND f >= 6"),
              ElementsAre(Term("a", FilterOp::kEq, "1"), Term("b", FilterOp::kNe, "2"),
                          Term("c", FilterOp::kLt, "3"), Term("d", FilterOp::kLe, "4"),
                          Term("e", FilterOp::kGt, "5"), Term("f", FilterOp::kGe, "6")));
  EXPECT_THAT(*ParseFilter("a<=1 AND b>=-2"),
              ElementsAre(Term("a", FilterOp::kLe, "1"), Term("b", FilterOp::kGe, "-2")));
}

TEST(ParseFilterTest, BareValuesAndDottedFields) {
  EXPECT_THAT(*ParseFilter("receive_time >= 2026-01-01T00:00:00Z AND assessment.closed = true"),
              ElementsAre(Term("receive_time", FilterOp::kGe, "2026-01-01T00:00:00Z"),
                          Term("assessment.closed", FilterOp::kEq, "true")));
  EXPECT_THAT(*ParseFilter("_private = x"), ElementsAre(Term("_private", FilterOp::kEq, "x")));
}

TEST(ParseFilterTest, QuotedStrings) {
  EXPECT_THAT(*ParseFilter(R"(received >= "2026-01-01" AND name = "Mrs \"A\" \\ £5 – AND")"),
              ElementsAre(Term("received", FilterOp::kGe, "2026-01-01"),
                          Term("name", FilterOp::kEq, R"(Mrs "A" \ £5 – AND)")));
  EXPECT_THAT(*ParseFilter(R"(a = "")"), ElementsAre(Term("a", FilterOp::kEq, "")));
  EXPECT_THAT(*ParseFilter(R"(a = "x"AND b = y)"),
              ElementsAre(Term("a", FilterOp::kEq, "x"), Term("b", FilterOp::kEq, "y")));
}

TEST(ParseFilterTest, MissingOperator) {
  EXPECT_EQ(ErrorOf("state ACCEPTED"),
            "expected an operator (=, !=, <, <=, >, >=) at offset 6, found \"ACCEPTED\"");
  EXPECT_EQ(ErrorOf("state:ACCEPTED"),
            "expected an operator (=, !=, <, <=, >, >=) at offset 5, found \":ACCEPTED\"");
  EXPECT_EQ(ErrorOf("state"),
            "expected an operator (=, !=, <, <=, >, >=) at offset 5, found end of filter");
}

TEST(ParseFilterTest, MissingValue) {
  EXPECT_EQ(ErrorOf("state ="), "expected a value at offset 7, found end of filter");
  EXPECT_EQ(ErrorOf("state == A"), "expected a value at offset 7, found \"=\"");
  EXPECT_EQ(ErrorOf("a = AND b = c"), "expected a value at offset 4, found \"AND\"");
}

TEST(ParseFilterTest, BadFieldName) {
  EXPECT_THAT(ErrorOf("State = A"),
              AllOf(HasSubstr("\"State\" is not a field name"), HasSubstr("at offset 0")));
  EXPECT_THAT(ErrorOf("a = 1 AND 9lives = 2"),
              AllOf(HasSubstr("\"9lives\" is not a field name"), HasSubstr("at offset 10")));
  EXPECT_EQ(ErrorOf("= A"), "expected a field name at offset 0, found \"=\"");
  EXPECT_EQ(ErrorOf("(a = b)"), "expected a field name at offset 0, found \"(\"");
}

TEST(ParseFilterTest, Conjunctions) {
  EXPECT_EQ(ErrorOf("a = 1 and b = 2"), "expected AND (upper case) at offset 6, found \"and\"");
  EXPECT_EQ(ErrorOf("a = 1 OR b = 2"),
            "expected AND (only AND is supported) at offset 6, found \"OR\"");
  EXPECT_EQ(ErrorOf("a = 1 b = 2"),
            "expected AND or the end of the filter at offset 6, found \"b\"");
  EXPECT_EQ(ErrorOf("a = 1 AND"), "expected a field name at offset 9, found end of filter");
  EXPECT_EQ(ErrorOf("a = 1 AND AND b = 2"), "expected a field name at offset 10, found \"AND\"");
}

TEST(ParseFilterTest, BadStrings) {
  EXPECT_EQ(ErrorOf(R"(a = 1 AND name = "Mrs A)"), "unterminated string starting at offset 17");
  EXPECT_EQ(ErrorOf(R"(name = "ends in backslash\)"), "unterminated string starting at offset 7");
  EXPECT_EQ(ErrorOf(R"(name = "a\nb")"),
            R"(invalid escape at offset 9 (only \" and \\ are allowed in a string))");
}

TEST(ParseFilterTest, OffsetsCountCharactersNotBytes) {
  // "£" is two bytes and "–" three; offsets count each as one character.
  EXPECT_EQ(ErrorOf(R"(a = "£–" b = c)"),
            "expected AND or the end of the filter at offset 9, found \"b\"");
  EXPECT_EQ(ErrorOf("a = £"), "expected a value at offset 4, found \"£\"");
}

TEST(ParseFilterTest, ErrorsQuoteABoundedPartOfTheFilter) {
  const std::string shown = "\"" + std::string(64, 'A') + "…\"";
  EXPECT_EQ(ErrorOf("state " + std::string(20000, 'A')),
            "expected an operator (=, !=, <, <=, >, >=) at offset 6, found " + shown);
  EXPECT_THAT(ErrorOf(std::string(20000, 'A') + " = 1"), HasSubstr(shown + " is not a field name"));
}

TEST(ParseFilterTest, ViolationNamesTheRequestField) {
  EXPECT_THAT(ErrorOf("a =", "parent_filter"), HasSubstr("expected a value"));
}

TEST(FilterOpNameTest, Names) {
  EXPECT_EQ(FilterOpName(FilterOp::kEq), "=");
  EXPECT_EQ(FilterOpName(FilterOp::kNe), "!=");
  EXPECT_EQ(FilterOpName(FilterOp::kLt), "<");
  EXPECT_EQ(FilterOpName(FilterOp::kLe), "<=");
  EXPECT_EQ(FilterOpName(FilterOp::kGt), ">");
  EXPECT_EQ(FilterOpName(FilterOp::kGe), ">=");
}

}  // namespace
}  // namespace redress

namespace redress {
namespace {

TEST(NarrowDateRangeTest, EachOperatorNarrowsTheInclusiveRange) {
  const absl::CivilDay day(2026, 3, 10);
  std::optional<absl::CivilDay> from, to;
  EXPECT_TRUE(NarrowDateRange(FilterOp::kGt, day, from, to));
  EXPECT_EQ(from, absl::CivilDay(2026, 3, 11));
  EXPECT_EQ(to, std::nullopt);
  EXPECT_TRUE(NarrowDateRange(FilterOp::kLt, absl::CivilDay(2026, 4, 1), from, to));
  EXPECT_EQ(to, absl::CivilDay(2026, 3, 31));
  // A looser bound never widens the range.
  EXPECT_TRUE(NarrowDateRange(FilterOp::kGe, absl::CivilDay(2026, 1, 1), from, to));
  EXPECT_TRUE(NarrowDateRange(FilterOp::kLe, absl::CivilDay(2026, 12, 31), from, to));
  EXPECT_EQ(from, absl::CivilDay(2026, 3, 11));
  EXPECT_EQ(to, absl::CivilDay(2026, 3, 31));
  EXPECT_TRUE(NarrowDateRange(FilterOp::kEq, absl::CivilDay(2026, 3, 20), from, to));
  EXPECT_EQ(from, absl::CivilDay(2026, 3, 20));
  EXPECT_EQ(to, absl::CivilDay(2026, 3, 20));
}

TEST(NarrowDateRangeTest, NotEqualIsNotARangeAndChangesNothing) {
  std::optional<absl::CivilDay> from, to;
  EXPECT_FALSE(NarrowDateRange(FilterOp::kNe, absl::CivilDay(2026, 3, 10), from, to));
  EXPECT_EQ(from, std::nullopt);
  EXPECT_EQ(to, std::nullopt);
}

}  // namespace
}  // namespace redress
