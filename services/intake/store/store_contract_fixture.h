// The typed fixture of the IntakeStore contract tests (store.h): common/testing/store_contract.h's
// fresh store per test, opened as each implementation in StoreTypes, plus the helpers intake's
// contract tests share. Every TYPED_TEST(StoreContractTest, ...) runs over FakeStore and
// SqliteStore in intake_store_test, and over PostgresStore in intake_postgres_store_test.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "common/testing/store_contract.h"
#include "services/intake/store/fake_store.h"
#include "services/intake/store/postgres/postgres_store.h"
#include "services/intake/store/sqlite/sqlite_store.h"
#include "services/intake/store/store.h"
#include "services/intake/store/store_test_data.h"

namespace redress::intake::store_testing {

using ::redress::testing::FindsNothing;
using ::redress::testing::IsOkAndHolds;

template <typename T>
class StoreContractTest : public ::redress::testing::StoreContractFixture<IntakeStore, T> {
 public:
  StoreContractTest() : ::redress::testing::StoreContractFixture<IntakeStore, T>("intake.db") {}

  // Inserts `complaint` with a request record named after it; returns the stored complaint.
  Complaint Insert(const Complaint& complaint) {
    auto sequence = this->store_->InsertComplaint(
        complaint, Request("SubmitComplaint", "req-" + complaint.id, complaint.id));
    EXPECT_THAT(sequence, ::redress::testing::IsOk());
    Complaint stored = complaint;
    stored.sequence = sequence.ok() ? *sequence : -1;
    return stored;
  }

  std::vector<std::string> ListIds(const ComplaintQuery& query) {
    auto complaints = this->store_->ListComplaints(query);
    EXPECT_THAT(complaints, ::redress::testing::IsOk());
    std::vector<std::string> ids;
    if (complaints.ok()) {
      for (const Complaint& c : *complaints) ids.push_back(c.id);
    }
    return ids;
  }

  // Every page of `query` with `limit` per page, the ids in the order listed; checks each page is
  // full but for the last, so paging neither skips nor repeats.
  std::vector<std::string> ListAllPages(ComplaintQuery query, int limit) {
    std::vector<std::string> seen;
    query.limit = limit;
    for (int page_number = 0; page_number < 20; ++page_number) {
      auto page = this->store_->ListComplaints(query);
      EXPECT_THAT(page, ::redress::testing::IsOk());
      if (!page.ok() || page->empty()) break;
      EXPECT_LE(page->size(), static_cast<size_t>(limit));
      for (const Complaint& c : *page) seen.push_back(c.id);
      if (page->size() < static_cast<size_t>(limit)) break;
      query.after_sequence = page->back().sequence;
    }
    return seen;
  }

  std::vector<OutboxEntry> Outbox(bool include_delivered) {
    auto entries = this->store_->ListOutbox(include_delivered, 100);
    EXPECT_THAT(entries, ::redress::testing::IsOk());
    return entries.ok() ? *entries : std::vector<OutboxEntry>();
  }
};

#ifdef REDRESS_STORE_CONTRACT_POSTGRES  // intake_postgres_store_test
using StoreTypes = ::testing::Types<PostgresStore>;
#else
using StoreTypes = ::testing::Types<FakeStore, SqliteStore>;
#endif
TYPED_TEST_SUITE(StoreContractTest, StoreTypes);

}  // namespace redress::intake::store_testing
