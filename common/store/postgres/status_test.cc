#include "common/store/postgres/status.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "common/errors.h"
#include "common/testing/status_matchers.h"

namespace redress::pg {
namespace {

using ::redress::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Optional;

struct Mapping {
  std::string sqlstate;
  absl::StatusCode code;
};

TEST(SqlStateStatusTest, MapsEachSqlStateToItsCode) {
  const Mapping kMappings[] = {
      {"23505", absl::StatusCode::kAlreadyExists},
      {"23503", absl::StatusCode::kFailedPrecondition},
      {"23001", absl::StatusCode::kFailedPrecondition},
      {"23P01", absl::StatusCode::kFailedPrecondition},
      {"23000", absl::StatusCode::kFailedPrecondition},
      {"23502", absl::StatusCode::kInvalidArgument},
      {"23514", absl::StatusCode::kInvalidArgument},
      {"40001", absl::StatusCode::kAborted},
      {"40P01", absl::StatusCode::kAborted},
      {"08000", absl::StatusCode::kUnavailable},
      {"08006", absl::StatusCode::kUnavailable},
      {"57P01", absl::StatusCode::kUnavailable},
      {"57P02", absl::StatusCode::kUnavailable},
      {"57P03", absl::StatusCode::kUnavailable},
      {"25006", absl::StatusCode::kUnavailable},
      {"40003", absl::StatusCode::kUnavailable},
      {"53300", absl::StatusCode::kUnavailable},
      {"53100", absl::StatusCode::kUnavailable},
      {"55P03", absl::StatusCode::kUnavailable},
      {"58030", absl::StatusCode::kUnavailable},
      {"", absl::StatusCode::kUnavailable},
      {"57014", absl::StatusCode::kDeadlineExceeded},
      {"42601", absl::StatusCode::kInternal},
      {"22P02", absl::StatusCode::kInternal},
      {"25P02", absl::StatusCode::kInternal},
      {"XX000", absl::StatusCode::kInternal},
  };
  for (const Mapping& mapping : kMappings) {
    EXPECT_THAT(SqlStateStatus(mapping.sqlstate, "ctx", ""), StatusIs(mapping.code))
        << "SQLSTATE " << mapping.sqlstate;
  }
}

TEST(SqlStateStatusTest, ADiskFullOrIoErrorOfTheServerIsStoreUnavailableWithARetryDelay) {
  for (const char* sqlstate : {"53100", "58030"}) {
    const absl::Status status = SqlStateStatus(sqlstate, "ctx", "");
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kUnavailable)) << sqlstate;
    EXPECT_TRUE(IsStoreCannotWrite(status)) << sqlstate;
    EXPECT_TRUE(RetryDelayOf(status).has_value()) << sqlstate;
    EXPECT_TRUE(HasInternalDetail(status)) << sqlstate;
    EXPECT_EQ(SqlStateOf(status), std::optional<std::string>(sqlstate));
  }
  EXPECT_FALSE(IsStoreCannotWrite(SqlStateStatus("53300", "ctx", "")));  // too many connections
}

TEST(SqlStateStatusTest, KeepsTheSqlStateAndConstraintAsPayloads) {
  const absl::Status status =
      SqlStateStatus("23505", "inserting a note", "table \"notes\"", "notes_body_key");
  EXPECT_THAT(SqlStateOf(status), Optional(std::string("23505")));
  EXPECT_THAT(ViolatedConstraint(status), Optional(std::string("notes_body_key")));
  EXPECT_TRUE(HasInternalDetail(status));  // a client never sees "inserting a note"
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kAlreadyExists,
                               "inserting a note: SQLSTATE 23505 unique_violation: "
                               "table \"notes\""));
}

TEST(SqlStateStatusTest, HasNoPayloadsWhenThereIsNothingToKeep) {
  const absl::Status status = SqlStateStatus("", "connecting", "connection refused");
  EXPECT_EQ(SqlStateOf(status), std::nullopt);
  EXPECT_EQ(ViolatedConstraint(status), std::nullopt);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kUnavailable, "connecting: connection refused"));
  EXPECT_EQ(SqlStateOf(absl::InternalError("elsewhere")), std::nullopt);
}

TEST(SqlStateStatusTest, NamesUnlistedConditionsByTheirCodeOnly) {
  EXPECT_THAT(SqlStateStatus("42P01", "reading", "relation \"x\" does not exist"),
              StatusIs(absl::StatusCode::kInternal,
                       "reading: SQLSTATE 42P01: relation \"x\" does not exist"));
}

TEST(SessionLostTest, IsTrueForConnectionFailuresAndStandbys) {
  for (const char* sqlstate :
       {"08000", "08003", "08006", "57P01", "57P02", "57P03", "57P05", "25P03", "25006"}) {
    EXPECT_TRUE(SessionLost(sqlstate)) << sqlstate;
  }
  for (const char* sqlstate : {"", "40001", "57014", "23505", "53300", "42601"}) {
    EXPECT_FALSE(SessionLost(sqlstate)) << sqlstate;
  }
}

TEST(RetryableTransactionFailureTest, IsTrueForSerializationFailuresAndDeadlocksOnly) {
  EXPECT_TRUE(RetryableTransactionFailure("40001"));
  EXPECT_TRUE(RetryableTransactionFailure("40P01"));
  for (const char* sqlstate : {"", "40003", "40002", "23505", "57014", "08006"}) {
    EXPECT_FALSE(RetryableTransactionFailure(sqlstate)) << sqlstate;
  }
}

}  // namespace
}  // namespace redress::pg
