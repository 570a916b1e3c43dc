// Values in and out: every parameter type round-trips through the server, the typed accessors
// report a wrong type or NULL as an error, and nothing is ever prepared under a name.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/store/postgres/connection.h"
#include "common/store/postgres/params.h"
#include "common/store/postgres/postgres_test_support.h"
#include "common/store/postgres/result.h"
#include "common/store/postgres/status.h"

namespace redress::pg {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

class ParamsAndResultsTest : public PostgresTest {
 protected:
  void SetUp() override {
    PostgresTest::SetUp();
    auto connection = Connection::Open(server().url());
    ASSERT_THAT(connection, IsOk());
    connection_ = *std::move(connection);
    ASSERT_THAT(connection_->ExecuteScript(R"sql(
      CREATE TABLE samples (
        id      BIGINT PRIMARY KEY,
        small   INTEGER,
        flag    BOOLEAN,
        body    TEXT,
        payload BYTEA,
        at      TIMESTAMPTZ,
        day     DATE
      ))sql"),
                IsOk());
  }

  // Inserts `params` (id, small, flag, body, payload, at, day) and reads the row back.
  absl::StatusOr<Result> RoundTrip(const Params& params) {
    auto inserted = connection_->Execute(
        "INSERT INTO samples (id, small, flag, body, payload, at, day) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
        params);
    if (!inserted.ok()) return inserted.status();
    return connection_->Execute("SELECT * FROM samples WHERE id = $1", Params().Add(int64_t{1}));
  }

  std::unique_ptr<Connection> connection_;
};

TEST_F(ParamsAndResultsTest, RoundTripsEveryType) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  bytes += std::string(3, '\0');
  const std::string long_text(2'000'000, 'x');
  const std::string unicode = "Siân Ó Briain — “quoted” \\ 'single' 日本語 😀";
  const absl::Time at = absl::FromUnixMicros(1'700'000'000'123'456);
  const absl::CivilDay day(2024, 2, 29);

  auto result = RoundTrip(Params()
                              .Add(int64_t{1})
                              .Add(-7)
                              .Add(true)
                              .Add(unicode + long_text)
                              .AddBytes(bytes)
                              .Add(at)
                              .Add(day));
  ASSERT_THAT(result, IsOk());
  ASSERT_EQ(result->rows(), 1);
  const Row row = result->row(0);
  EXPECT_THAT(row.Int64("id"), IsOkAndHolds(1));
  EXPECT_THAT(row.Int64("small"), IsOkAndHolds(-7));
  EXPECT_THAT(row.Bool("flag"), IsOkAndHolds(true));
  EXPECT_THAT(row.Text("body"), IsOkAndHolds(unicode + long_text));
  EXPECT_THAT(row.Bytes("payload"), IsOkAndHolds(bytes));
  EXPECT_THAT(row.Time("at"), IsOkAndHolds(at));
  EXPECT_THAT(row.Day("day"), IsOkAndHolds(day));
}

TEST_F(ParamsAndResultsTest, RoundTripsNullsAndEdgeValues) {
  auto nulls = RoundTrip(Params()
                             .Add(int64_t{1})
                             .Add(std::optional<int64_t>())
                             .Add(std::optional<bool>())
                             .Add(std::optional<std::string>())
                             .AddOptionalBytes(std::nullopt)
                             .Add(std::optional<absl::Time>())
                             .Add(std::optional<absl::CivilDay>()));
  ASSERT_THAT(nulls, IsOk());
  const Row row = nulls->row(0);
  for (const char* column : {"small", "flag", "body", "payload", "at", "day"}) {
    EXPECT_TRUE(row.IsNull(column)) << column;
  }
  EXPECT_THAT(row.OptionalInt64("small"), IsOkAndHolds(std::nullopt));
  EXPECT_THAT(row.OptionalBool("flag"), IsOkAndHolds(std::nullopt));
  EXPECT_THAT(row.OptionalText("body"), IsOkAndHolds(std::nullopt));
  EXPECT_THAT(row.OptionalBytes("payload"), IsOkAndHolds(std::nullopt));
  EXPECT_THAT(row.OptionalTime("at"), IsOkAndHolds(std::nullopt));
  EXPECT_THAT(row.OptionalDay("day"), IsOkAndHolds(std::nullopt));

  // Empty text and bytes are values, not NULL; extremes survive.
  auto edges = connection_->Execute(
      "SELECT $1::bigint AS min, $2::bigint AS max, $3::text AS empty_text, "
      "$4::bytea AS empty_bytes, $5::timestamptz AS future, $6::timestamptz AS past, "
      "$7::timestamptz AS odd_zone",
      Params()
          .Add(std::numeric_limits<int64_t>::min())
          .Add(std::numeric_limits<int64_t>::max())
          .Add("")
          .AddBytes("")
          .Add(absl::InfiniteFuture())
          .Add(absl::InfinitePast())
          .Add("2024-06-01 12:00:00+05:30"));
  ASSERT_THAT(edges, IsOk());
  const Row edge = edges->row(0);
  EXPECT_THAT(edge.Int64("min"), IsOkAndHolds(std::numeric_limits<int64_t>::min()));
  EXPECT_THAT(edge.Int64("max"), IsOkAndHolds(std::numeric_limits<int64_t>::max()));
  EXPECT_THAT(edge.OptionalText("empty_text"), IsOkAndHolds(std::optional<std::string>("")));
  EXPECT_THAT(edge.OptionalBytes("empty_bytes"), IsOkAndHolds(std::optional<std::string>("")));
  EXPECT_THAT(edge.Time("future"), IsOkAndHolds(absl::InfiniteFuture()));
  EXPECT_THAT(edge.Time("past"), IsOkAndHolds(absl::InfinitePast()));
  EXPECT_THAT(
      edge.Time("odd_zone"),
      IsOkAndHolds(absl::FromCivil(absl::CivilSecond(2024, 6, 1, 6, 30, 0), absl::UTCTimeZone())));
}

TEST_F(ParamsAndResultsTest, ReadsTimesWhateverTheSessionTimeZone) {
  const absl::Time at = absl::FromUnixMicros(1'700'000'000'654'321);
  auto result = connection_->Execute(
      "SELECT set_config('TimeZone', 'Asia/Kolkata', false) AS zone, $1::timestamptz AS at",
      Params().Add(at));
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(result->row(0).Time("at"), IsOkAndHolds(at));
}

TEST_F(ParamsAndResultsTest, TruncatesTimesToTheMicrosecond) {
  auto result = connection_->Execute("SELECT $1 AS at",
                                     Params().Add(absl::FromUnixNanos(1'000'000'000'123'456'789)));
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(result->row(0).Time("at"), IsOkAndHolds(absl::FromUnixMicros(1'000'000'000'123'456)));
}

TEST_F(ParamsAndResultsTest, AccessorsReportAWrongTypeNullOrMissingColumnAsAnError) {
  auto result = connection_->Execute(
      "SELECT 1::int AS number, 'text'::text AS word, NULL::bigint AS nothing, "
      "'\\x00'::bytea AS blob, true AS yes");
  ASSERT_THAT(result, IsOk());
  const Row row = result->row(0);
  EXPECT_THAT(row.Int64("word"), StatusIs(absl::StatusCode::kInternal, HasSubstr("\"word\"")));
  EXPECT_THAT(row.Text("number"), StatusIs(absl::StatusCode::kInternal, HasSubstr("\"number\"")));
  EXPECT_THAT(row.Text("blob"), StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(row.Bool("number"), StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(row.Time("word"), StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(row.Day("number"), StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(row.Bytes("word"), StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(row.Int64("nothing"), StatusIs(absl::StatusCode::kInternal, HasSubstr("is NULL")));
  EXPECT_THAT(row.OptionalText("nothing"), StatusIs(absl::StatusCode::kInternal));  // bigint
  EXPECT_THAT(row.Int64("absent"),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("not in the result")));
  EXPECT_FALSE(row.IsNull("absent"));
  EXPECT_THAT(row.Bool("yes"), IsOkAndHolds(true));
}

TEST_F(ParamsAndResultsTest, TextsReadsAColumnOfEveryRowInOrder) {
  auto result = connection_->Execute(
      "SELECT word, n FROM (VALUES ('b', 2), ('a', 1), ('c', NULL)) AS t (word, n) ORDER BY n");
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(result->Texts("word"), IsOkAndHolds(ElementsAre("a", "b", "c")));
  EXPECT_THAT(result->Texts("n"), StatusIs(absl::StatusCode::kInternal));  // not text
  auto none = connection_->Execute("SELECT 'x'::text AS word WHERE false");
  ASSERT_THAT(none, IsOk());
  EXPECT_THAT(none->Texts("word"), IsOkAndHolds(ElementsAre()));
}

TEST_F(ParamsAndResultsTest, RefusesUnusableParametersBeforeRunningAnything) {
  EXPECT_THAT(connection_->Execute("INSERT INTO samples (id, body) VALUES ($1, $2)",
                                   Params().Add(int64_t{5}).Add(std::string("nul\0byte", 8))),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("$2")));
  EXPECT_THAT(
      connection_->Execute("SELECT $1::timestamptz AS at",
                           Params().Add(absl::FromCivil(absl::CivilSecond(10000, 1, 1, 0, 0, 0),
                                                        absl::UTCTimeZone()))),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("$1")));
  auto count = connection_->Execute("SELECT count(*) AS value FROM samples");
  ASSERT_THAT(count, IsOk());
  EXPECT_THAT(count->row(0).Int64("value"), IsOkAndHolds(0));
}

TEST_F(ParamsAndResultsTest, ReportsAffectedRows) {
  ASSERT_THAT(connection_->ExecuteScript("INSERT INTO samples (id) SELECT generate_series(1, 5)"),
              IsOk());
  auto updated =
      connection_->Execute("UPDATE samples SET flag = $1 WHERE id > $2", Params().Add(true).Add(2));
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(updated->affected_rows(), 3);
  auto selected = connection_->Execute("SELECT id FROM samples ORDER BY id");
  ASSERT_THAT(selected, IsOk());
  EXPECT_EQ(selected->rows(), 5);
  EXPECT_THAT(selected->row(4).Int64("id"), IsOkAndHolds(5));
}

TEST_F(ParamsAndResultsTest, MapsConstraintViolationsWithTheConstraintAndNoValues) {
  ASSERT_THAT(connection_->ExecuteScript(R"sql(
    CREATE TABLE people (
      id    BIGINT PRIMARY KEY,
      email TEXT NOT NULL CONSTRAINT people_email_unique UNIQUE,
      age   INTEGER CONSTRAINT people_age_positive CHECK (age > 0));
    CREATE TABLE letters (
      person_id BIGINT NOT NULL CONSTRAINT letters_person REFERENCES people (id)))sql"),
              IsOk());
  const std::string secret = "siân.secret@example.org";
  const char* insert = "INSERT INTO people (id, email, age) VALUES ($1, $2, $3)";
  ASSERT_THAT(connection_->Execute(insert, Params().Add(1).Add(secret).Add(30)), IsOk());

  const auto duplicate = connection_->Execute(insert, Params().Add(2).Add(secret).Add(30));
  EXPECT_THAT(duplicate, StatusIs(absl::StatusCode::kAlreadyExists, Not(HasSubstr("secret"))));
  EXPECT_EQ(ViolatedConstraint(duplicate.status()), "people_email_unique");
  EXPECT_EQ(SqlStateOf(duplicate.status()), "23505");

  const auto same_id = connection_->Execute(insert, Params().Add(1).Add("other").Add(30));
  EXPECT_EQ(ViolatedConstraint(same_id.status()), "people_pkey");

  const auto no_email =
      connection_->Execute(insert, Params().Add(3).Add(std::optional<std::string>()).Add(30));
  EXPECT_THAT(no_email, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("email")));

  const auto negative = connection_->Execute(insert, Params().Add(4).Add(secret + "2").Add(-1));
  EXPECT_THAT(negative, StatusIs(absl::StatusCode::kInvalidArgument, Not(HasSubstr("secret"))));
  EXPECT_EQ(ViolatedConstraint(negative.status()), "people_age_positive");

  const auto orphan =
      connection_->Execute("INSERT INTO letters (person_id) VALUES ($1)", Params().Add(99));
  EXPECT_THAT(orphan, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ViolatedConstraint(orphan.status()), "letters_person");

  // A data exception's server message quotes the value; ours does not.
  const auto bad_number =
      connection_->Execute("SELECT $1::integer AS n", Params().Add("secret-not-a-number"));
  EXPECT_THAT(bad_number, StatusIs(absl::StatusCode::kInternal,
                                   ::testing::AllOf(HasSubstr("22P02"), Not(HasSubstr("secret")))));
}

TEST_F(ParamsAndResultsTest, ReportsSqlErrorsWithTheServersMessage) {
  EXPECT_THAT(connection_->Execute("SELEC 1"),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("syntax error")));
  // One statement per Execute: the extended protocol refuses two.
  EXPECT_THAT(connection_->Execute("SELECT 1; SELECT 2"), StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(connection_->Execute("  "), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_FALSE(connection_->broken());
  EXPECT_THAT(connection_->Execute("SELECT 1 AS one"), IsOk());
}

TEST_F(ParamsAndResultsTest, NeverPreparesANamedStatement) {
  for (int i = 0; i < 20; ++i) {
    ASSERT_THAT(connection_->Execute("INSERT INTO samples (id, body) VALUES ($1, $2)",
                                     Params().Add(i).Add("x")),
                IsOk());
    ASSERT_THAT(connection_->Execute("SELECT body FROM samples WHERE id = $1", Params().Add(i)),
                IsOk());
  }
  // pg_prepared_statements lists this session's named statements (the unnamed one is not kept).
  auto named = connection_->Execute("SELECT count(*) AS value FROM pg_prepared_statements");
  ASSERT_THAT(named, IsOk());
  EXPECT_THAT(named->row(0).Int64("value"), IsOkAndHolds(0));
  // The check can fail: a named statement shows up.
  ASSERT_THAT(connection_->ExecuteScript("PREPARE named AS SELECT 1"), IsOk());
  named = connection_->Execute("SELECT count(*) AS value FROM pg_prepared_statements");
  ASSERT_THAT(named, IsOk());
  EXPECT_THAT(named->row(0).Int64("value"), IsOkAndHolds(1));
}

}  // namespace
}  // namespace redress::pg
