#include "common/audit/audit_verifier.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <utility>

#include "common/audit/audit_test_chain.h"
#include "common/testing/status_matchers.h"

namespace redress::audit {
namespace {

using testing::ValidChain;

// Verifies `entries` (sorted by sequence, as a store's pages are) in pages of `page_size`,
// counting the pages read.
absl::StatusOr<AuditVerification> Verify(std::vector<AuditEntry> entries,
                                         const std::optional<AuditHead>& expected = std::nullopt,
                                         int page_size = 2, int* pages = nullptr) {
  std::sort(entries.begin(), entries.end(),
            [](const AuditEntry& a, const AuditEntry& b) { return a.sequence < b.sequence; });
  auto pager = [&](int64_t after, int limit) -> absl::StatusOr<std::vector<AuditEntry>> {
    if (pages != nullptr) ++*pages;
    std::vector<AuditEntry> page;
    for (const AuditEntry& entry : entries) {
      if (entry.sequence > after && static_cast<int>(page.size()) < limit) page.push_back(entry);
    }
    return page;
  };
  return VerifyAuditChain(pager, expected, page_size);
}

void ExpectProblem(const absl::StatusOr<AuditVerification>& result, int64_t sequence,
                   AuditProblemKind kind) {
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_TRUE(result->problem.has_value());
  EXPECT_EQ(result->problem->sequence, sequence);
  EXPECT_EQ(AuditProblemKindName(result->problem->kind), AuditProblemKindName(kind));
}

TEST(VerifyAuditChainTest, EmptyChainIsSound) {
  absl::StatusOr<AuditVerification> result = Verify({});
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->problem.has_value());
  EXPECT_EQ(result->entries_checked, 0);
  EXPECT_EQ(result->head.sequence, 0);
  EXPECT_EQ(result->head.hash, kGenesisHash);
}

TEST(VerifyAuditChainTest, SoundChainReadPageByPage) {
  const std::vector<AuditEntry> chain = ValidChain(5);
  int pages = 0;
  absl::StatusOr<AuditVerification> result = Verify(chain, std::nullopt, 2, &pages);
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->problem.has_value());
  EXPECT_EQ(result->entries_checked, 5);
  EXPECT_EQ(result->head.sequence, 5);
  EXPECT_EQ(result->head.hash, chain[4].hash);
  EXPECT_EQ(pages, 3);
}

TEST(VerifyAuditChainTest, EditedFieldIsEdited) {
  std::vector<AuditEntry> chain = ValidChain(5);
  chain[2].actor = "user:mallory";
  ExpectProblem(Verify(chain), 3, AuditProblemKind::kEdited);
  EXPECT_EQ(Verify(chain)->entries_checked, 2);
}

TEST(VerifyAuditChainTest, EditedHashIsEdited) {
  std::vector<AuditEntry> chain = ValidChain(5);
  chain[4].hash = std::string(kGenesisHash);
  ExpectProblem(Verify(chain), 5, AuditProblemKind::kEdited);
}

TEST(VerifyAuditChainTest, EditedAndRehashedBreaksTheNextLink) {
  std::vector<AuditEntry> chain = ValidChain(5);
  chain[1].resource = "complaints/other";
  chain[1].hash = AuditEntryHash(chain[1]);
  ExpectProblem(Verify(chain), 3, AuditProblemKind::kBrokenLink);
}

TEST(VerifyAuditChainTest, DeletedMiddleEntryIsAGap) {
  std::vector<AuditEntry> chain = ValidChain(5);
  chain.erase(chain.begin() + 2);
  ExpectProblem(Verify(chain), 3, AuditProblemKind::kGap);
}

TEST(VerifyAuditChainTest, DeletedFirstEntryIsAGap) {
  std::vector<AuditEntry> chain = ValidChain(3);
  chain.erase(chain.begin());
  ExpectProblem(Verify(chain), 1, AuditProblemKind::kGap);
}

TEST(VerifyAuditChainTest, DeletedAndRenumberedIsEdited) {
  std::vector<AuditEntry> chain = ValidChain(5);
  chain.erase(chain.begin() + 2);
  for (size_t i = 2; i < chain.size(); ++i) chain[i].sequence = static_cast<int64_t>(i) + 1;
  ExpectProblem(Verify(chain), 3, AuditProblemKind::kEdited);
}

TEST(VerifyAuditChainTest, SwappedContentsAreEdited) {
  std::vector<AuditEntry> chain = ValidChain(5);
  std::swap(chain[1], chain[2]);
  std::swap(chain[1].sequence, chain[2].sequence);
  ExpectProblem(Verify(chain), 2, AuditProblemKind::kEdited);
}

TEST(VerifyAuditChainTest, ReorderedAndRehashedIsABrokenLink) {
  std::vector<AuditEntry> chain = ValidChain(5);
  std::swap(chain[1], chain[2]);
  std::swap(chain[1].sequence, chain[2].sequence);
  chain[1].hash = AuditEntryHash(chain[1]);
  chain[2].hash = AuditEntryHash(chain[2]);
  ExpectProblem(Verify(chain), 2, AuditProblemKind::kBrokenLink);
}

TEST(VerifyAuditChainTest, TruncationIsSeenOnlyWithTheExpectedHead) {
  std::vector<AuditEntry> chain = ValidChain(5);
  const AuditHead kept{5, chain[4].hash};
  chain.pop_back();
  chain.pop_back();
  absl::StatusOr<AuditVerification> unaided = Verify(chain);
  ASSERT_TRUE(unaided.ok());
  EXPECT_FALSE(unaided->problem.has_value());
  ExpectProblem(Verify(chain, kept), 4, AuditProblemKind::kTruncated);
}

TEST(VerifyAuditChainTest, ExpectedHeadWithinALongerChainIsSound) {
  const std::vector<AuditEntry> chain = ValidChain(5);
  absl::StatusOr<AuditVerification> result = Verify(chain, AuditHead{3, chain[2].hash});
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->problem.has_value());
  EXPECT_EQ(result->entries_checked, 5);
}

TEST(VerifyAuditChainTest, RewrittenChainMismatchesTheExpectedHead) {
  const std::vector<AuditEntry> original = ValidChain(5);
  std::vector<AuditEntry> rewritten = ValidChain(5);
  rewritten[3].actor = "user:mallory";  // then every hash from 4 on recomputed
  for (size_t i = 3; i < rewritten.size(); ++i) {
    rewritten[i].previous_hash = rewritten[i - 1].hash;
    rewritten[i].hash = AuditEntryHash(rewritten[i]);
  }
  absl::StatusOr<AuditVerification> unaided = Verify(rewritten);
  ASSERT_TRUE(unaided.ok());
  EXPECT_FALSE(unaided->problem.has_value());
  ExpectProblem(Verify(rewritten, AuditHead{5, original[4].hash}), 5,
                AuditProblemKind::kHeadMismatch);
}

TEST(VerifyAuditChainTest, PagerErrorIsReturned) {
  auto pager = [](int64_t, int) -> absl::StatusOr<std::vector<AuditEntry>> {
    return absl::UnavailableError("down");
  };
  EXPECT_THAT(VerifyAuditChain(pager, std::nullopt).status(),
              ::redress::testing::StatusIs(absl::StatusCode::kUnavailable));
}

}  // namespace
}  // namespace redress::audit
