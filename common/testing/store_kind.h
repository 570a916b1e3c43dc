// The parameter of service tests that run over each implementation of their service's store:
// INSTANTIATE_TEST_SUITE_P(Stores, SomeServiceTest,
//                          ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);
#pragma once

#include <gtest/gtest.h>

#include <ostream>
#include <string>

namespace redress::testing {

// Which store a test's server runs on: the in-memory FakeStore, or a SqliteStore in a fresh file.
enum class StoreKind { kFake, kSqlite };

inline void PrintTo(StoreKind kind, std::ostream* os) {
  *os << (kind == StoreKind::kFake ? "FakeStore" : "SqliteStore");
}

// "FakeStore" or "SqliteStore": the suffix of each test's name.
inline std::string StoreKindName(const ::testing::TestParamInfo<StoreKind>& info) {
  return info.param == StoreKind::kFake ? "FakeStore" : "SqliteStore";
}

}  // namespace redress::testing
