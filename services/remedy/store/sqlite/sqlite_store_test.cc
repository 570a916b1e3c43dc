// What SqliteStore promises beyond the store contract: data on disk survives a restart; the schema
// version is recorded and a newer one refused; the schema is relational and readable (queryable
// columns, child rows, the summary text byte for byte and its parts a CaseSummary proto); damage
// is INTERNAL, not a crash; list filters use their indexes.
#include "services/remedy/store/sqlite/sqlite_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "common/store/sqlite/sqlite.h"
#include "common/testing/sqlite_file_test.h"
#include "common/testing/status_matchers.h"
#include "redress/remedy/v1/case_summary.pb.h"
#include "services/remedy/store/store_test_data.h"

namespace redress::remedy {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::RawDb;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using namespace store_testing;  // NOLINT: test data builders

class SqliteStoreTest : public ::redress::testing::SqliteFileTest<SqliteStore> {
 protected:
  SqliteStoreTest() : SqliteFileTest("remedy.db") {}

  // Receives FullRecommendation("rec-1") and MinimalRecommendation("rec-2") under decision 1 of
  // inv-17 and publishes version 1 of its summary; returns the two as stored.
  std::vector<Recommendation> Populate(SqliteStore& store) {
    const std::vector<Recommendation> created = {FullRecommendation("rec-1"),
                                                 MinimalRecommendation("rec-2", "inv-17")};
    EXPECT_THAT(store.ReceiveHandoff(Receipt("inv-17", 1, {"rec-1", "rec-2"}), created, {}),
                IsOk());
    EXPECT_THAT(store.InsertCaseSummary(FullSummary("inv-17", 1)), IsOk());
    std::vector<Recommendation> stored = created;
    for (size_t i = 0; i < stored.size(); ++i) stored[i].sequence = static_cast<int64_t>(i) + 1;
    return stored;
  }
};

TEST_F(SqliteStoreTest, DataSurvivesClosingAndReopening) {
  std::vector<Recommendation> stored;
  {
    auto store = OpenOrDie();
    ASSERT_NE(store, nullptr);
    stored = Populate(*store);
  }
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  auto list = store->ListRecommendations({});
  ASSERT_THAT(list, IsOk());
  EXPECT_EQ(*list, stored);
  auto receipt = store->FindDecisionReceipt("investigations/inv-17/decisions/1");
  ASSERT_THAT(receipt, IsOk());
  EXPECT_EQ(*receipt, Receipt("inv-17", 1, {"rec-1", "rec-2"}));
  auto summary = store->GetCaseSummary("inv-17", 0);
  ASSERT_THAT(summary, IsOk());
  EXPECT_EQ(*summary, FullSummary("inv-17", 1));
  // Sequences carry on after a restart.
  ASSERT_THAT(store->ReceiveHandoff(Receipt("inv-17", 2, {"rec-3"}),
                                    {MinimalRecommendation("rec-3", "inv-17")}, {}),
              IsOk());
  auto next = store->GetRecommendation("rec-3");
  ASSERT_THAT(next, IsOk());
  EXPECT_EQ(next->sequence, 3);
}

TEST_F(SqliteStoreTest, RecordsTheSchemaVersion) {
  ASSERT_NE(OpenOrDie(), nullptr);
  RawDb raw(path_);
  EXPECT_THAT(raw.Column("PRAGMA user_version"),
              ElementsAre(std::to_string(SqliteStore::Migrations().back().version)));
  EXPECT_THAT(raw.Column("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                         "name NOT LIKE 'sqlite_%' ORDER BY name"),
              ElementsAre("anonymisation_issue_key", "audit_log", "case_summaries",
                          "decision_receipt_recommendations", "decision_receipts", "erasures",
                          "follow_up_steps", "issue_acknowledgements", "recommendations",
                          "reschedules", "state_history"));
  // Reopening an up-to-date file applies nothing and keeps the version.
  ASSERT_NE(OpenOrDie(), nullptr);
  EXPECT_THAT(raw.Column("PRAGMA user_version"),
              ElementsAre(std::to_string(SqliteStore::Migrations().back().version)));
}

TEST_F(SqliteStoreTest, RefusesAFileFromANewerSchema) { ExpectRefusesANewerSchema(); }

TEST_F(SqliteStoreTest, RecommendationsFromVersionOneGetAHistoryFromWhatTheyRecorded) {
  ASSERT_THAT(SqliteDb::Open(path_, {SqliteStore::Migrations().at(0)}), IsOk());
  {
    // As version 1 left them: one still awaiting a response, one complied with after its target
    // date was moved from 30 September to 15 October.
    RawDb raw(path_);
    raw.Query(
        "INSERT INTO recommendations (id, version, investigation_id, complaint, "
        "decision_sequence, source_recommendation_id, organisation_id, "
        "organisation_published_name, type, beneficiary, description, target_date, state, "
        "create_time, update_time) VALUES "
        "('open', 1, 'i1', 'complaints/c1', 1, 'r1', 'hmcts', 'HMCTS', 1, 1, 'Apologise.', "
        "'2024-09-30', 1, 100, 100), "
        "('done', 4, 'i1', 'complaints/c1', 2, 'r2', 'hmcts', 'HMCTS', 1, 1, 'Apologise.', "
        "'2024-10-15', 7, 200, 900)");
    raw.Query("INSERT INTO reschedules VALUES ('done', 0, '2024-09-30', '2024-10-15', 'why', 500)");
  }
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  auto open = store->GetRecommendation("open");
  ASSERT_THAT(open, IsOk());
  EXPECT_THAT(open->history,
              ElementsAre(StateChange{RecommendationState::kAwaitingResponse,
                                      absl::FromUnixMicros(100), absl::CivilDay(2024, 9, 30), 1}));
  auto done = store->GetRecommendation("done");
  ASSERT_THAT(done, IsOk());
  EXPECT_THAT(done->history,
              ElementsAre(StateChange{RecommendationState::kAwaitingResponse,
                                      absl::FromUnixMicros(200), absl::CivilDay(2024, 9, 30), 2},
                          StateChange{RecommendationState::kComplied, absl::FromUnixMicros(900),
                                      absl::CivilDay(2024, 10, 15), 2}));
}

TEST_F(SqliteStoreTest, RecommendationsAreRelationalWithQueryableColumns) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  Populate(*store);
  RawDb raw(path_);
  EXPECT_THAT(
      raw.Query("SELECT sequence, id, organisation_id, investigation_id, state, "
                "target_date, amount_minor, currency_code, response_date, "
                "compliance_record_time, decline_date FROM recommendations "
                "ORDER BY sequence"),
      ElementsAre(ElementsAre("1", "rec-1", "gp-1", "inv-17", "7", "2024-10-15", "25001", "GBP",
                              "2024-09-02", std::to_string(absl::ToUnixMicros(TimeAt(80, 800001))),
                              "2024-09-20"),
                  ElementsAre("2", "rec-2", "hmcts", "inv-17", "1", "2024-09-30", "<null>",
                              "<null>", "<null>", "<null>", "<null>")));
  EXPECT_THAT(raw.Column("SELECT typeof(target_date) FROM recommendations"),
              ::testing::Each("text"));
  EXPECT_THAT(raw.Query("SELECT position, action, due_date FROM follow_up_steps "
                        "WHERE recommendation_id = 'rec-1' ORDER BY position"),
              ElementsAre(ElementsAre("0", "1", "2024-10-16"), ElementsAre("1", "2", "2024-10-30"),
                          ElementsAre("2", "3", "2024-11-13")));
  EXPECT_THAT(raw.Column("SELECT new_target_date FROM reschedules ORDER BY position"),
              ElementsAre("2024-10-07", "2024-10-15"));
  EXPECT_THAT(raw.Column("SELECT recommendation_id FROM decision_receipt_recommendations "
                         "ORDER BY position"),
              ElementsAre("rec-1", "rec-2"));
  // Text byte for byte: "£" and the em dash in UTF-8.
  EXPECT_THAT(raw.Column("SELECT hex(description) FROM recommendations WHERE id = 'rec-1'"),
              ElementsAre(::testing::AllOf(HasSubstr("C2A3"), HasSubstr("E28094"))));
}

TEST_F(SqliteStoreTest, CaseSummaryTextIsAColumnAndItsPartsACaseSummaryProto) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  Populate(*store);
  RawDb raw(path_);
  const auto rows = raw.Query(
      "SELECT investigation_id, version, text, payload, publish_time FROM case_summaries");
  ASSERT_EQ(rows.size(), 1u);
  const CaseSummary summary = FullSummary("inv-17", 1);
  EXPECT_EQ(rows[0][0], "inv-17");
  EXPECT_EQ(rows[0][1], "1");
  EXPECT_EQ(rows[0][2], summary.text);
  EXPECT_EQ(rows[0][4], std::to_string(absl::ToUnixMicros(*summary.publish_time)));
  v1::CaseSummary parts;
  ASSERT_TRUE(parts.ParseFromString(rows[0][3]));
  ASSERT_EQ(parts.sections_size(), 3);
  EXPECT_EQ(parts.sections(1).heading(), "What happened");
  EXPECT_EQ(parts.jurisdiction(), common::v1::JURISDICTION_HEALTH);
  EXPECT_EQ(parts.location(), "Greater Manchester");
  EXPECT_EQ(parts.decision_sequence(), 2);
  EXPECT_TRUE(parts.text().empty());  // the text is the column, not repeated
}

TEST_F(SqliteStoreTest, UpdatesLeaveNoStaleChildRows) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  Populate(*store);
  Recommendation emptied = MinimalRecommendation("rec-1");
  emptied.version = 8;
  ASSERT_THAT(store->UpdateRecommendation(emptied, 7), IsOk());
  RawDb raw(path_);
  EXPECT_THAT(raw.Column("SELECT 1 FROM follow_up_steps"), IsEmpty());
  EXPECT_THAT(raw.Column("SELECT 1 FROM reschedules"), IsEmpty());
  EXPECT_THAT(raw.Column("SELECT 1 FROM state_history"), IsEmpty());
  EXPECT_THAT(raw.Query("SELECT response_position, compliance_action_taken, decline_reason, "
                        "amount_minor FROM recommendations WHERE id = 'rec-1'"),
              ElementsAre(ElementsAre("<null>", "<null>", "<null>", "<null>")));
}

TEST_F(SqliteStoreTest, DamageIsInternalNotACrash) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  Populate(*store);
  {
    RawDb raw(path_);
    raw.Query("UPDATE case_summaries SET payload = x'ffffffff'");
    raw.Query("UPDATE recommendations SET target_date = '30/09/2024' WHERE id = 'rec-2'");
  }
  EXPECT_THAT(store->GetCaseSummary("inv-17", 1), StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(store->GetRecommendation("rec-2"), StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(store->ListRecommendations({}), StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(store->GetRecommendation("rec-1"), IsOk());
}

TEST_F(SqliteStoreTest, ListFiltersUseIndexes) {
  ASSERT_NE(OpenOrDie(), nullptr);
  RawDb raw(path_);
  // The plan of the statement ListRecommendations runs for `query`.
  auto plan = [&raw](const RecommendationQuery& query) {
    return raw.QueryPlan(SqliteStore::ListRecommendationsSql(query));
  };
  RecommendationQuery q;
  q.organisation_id = "hmcts";
  EXPECT_THAT(plan(q), HasSubstr("recommendations_by_organisation"));
  EXPECT_THAT(plan(q), Not(HasSubstr("TEMP B-TREE")));  // the index is in sequence order
  q = RecommendationQuery();
  q.investigation_id = "i1";
  EXPECT_THAT(plan(q), HasSubstr("recommendations_by_investigation"));
  EXPECT_THAT(plan(q), Not(HasSubstr("TEMP B-TREE")));
  q = RecommendationQuery();
  q.states = {RecommendationState::kOverdue};
  EXPECT_THAT(plan(q), HasSubstr("recommendations_by_state"));
  q.states = {RecommendationState::kOverdue, RecommendationState::kChased};
  EXPECT_THAT(plan(q), HasSubstr("recommendations_by_state"));
  q = RecommendationQuery();
  q.target_date_from = absl::CivilDay(2024, 1, 1);
  q.target_date_to = absl::CivilDay(2024, 1, 31);
  EXPECT_THAT(plan(q), HasSubstr("recommendations_by_target_date"));
  q.target_date_to = std::nullopt;
  EXPECT_THAT(plan(q), HasSubstr("recommendations_by_target_date"));
  q = RecommendationQuery();
  q.target_date_to = absl::CivilDay(2024, 1, 31);
  EXPECT_THAT(plan(q), HasSubstr("recommendations_by_target_date"));
  // Unfiltered lists walk the primary key in order, with no sort.
  EXPECT_THAT(plan(RecommendationQuery()), Not(HasSubstr("TEMP B-TREE")));
}

}  // namespace
}  // namespace redress::remedy
