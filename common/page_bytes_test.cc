#include "common/page_bytes.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "google/rpc/error_details.pb.h"

namespace redress {
namespace {

// Each item becomes one FieldViolation whose description is the item; the page is a BadRequest.
size_t AddAll(const std::vector<std::string>& items, google::rpc::BadRequest& page,
              size_t max_bytes) {
  return AddWithinBytes(
      items, page,
      [](const std::string& item) {
        google::rpc::BadRequest::FieldViolation violation;
        violation.set_description(item);
        return violation;
      },
      [](google::rpc::BadRequest& p) { return p.add_field_violations(); }, max_bytes);
}

TEST(AddWithinBytesTest, AddsEveryItemThatFits) {
  google::rpc::BadRequest page;
  EXPECT_EQ(AddAll({"a", "b", "c"}, page, 1000), 3u);
  ASSERT_EQ(page.field_violations_size(), 3);
  EXPECT_EQ(page.field_violations(2).description(), "c");
}

TEST(AddWithinBytesTest, StopsBeforeTheItemThatWouldPassTheBudget) {
  // Each message is 102 bytes (a 100-byte string, its tag and length).
  const std::vector<std::string> items(5, std::string(100, 'x'));
  google::rpc::BadRequest page;
  EXPECT_EQ(AddAll(items, page, 310), 3u);
  EXPECT_EQ(page.field_violations_size(), 3);
  google::rpc::BadRequest exact;
  EXPECT_EQ(AddAll(items, exact, 306), 3u);  // 3 × 102 = 306 fits exactly
  google::rpc::BadRequest short_of_it;
  EXPECT_EQ(AddAll(items, short_of_it, 305), 2u);
}

TEST(AddWithinBytesTest, AlwaysAddsTheFirstItemSoAPageIsNeverEmpty) {
  google::rpc::BadRequest page;
  EXPECT_EQ(AddAll({std::string(500, 'x'), "b"}, page, 10), 1u);
  EXPECT_EQ(page.field_violations_size(), 1);
}

TEST(AddWithinBytesTest, NothingToAdd) {
  google::rpc::BadRequest page;
  EXPECT_EQ(AddAll({}, page, 10), 0u);
  EXPECT_EQ(page.field_violations_size(), 0);
}

}  // namespace
}  // namespace redress
