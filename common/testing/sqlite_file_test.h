// Test support for what a service's SqliteStore promises beyond the store contract
// (services/*/sqlite_store_test.cc): a fixture with a database file in a fresh scratch directory,
// opened and reopened at will, the schema-version check every store shares, and RawDb, a direct
// sqlite3 connection to the file that bypasses the store.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "common/testing/scratch_dir.h"
#include "common/testing/status_matchers.h"

namespace redress::testing {

// A read-write sqlite3 connection to an existing database file. Failures are test failures.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  }
  ~RawDb() { sqlite3_close(db_); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  // Runs `sql`; every row of its result, each column as its bytes ("<null>" for NULL).
  std::vector<std::vector<std::string>> Query(const std::string& sql) {
    std::vector<std::vector<std::string>> rows;
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db_) << " in " << sql;
    while (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
        const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt, i));
        row.push_back(
            sqlite3_column_type(stmt, i) == SQLITE_NULL
                ? "<null>"
                : std::string(bytes == nullptr ? "" : bytes, sqlite3_column_bytes(stmt, i)));
      }
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(stmt);
    return rows;
  }

  // What EXPLAIN QUERY PLAN says of `sql`: each step's detail, one per line ("SEARCH complaints
  // USING INDEX complaints_by_state (state=?)\n"), for checking that a list filter uses its index.
  std::string QueryPlan(const std::string& sql) {
    std::string details;
    for (const auto& row : Query("EXPLAIN QUERY PLAN " + sql)) details += row.back() + "\n";
    return details;
  }

  // Query(sql)'s values in `column`.
  std::vector<std::string> Column(const std::string& sql, int column = 0) {
    std::vector<std::string> values;
    for (const auto& row : Query(sql)) values.push_back(row.at(column));
    return values;
  }

 private:
  sqlite3* db_ = nullptr;
};

// A fixture for tests of `SqliteStore`, a store with a static
// absl::StatusOr<std::unique_ptr<SqliteStore>> Open(const std::string& path), on the file path_.
template <typename SqliteStore>
class SqliteFileTest : public ::testing::Test {
 protected:
  // `file`: the database file's name in the scratch directory ("intake.db").
  explicit SqliteFileTest(const std::string& file) : path_(dir_.File(file)) {}

  // The store opened on path_ (creating or upgrading the file); nullptr, with a test failure,
  // when it cannot be opened.
  std::unique_ptr<SqliteStore> OpenOrDie() {
    auto store = SqliteStore::Open(path_);
    EXPECT_THAT(store, IsOk());
    return store.ok() ? *std::move(store) : nullptr;
  }

  // Expects the store to refuse, with FAILED_PRECONDITION, a file whose schema version (PRAGMA
  // user_version) is newer than any it knows: one it wrote, then marked as version 99.
  void ExpectRefusesANewerSchema() {
    ASSERT_NE(OpenOrDie(), nullptr);
    {
      RawDb raw(path_);
      raw.Query("PRAGMA user_version = 99");
    }
    EXPECT_THAT(SqliteStore::Open(path_), StatusIs(absl::StatusCode::kFailedPrecondition));
  }

  ScratchDir dir_;
  const std::string path_;
};

}  // namespace redress::testing
