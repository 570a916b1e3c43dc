// EncodedSizeBound (case_limits.h) against the encoder: for an ordinary investigation and for one
// with every list full and every text at its longest in four-byte characters, the bound is at
// least the size of the proto InvestigationToProto makes, and not wildly more.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "services/investigation/api/proto_convert.h"
#include "services/investigation/case_limits.h"
#include "services/investigation/store/store_test_data.h"

namespace redress::investigation {
namespace {

// `chars` characters of four bytes each (U+1F4C4).
std::string Wide(size_t chars) {
  std::string text;
  for (size_t c = 0; c < chars; ++c) text += "\xF0\x9F\x93\x84";
  return text;
}

absl::Time Later(int seconds) { return absl::FromUnixSeconds(1772452800 + seconds); }

// Every list at the most the investigation carries, every text at its limit.
Investigation Largest() {
  Investigation i = store_testing::FullInvestigation("a-long-investigation-id");
  i.complaint.what_went_wrong = Wide(20000);
  i.complaint.injustice_claimed = Wide(20000);
  i.complaint.outcome_wanted = Wide(20000);
  i.scope->summary = Wide(5000);
  i.points.clear();
  for (int p = 1; p <= 20; ++p) {
    i.points.push_back({absl::StrCat("cp", p), Wide(2000),
                        Finding{true, true, CausalLink::kCaused, Wide(20000), Later(p)},
                        Outcome::kUpheld});
  }
  i.evidence.clear();
  for (int e = 4981; e <= 5000; ++e) {
    i.evidence.push_back({absl::StrCat("e", e), Wide(2000), Party::kOrganisation,
                          absl::CivilDay(2026, 3, 2), Later(e)});
  }
  i.evidence_count = 5000;
  i.holds.clear();
  for (int h = 0; h < 100; ++h) {
    i.holds.push_back({Wide(2000), absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 1, 2),
                       InvestigationState::kInvestigating});
  }
  for (ComplaintHandlingFinding& finding : i.complaint_handling_findings) {
    finding.finding = Wide(5000);
  }
  i.narrative.introduction = {Wide(20000), Wide(20000)};
  i.recommendations.clear();
  for (int r = 1; r <= 50; ++r) {
    i.recommendations.push_back({absl::StrCat("r", r), RecommendationType::kFinancialLoss,
                                 Beneficiary::kComplainant, Wide(5000), Money{250000, "GBP"},
                                 absl::CivilDay(2026, 6, 1), "organisations/hmcts"});
  }
  i.provisional_view->comments.clear();
  for (int c = 981; c <= 1000; ++c) {
    i.provisional_view->comments.push_back({absl::StrCat("c", c), Party::kOrganisation, Wide(20000),
                                            absl::CivilDay(2026, 3, 2), Later(c),
                                            "organisations/hmcts", 3});
  }
  i.provisional_view->comment_count = 1000;
  i.reviews.clear();
  for (int r = 1; r <= 20; ++r) {
    i.reviews.push_back({absl::StrCat("rv", r), Party::kComplainant, ReviewGround::kFactsWrong,
                         Wide(20000), absl::CivilDay(2026, 3, 2), ReviewOutcome::kReopened,
                         Wide(20000), absl::CivilDay(2026, 3, 9), r});
    i.previous_decisions.push_back(
        FinalDecision{Outcome::kUpheld, absl::CivilDay(2026, 2, 1), Later(r), r});
  }
  i.version = 123456789;
  return i;
}

TEST(EncodedSizeBoundTest, IsAtLeastWhatTheEncoderWrites) {
  for (const Investigation& investigation :
       {store_testing::FullInvestigation("i1"), store_testing::MinimalInvestigation("i2"),
        Largest()}) {
    const size_t encoded = InvestigationToProto(investigation).ByteSizeLong();
    const size_t bound = EncodedSizeBound(investigation);
    EXPECT_LE(encoded, bound) << investigation.id;
  }
  // For a large one, where it matters, the allowances are small beside the text.
  const size_t encoded = InvestigationToProto(Largest()).ByteSizeLong();
  EXPECT_LE(EncodedSizeBound(Largest()), encoded + encoded / 20);
}

TEST(EncodedSizeBoundTest, OfAnItemIsAtLeastWhatTheEncoderWritesForIt) {
  const Investigation largest = Largest();
  const std::string parent = largest.name();
  for (const EvidenceItem& item : largest.evidence) {
    EXPECT_LE(EvidenceItemToProto(item, parent).ByteSizeLong(), EncodedSizeBound(item, parent));
  }
  for (const Comment& comment : largest.provisional_view->comments) {
    EXPECT_LE(CommentToProto(comment, parent).ByteSizeLong(), EncodedSizeBound(comment, parent));
  }
}

TEST(EncodedSizeBoundTest, TheLargestThatFitsIsUnderTheMessageLimitAndTheRestIsRefused) {
  // Every list full of four-byte text is several times the 2 MiB an investigation may weigh:
  // the size rule, not the field limits, keeps a reply under gRPC's 4 MiB.
  const Investigation largest = Largest();
  EXPECT_GT(InvestigationToProto(largest).ByteSizeLong(), size_t{4} << 20);
  EXPECT_EQ(ErrorReasonOf(CheckEncodedSize(largest)), reason::kInvestigationTooLarge);
  // With its text cut until the rule lets it through, it encodes under 2 MiB.
  Investigation fitting = largest;
  fitting.reviews.clear();
  fitting.previous_decisions.clear();
  fitting.holds.resize(10);
  fitting.recommendations.resize(10);
  for (ComplaintPoint& point : fitting.points) point.finding->reasoning = Wide(1000);
  fitting.provisional_view->comments.resize(5);
  ASSERT_TRUE(CheckEncodedSize(fitting).ok()) << EncodedSizeBound(fitting);
  EXPECT_LE(InvestigationToProto(fitting).ByteSizeLong(), kMaxInvestigationBytes);
}

}  // namespace
}  // namespace redress::investigation
