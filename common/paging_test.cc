#include "common/paging.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "common/errors.h"
#include "common/testing/status_matchers.h"

namespace redress {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

TEST(ResolvePageSizeTest, DefaultMaximumAndNegative) {
  EXPECT_EQ(*ResolvePageSize(0, 50, 1000), 50);
  EXPECT_EQ(*ResolvePageSize(1, 50, 1000), 1);
  EXPECT_EQ(*ResolvePageSize(1000, 50, 1000), 1000);
  EXPECT_EQ(*ResolvePageSize(1001, 50, 1000), 1000);
  absl::StatusOr<int> negative = ResolvePageSize(-1, 50, 1000);
  EXPECT_THAT(negative, StatusIs(absl::StatusCode::kInvalidArgument));
  std::vector<FieldViolation> violations = FieldViolationsOf(negative.status());
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "page_size");
}

TEST(PageTokenTest, RoundTrip) {
  const std::string filter = "state = ACCEPTED";
  for (std::string cursor : {std::string("complaints/abc"), std::string("2026-01-01|x"),
                             std::string("\0\xff\x01 binary", 10), std::string()}) {
    std::string token = EncodePageToken(cursor, filter);
    EXPECT_THAT(token, MatchesRegex("[A-Za-z0-9_-]+")) << "URL-safe, no padding";
    absl::StatusOr<std::string> decoded = DecodePageToken(token, filter);
    ASSERT_THAT(decoded, IsOk());
    EXPECT_EQ(*decoded, cursor);
  }
}

TEST(PageTokenTest, EmptyTokenIsTheFirstPage) {
  EXPECT_EQ(*DecodePageToken("", "state = ACCEPTED"), "");
}

TEST(PageTokenTest, TokenIsBoundToItsFilter) {
  std::string token = EncodePageToken("complaints/abc", "state = ACCEPTED");
  absl::StatusOr<std::string> decoded = DecodePageToken(token, "state = CLOSED");
  EXPECT_THAT(decoded, StatusIs(absl::StatusCode::kInvalidArgument));
  std::vector<FieldViolation> violations = FieldViolationsOf(decoded.status());
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "page_token");
  EXPECT_THAT(violations[0].description, HasSubstr("another filter"));
  EXPECT_THAT(DecodePageToken(token, ""), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(PageTokenTest, GarbageIsInvalidArgument) {
  for (const char* token :
       {"!!!", "not a token", "djE", "djI0MTIzNDU2Nzg5MGFiY2RlZmNvbXBsYWludHM", "eHl6"}) {
    absl::StatusOr<std::string> decoded = DecodePageToken(token, "");
    EXPECT_THAT(decoded, StatusIs(absl::StatusCode::kInvalidArgument)) << token;
    std::vector<FieldViolation> violations = FieldViolationsOf(decoded.status());
    ASSERT_EQ(violations.size(), 1u) << token;
    EXPECT_EQ(violations[0].field, "page_token");
    EXPECT_THAT(violations[0].description, HasSubstr("not a valid page token"));
  }
}

TEST(PageTokenTest, TamperedFingerprintIsRefused) {
  std::string token = EncodePageToken("a", "state = ACCEPTED");
  token[3] = token[3] == 'A' ? 'B' : 'A';  // inside the fingerprint
  EXPECT_THAT(DecodePageToken(token, "state = ACCEPTED"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(FingerprintTest, KnownFnv1a64Values) {
  EXPECT_EQ(Fingerprint(""), "cbf29ce484222325");
  EXPECT_EQ(Fingerprint("a"), "af63dc4c8601ec8c");
  EXPECT_EQ(Fingerprint("foobar"), "85944171f73967e8");
  EXPECT_NE(Fingerprint("state = ACCEPTED"), Fingerprint("state = CLOSED"));
}

}  // namespace
}  // namespace redress
