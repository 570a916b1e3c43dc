#include "common/audit/audit_entry.h"

#include <gtest/gtest.h>

#include "common/audit/audit_test_chain.h"

namespace redress::audit {
namespace {

TEST(Sha256HexTest, KnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(AuditEntryHashTest, EveryFieldCounts) {
  const AuditEntry entry = testing::ValidChain(1)[0];
  const std::string hash = AuditEntryHash(entry);
  for (int field = 0; field < 9; ++field) {
    AuditEntry changed = entry;
    switch (field) {
      case 0:
        changed.sequence = 2;
        break;
      case 1:
        changed.time += "x";
        break;
      case 2:
        changed.actor += "x";
        break;
      case 3:
        changed.rpc += "x";
        break;
      case 4:
        changed.resource += "x";
        break;
      case 5:
        changed.request_id += "x";
        break;
      case 6:
        changed.before_digest += "x";
        break;
      case 7:
        changed.after_digest += "x";
        break;
      case 8:
        changed.previous_hash += "x";
        break;
    }
    EXPECT_NE(AuditEntryHash(changed), hash) << "field " << field;
  }
}

TEST(AuditEntryHashTest, FieldBoundariesAreUnambiguous) {
  AuditEntry a = testing::ValidChain(1)[0];
  AuditEntry b = a;
  a.actor = "user:al";
  a.rpc = "ice" + a.rpc;
  b.actor = "user:alice";
  EXPECT_NE(AuditEntryHash(a), AuditEntryHash(b));
}

TEST(AuditEntryHashTest, IgnoresTheHashField) {
  AuditEntry entry = testing::ValidChain(1)[0];
  const std::string hash = AuditEntryHash(entry);
  entry.hash = "anything";
  EXPECT_EQ(AuditEntryHash(entry), hash);
}

TEST(FormatAuditTimeTest, Rfc3339UtcMicroseconds) {
  EXPECT_EQ(FormatAuditTime(absl::FromUnixMicros(1764943568123456)), "2025-12-05T14:06:08.123456Z");
}

TEST(StateDigestTest, RowOrderDoesNotMatterButContentDoes) {
  StateDigest one;
  one.BeginRow("people");
  one.AddColumn("name", "A");
  one.BeginRow("people");
  one.AddColumn("name", "B");
  StateDigest two;
  two.BeginRow("people");
  two.AddColumn("name", "B");
  two.BeginRow("people");
  two.AddColumn("name", "A");
  EXPECT_EQ(one.Digest(), two.Digest());
  StateDigest three;
  three.BeginRow("people");
  three.AddColumn("name", "A");
  EXPECT_NE(one.Digest(), three.Digest());
}

TEST(StateDigestTest, NullDiffersFromEmptyAndNoRowsIsEmpty) {
  StateDigest null_value;
  null_value.BeginRow("t");
  null_value.AddColumn("c", "", /*is_null=*/true);
  StateDigest empty_value;
  empty_value.BeginRow("t");
  empty_value.AddColumn("c", "");
  EXPECT_NE(null_value.Digest(), empty_value.Digest());
  EXPECT_EQ(StateDigest().Digest(), "");
}

}  // namespace
}  // namespace redress::audit
