#include "common/resource_names.h"

#include "common/testing/fake_clock.h"
#include "common/testing/status_matchers.h"
#include "gtest/gtest.h"

namespace redress {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;

TEST(ResourceNamesTest, ValidIds) {
  EXPECT_TRUE(IsValidResourceId("a"));
  EXPECT_TRUE(IsValidResourceId("rec-1a"));
  EXPECT_TRUE(IsValidResourceId(std::string(63, 'a')));
  EXPECT_FALSE(IsValidResourceId(""));
  EXPECT_FALSE(IsValidResourceId("1abc"));
  EXPECT_FALSE(IsValidResourceId("Abc"));
  EXPECT_FALSE(IsValidResourceId("a_b"));
  EXPECT_FALSE(IsValidResourceId(std::string(64, 'a')));
}

TEST(ResourceNamesTest, ParseResourceNameReportsTheField) {
  FieldViolations v;
  EXPECT_EQ(ParseResourceName(v, "name", "recommendations/r1", "recommendations/"), "r1");
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(ParseResourceName(v, "name", "recommendation/r1", "recommendations/"), "");
  EXPECT_EQ(ParseResourceName(v, "other", "", "recommendations/"), "");
  ASSERT_EQ(v.violations().size(), 2u);
  EXPECT_EQ(v.violations()[0].description,
            "\"recommendation/r1\" is not a resource name of the form recommendations/{id}");
  EXPECT_EQ(v.violations()[1].description, "other is required");
}

TEST(ResourceNamesTest, Etags) {
  EXPECT_EQ(EtagOf(7), "7");
  EXPECT_THAT(CheckEtag("", 7, "x/a"), IsOk());
  EXPECT_THAT(CheckEtag("7", 7, "x/a"), IsOk());
  EXPECT_THAT(CheckEtag("6", 7, "x/a"), StatusIs(absl::StatusCode::kAborted));
}

TEST(ResourceNamesTest, StoredNowKeepsMicroseconds) {
  testing::FakeClock clock(absl::FromUnixNanos(1'700'000'000'123'456'789));
  EXPECT_EQ(StoredNow(clock), absl::FromUnixMicros(1'700'000'000'123'456));
}

}  // namespace
}  // namespace redress
