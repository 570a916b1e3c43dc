// What SqliteStore promises for the anonymisation issues beyond the store contract: the issue
// key is made once per database and survives restarts (so acknowledgements keep matching), a
// database of schema version 1 gains it on upgrade, and the rows hold no matched text.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "common/testing/sqlite_file_test.h"
#include "common/testing/status_matchers.h"
#include "common/testing/store_contract.h"
#include "services/remedy/store/sqlite/sqlite_store.h"
#include "services/remedy/store/store_test_data.h"

namespace redress::remedy {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::IsOkAndHolds;
using ::redress::testing::RawDb;
using ::testing::ElementsAre;
using ::testing::SizeIs;

class SqliteStoreAcknowledgementTest : public ::redress::testing::SqliteFileTest<SqliteStore> {
 protected:
  SqliteStoreAcknowledgementTest() : SqliteFileTest("remedy.db") {}
};

TEST_F(SqliteStoreAcknowledgementTest, TheKeyAndAcknowledgementsSurviveARestart) {
  std::string key;
  IssueAcknowledgement a;
  a.investigation_id = "inv-17";
  a.issue_id = "0123456789abcdef0123456789abcdef";
  a.field = "narrative.introduction[0]";
  a.kind = "family_name";
  a.person_role = "other";
  a.reason = "The name of the hospital ward, not of Mrs A's mother.";
  a.caseworker = "caseworker-np";
  a.acknowledge_time = store_testing::TimeAt(40, 1);
  {
    auto store = OpenOrDie();
    ASSERT_NE(store, nullptr);
    auto got = store->GetIssueKey();
    ASSERT_THAT(got, IsOk());
    key = *got;
    ASSERT_THAT(store->InsertIssueAcknowledgement(a), IsOk());
  }
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  EXPECT_THAT(store->GetIssueKey(), IsOkAndHolds(key));
  EXPECT_THAT(store->ListIssueAcknowledgements("inv-17"), IsOkAndHolds(ElementsAre(a)));
  // Readable columns; the issue is its keyed hash, never the text it matched.
  RawDb raw(path_);
  EXPECT_THAT(raw.Query("SELECT investigation_id, issue_id, field, kind, person_role, caseworker "
                        "FROM issue_acknowledgements"),
              ElementsAre(ElementsAre("inv-17", a.issue_id, "narrative.introduction[0]",
                                      "family_name", "other", "caseworker-np")));
}

TEST_F(SqliteStoreAcknowledgementTest, EachDatabaseHasItsOwnKey) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  auto key = store->GetIssueKey();
  ASSERT_THAT(key, IsOk());
  auto other = SqliteStore::Open(path_ + ".other");
  ASSERT_THAT(other, IsOk());
  auto other_key = (*other)->GetIssueKey();
  ASSERT_THAT(other_key, IsOk());
  EXPECT_NE(*key, *other_key);
}

TEST_F(SqliteStoreAcknowledgementTest, AVersionOneDatabaseGainsTheKeyOnUpgrade) {
  {
    auto v1 = SqliteDb::Open(path_, {SqliteStore::Migrations().front()});
    ASSERT_THAT(v1, IsOk());
  }
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  EXPECT_THAT(store->GetIssueKey(), IsOkAndHolds(SizeIs(kIssueKeyBytes)));
  RawDb raw(path_);
  EXPECT_THAT(raw.Column("PRAGMA user_version"),
              ElementsAre(std::to_string(SqliteStore::Migrations().back().version)));
}

}  // namespace
}  // namespace redress::remedy
