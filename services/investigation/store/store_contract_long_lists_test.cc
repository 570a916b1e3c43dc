// The InvestigationStore contract (store.h) for the lists that grow long, run over every
// implementation: evidence and comments are appended, never rewritten; a read carries the most
// recent and the counts, ListEvidence and ListComments page through them all; an update rewrites
// only the bounded lists it names; each item added or erased has its own audit entry.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "services/investigation/case_limits.h"
#include "services/investigation/personal_data.h"
#include "services/investigation/store/store_contract_fixture.h"

namespace redress::investigation {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;
using namespace store_testing;  // NOLINT: test data builders and the typed fixture

EvidenceItem Item(int number) {
  return {absl::StrCat("e", number), absl::StrCat("Letter ", number, " – with £ and “quotes”"),
          Party::kOrganisation, absl::CivilDay(2024, 6, 1 + number % 28), TimeAt(100 + number)};
}

Comment CommentNumbered(int number) {
  return {absl::StrCat("c", number),
          number % 2 == 0 ? Party::kComplainant : Party::kOrganisation,
          absl::StrCat("Comment ", number),
          absl::CivilDay(2024, 8, 21),
          TimeAt(200 + number),
          number % 2 == 0 ? "" : "organisations/hmcts",
          1};
}

// `investigation` with one more evidence item, one version on, as the logic writes it (the most
// recent items only).
Investigation WithEvidence(Investigation investigation) {
  investigation.evidence.push_back(Item(investigation.evidence_count + 1));
  ++investigation.evidence_count;
  ++investigation.version;
  KeepRecentEntries(investigation);
  return investigation;
}

Investigation WithComment(Investigation investigation) {
  ProvisionalView& view = *investigation.provisional_view;
  view.comments.push_back(CommentNumbered(view.comment_count + 1));
  ++view.comment_count;
  ++investigation.version;
  KeepRecentEntries(investigation);
  return investigation;
}

Investigation Shared(Investigation investigation) {
  investigation.provisional_view =
      ProvisionalView{absl::CivilDay(2024, 8, 20),
                      10,
                      absl::CivilDay(2024, 9, 3),
                      {},
                      1,
                      "",
                      0,
                      {{Party::kComplainant, "", absl::CivilDay(2024, 8, 21)}}};
  return investigation;
}

std::vector<std::string> EvidenceIds(const std::vector<EvidenceItem>& items) {
  std::vector<std::string> ids;
  for (const EvidenceItem& item : items) ids.push_back(item.evidence_id);
  return ids;
}

std::vector<std::string> Numbered(const char* prefix, int first, int last) {
  std::vector<std::string> ids;
  for (int n = first; n <= last; ++n) ids.push_back(absl::StrCat(prefix, n));
  return ids;
}

TYPED_TEST(StoreContractTest, EvidenceIsAppendedAndAReadCarriesTheMostRecent) {
  Investigation investigation = this->Insert(MinimalInvestigation("i1"));
  const int total = kRecentEvidenceShown + 5;
  for (int n = 1; n <= total; ++n) {
    investigation = WithEvidence(investigation);
    this->Update(investigation);
  }
  auto got = this->store().GetInvestigation("i1");
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(*got, investigation);
  EXPECT_EQ(got->evidence_count, total);
  EXPECT_THAT(EvidenceIds(got->evidence), ElementsAreArray(Numbered("e", 6, total)));
  EXPECT_EQ(got->evidence.back(), Item(total));

  auto all = this->store().ListEvidence("i1", 0, 100);
  ASSERT_THAT(all, IsOk());
  EXPECT_THAT(EvidenceIds(*all), ElementsAreArray(Numbered("e", 1, total)));
  EXPECT_EQ(all->front(), Item(1));
  auto middle = this->store().ListEvidence("i1", 3, 2);
  ASSERT_THAT(middle, IsOk());
  EXPECT_THAT(EvidenceIds(*middle), ElementsAre("e4", "e5"));
  auto past_the_end = this->store().ListEvidence("i1", total, 10);
  ASSERT_THAT(past_the_end, IsOk());
  EXPECT_THAT(*past_the_end, IsEmpty());
}

TYPED_TEST(StoreContractTest, CommentsAreAppendedWithTheirCommenters) {
  Investigation investigation = this->Insert(Shared(MinimalInvestigation("i1")));
  const int total = kRecentCommentsShown + 3;
  for (int n = 1; n <= total; ++n) {
    investigation = WithComment(investigation);
    this->Update(investigation);
  }
  auto got = this->store().GetInvestigation("i1");
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(*got, investigation);
  ASSERT_TRUE(got->provisional_view.has_value());
  EXPECT_EQ(got->provisional_view->comment_count, total);
  EXPECT_EQ(got->provisional_view->comments.size(), static_cast<size_t>(kRecentCommentsShown));
  EXPECT_EQ(got->provisional_view->comments.front().comment_id, "c4");
  EXPECT_EQ(got->provisional_view->commenters, investigation.provisional_view->commenters);

  auto page = this->store().ListComments("i1", total - 2, 10);
  ASSERT_THAT(page, IsOk());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0], CommentNumbered(total - 1));
  EXPECT_EQ((*page)[1], CommentNumbered(total));
}

TYPED_TEST(StoreContractTest, ListingTheItemsOfAMissingInvestigationIsNotFound) {
  EXPECT_THAT(this->store().ListEvidence("nope", 0, 10), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->store().ListComments("nope", 0, 10), StatusIs(absl::StatusCode::kNotFound));
  this->Insert(MinimalInvestigation("i1"));
  EXPECT_THAT(this->store().ListEvidence("i1", 0, 10), IsOkAndHolds(IsEmpty()));
  EXPECT_THAT(this->store().ListComments("i1", 0, 10), IsOkAndHolds(IsEmpty()));
}

TYPED_TEST(StoreContractTest, AnUpdateRewritesOnlyTheListsItNames) {
  const Investigation stored = this->Insert(FullInvestigation("i1"));
  Investigation changed = stored;
  changed.version = 10;
  changed.caseworker = "bob";
  changed.narrative.introduction = {"Not written: the narrative is not named."};
  changed.holds.pop_back();
  ASSERT_THAT(this->store().UpdateInvestigation(changed, 9, std::nullopt, std::nullopt,
                                                ListsToWrite::None().Add(BoundedList::kHolds)),
              IsOk());
  Investigation expected = changed;
  expected.narrative = stored.narrative;
  EXPECT_THAT(this->store().GetInvestigation("i1"), IsOkAndHolds(expected));
}

TYPED_TEST(StoreContractTest, AnUpdateThatWouldLoseOrRemoveItemsIsInternalAndWritesNothing) {
  Investigation investigation = this->Insert(MinimalInvestigation("i1"));
  investigation = WithEvidence(WithEvidence(investigation));
  investigation.version = 2;
  this->Update(investigation);

  Investigation fewer = investigation;
  fewer.version = 3;
  fewer.evidence.pop_back();
  fewer.evidence_count = 1;
  EXPECT_THAT(this->store().UpdateInvestigation(fewer, 2, std::nullopt, std::nullopt),
              StatusIs(absl::StatusCode::kInternal));
  Investigation skipped = investigation;  // e4 added without e3
  skipped.version = 3;
  skipped.evidence = {Item(4)};
  skipped.evidence_count = 4;
  EXPECT_THAT(this->store().UpdateInvestigation(skipped, 2, std::nullopt, std::nullopt),
              StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(this->store().GetInvestigation("i1"), IsOkAndHolds(investigation));
}

TYPED_TEST(StoreContractTest, EachItemAddedHasAnAuditEntryOfItsOwn) {
  Investigation investigation = this->Insert(Shared(MinimalInvestigation("i1")));
  investigation = WithComment(WithEvidence(investigation));
  investigation.version = 2;
  ASSERT_THAT(
      this->store().UpdateInvestigation(investigation, 1, std::nullopt,
                                        Request("LogEvidence:investigations/i1", "req-e1", "e1")),
      IsOk());
  auto entries = this->store().ListAuditEntries(0, 100);
  ASSERT_THAT(entries, IsOk());
  std::vector<std::string> resources;
  for (const audit::AuditEntry& entry : *entries) resources.push_back(entry.resource);
  EXPECT_THAT(resources,
              ElementsAre("investigations/i1", "investigations/i1", "investigations/i1/evidence/e1",
                          "investigations/i1/comments/c1"));
  EXPECT_EQ((*entries)[2].request_id, "req-e1");
  EXPECT_EQ((*entries)[2].before_digest, "");
  EXPECT_EQ((*entries)[2].after_digest.size(), 64u);
  EXPECT_NE((*entries)[2].after_digest, (*entries)[3].after_digest);
}

TYPED_TEST(StoreContractTest, ErasureErasesEveryItemNotOnlyTheMostRecent) {
  Investigation investigation = this->Insert(Shared(MinimalInvestigation("i1")));
  for (int n = 0; n < kRecentEvidenceShown + 2; ++n) {
    investigation = WithEvidence(investigation);
    this->Update(investigation);
  }
  investigation = WithComment(investigation);
  this->Update(investigation);
  Investigation withdrawn = Withdrawn(investigation, TimeAt(300));
  this->Update(withdrawn);
  const size_t entries_before = this->store().ListAuditEntries(0, 1000)->size();

  ASSERT_THAT(this->store().EraseInvestigation(ErasedInvestigation(withdrawn, TimeAt(400)),
                                               withdrawn.version, TimeAt(400)),
              IsOk());
  auto evidence = this->store().ListEvidence("i1", 0, 100);
  ASSERT_THAT(evidence, IsOk());
  ASSERT_EQ(evidence->size(), static_cast<size_t>(kRecentEvidenceShown + 2));
  for (const EvidenceItem& item : *evidence) EXPECT_EQ(item.description, kErasedText);
  auto comments = this->store().ListComments("i1", 0, 100);
  ASSERT_THAT(comments, IsOk());
  ASSERT_EQ(comments->size(), 1u);
  EXPECT_EQ(comments->front().text, kErasedText);
  // The investigation's entry, then one per item erased, in order.
  auto entries = this->store().ListAuditEntries(0, 1000);
  ASSERT_THAT(entries, IsOk());
  ASSERT_EQ(entries->size(), entries_before + 1 + kRecentEvidenceShown + 2 + 1);
  EXPECT_EQ((*entries)[entries_before].resource, "investigations/i1");
  EXPECT_EQ((*entries)[entries_before + 1].resource, "investigations/i1/evidence/e1");
  EXPECT_EQ(entries->back().resource, "investigations/i1/comments/c1");
}

}  // namespace
}  // namespace redress::investigation
