// What SqliteStore promises beyond the store contract: data on disk survives a restart; the
// schema is relational and readable (each part in its table, narrative byte for byte); the outbox
// payload is the DecisionIssuedEvent remedy receives; list filters use their indexes; a change
// writes the same rows however long the investigation has grown; older files are brought up to
// date.
#include "services/investigation/store/sqlite/sqlite_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/testing/sqlite_file_test.h"
#include "common/testing/status_matchers.h"
#include "redress/investigation/v1/case.pb.h"
#include "services/investigation/case_limits.h"
#include "services/investigation/store/store_test_data.h"

namespace redress::investigation {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::RawDb;
using ::redress::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using namespace store_testing;  // NOLINT: test data builders

class SqliteStoreTest : public ::redress::testing::SqliteFileTest<SqliteStore> {
 protected:
  SqliteStoreTest() : SqliteFileTest("investigation.db") {}

  // Inserts FullInvestigation("i1") and records its decision's hand-off; returns it as stored.
  Investigation InsertDecided(SqliteStore& store) {
    Investigation i = FullInvestigation("i1");
    auto sequence = store.InsertInvestigation(i, Request("OpenInvestigation", "r1", "i1"));
    EXPECT_THAT(sequence, IsOk());
    i.sequence = sequence.value_or(-1);
    i.version = 10;
    EXPECT_THAT(store.UpdateInvestigation(i, 9, HandoffFor(i), std::nullopt), IsOk());
    return i;
  }
};

TEST_F(SqliteStoreTest, DataSurvivesClosingAndReopening) {
  Investigation stored;
  int64_t outbox_id = 0;
  {
    auto store = OpenOrDie();
    ASSERT_NE(store, nullptr);
    stored = InsertDecided(*store);
    auto outbox = store->ListOutbox(false, 10);
    ASSERT_THAT(outbox, IsOk());
    ASSERT_EQ(outbox->size(), 1u);
    outbox_id = (*outbox)[0].id;
  }
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  auto got = store->GetInvestigation("i1");
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(*got, stored);
  auto request = store->FindRequest("OpenInvestigation", "r1");
  ASSERT_THAT(request, IsOk());
  EXPECT_TRUE(request->has_value());
  auto outbox = store->ListOutbox(false, 10);
  ASSERT_THAT(outbox, IsOk());
  ASSERT_EQ(outbox->size(), 1u);
  EXPECT_EQ((*outbox)[0].id, outbox_id);
  EXPECT_EQ((*outbox)[0].handoff, Handoff(HandoffFor(stored)));
  // Sequences carry on after a restart.
  auto next = store->InsertInvestigation(MinimalInvestigation("i2"),
                                         Request("OpenInvestigation", "r2", "i2"));
  EXPECT_THAT(next, IsOk());
  EXPECT_EQ(next.value_or(0), stored.sequence + 1);
}

TEST_F(SqliteStoreTest, OutboxPayloadIsADecisionIssuedEvent) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  const Investigation decided = InsertDecided(*store);

  RawDb raw(path_);
  const auto rows = raw.Query("SELECT handoff_key, investigation_id, payload FROM outbox");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], "investigations/i1/decisions/2");
  EXPECT_EQ(rows[0][1], "i1");
  v1::DecisionIssuedEvent event;
  ASSERT_TRUE(event.ParseFromString(rows[0][2]));
  EXPECT_EQ(event.handoff_key(), "investigations/i1/decisions/2");
  EXPECT_EQ(event.investigation(), "investigations/i1");
  EXPECT_EQ(event.complaint(), "complaints/c-17");
  EXPECT_EQ(event.decision().decision(), v1::OUTCOME_PARTLY_UPHELD);
  EXPECT_EQ(event.decision().decision_date().year(), 2024);
  EXPECT_EQ(event.decision().decision_date().month(), 11);
  EXPECT_EQ(event.decision().decision_date().day(), 4);
  EXPECT_EQ(event.decision().issue_time().seconds(), absl::ToUnixSeconds(TimeAt(90)));
  EXPECT_EQ(event.decision().issue_time().nanos(), 90000);
  EXPECT_EQ(event.decision().sequence(), 2);
  ASSERT_EQ(event.recommendations_size(), 3);
  EXPECT_EQ(event.recommendations(1).recommendation_id(), "r2");
  EXPECT_EQ(event.recommendations(1).type(), common::v1::RECOMMENDATION_TYPE_FINANCIAL_LOSS);
  EXPECT_EQ(event.recommendations(1).amount().amount_minor(), 25000);
  EXPECT_EQ(event.recommendations(1).amount().currency_code(), "GBP");
  EXPECT_EQ(event.recommendations(1).target_date().day(), 15);
  EXPECT_FALSE(event.recommendations(0).has_amount());
  EXPECT_FALSE(event.recommendations(2).has_target_date());
  EXPECT_EQ(event.recommendations(0).organisation(), "organisations/gp-1");
  EXPECT_EQ(event.recommendations(2).organisation(), "");
  EXPECT_EQ(event.recommendations(0).description(), decided.recommendations[0].description);
  ASSERT_EQ(event.organisations_size(), 2);
  EXPECT_EQ(event.organisations(1).organisation(), "organisations/gp-1");
  EXPECT_EQ(event.organisations(1).published_name(), "A GP practice");
}

// Neither a crash nor a failure of the whole read, which would stop every delivery: the entry says
// its payload is undecodable, and the sender parks it (docs/reliability.md).
TEST_F(SqliteStoreTest, DamagedPayloadIsReportedOnItsEntryNotACrash) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  InsertDecided(*store);
  {
    RawDb raw(path_);
    raw.Query("UPDATE outbox SET payload = x'ffffffff'");
  }
  auto outbox = store->ListOutbox(true, 10);
  ASSERT_THAT(outbox, IsOk());
  ASSERT_EQ(outbox->size(), 1u);
  EXPECT_FALSE(outbox->at(0).undecodable.empty());
  EXPECT_EQ(HandoffInvestigationId(outbox->at(0).handoff), "i1");
}

TEST_F(SqliteStoreTest, NarrativeIsStoredByteForByteAsText) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  const Investigation stored = InsertDecided(*store);

  RawDb raw(path_);
  EXPECT_THAT(raw.Column("SELECT text FROM narrative_paragraphs WHERE investigation_id = 'i1' "
                         "AND section = 'what_happened' ORDER BY position"),
              ElementsAre(stored.narrative.what_happened[0], stored.narrative.what_happened[1],
                          stored.narrative.what_happened[2]));
  EXPECT_THAT(raw.Column("SELECT hex(text) FROM narrative_paragraphs WHERE section = "
                         "'putting_it_right'"),
              ElementsAre(AllOf(HasSubstr("E28093"), HasSubstr("C2A3"))));  // "–", "£" in UTF-8
  EXPECT_THAT(raw.Column("SELECT hex(text) FROM narrative_paragraphs WHERE section = "
                         "'introduction' AND position = 1"),
              ElementsAre(AllOf(HasSubstr("E2809C"), HasSubstr("E28099"))));  // curly quotes
  EXPECT_THAT(raw.Column("SELECT typeof(text) FROM narrative_paragraphs", 0),
              ::testing::Each("text"));
}

TEST_F(SqliteStoreTest, EachPartIsInItsOwnTable) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  InsertDecided(*store);

  RawDb raw(path_);
  const struct {
    const char* table;
    size_t rows;
  } parts[] = {{"snapshot_organisations", 2},
               {"complaint_points", 3},
               {"evidence", 2},
               {"holds", 2},
               {"complaint_handling_findings", 2},
               {"complaint_types", 2},
               {"organisations_investigated", 2},
               {"narrative_paragraphs", 10},
               {"recommendations", 3},
               {"comments", 2},
               {"view_commenters", 1},
               {"previous_decisions", 1},
               {"reviews", 2}};
  for (const auto& part : parts) {
    EXPECT_EQ(
        raw.Column(std::string("SELECT 1 FROM ") + part.table + " WHERE investigation_id = 'i1'")
            .size(),
        part.rows)
        << part.table;
  }
  EXPECT_THAT(raw.Query("SELECT state, caseworker, scope_target_date, decision_sequence, "
                        "view_comment_deadline FROM investigations"),
              ElementsAre(ElementsAre("7", "caseworker-17", "2024-09-06", "2", "2024-09-03")));
  EXPECT_THAT(raw.Query("SELECT amount_minor, currency_code, target_date, organisation "
                        "FROM recommendations ORDER BY position"),
              ElementsAre(ElementsAre("<null>", "<null>", "2024-09-30", "organisations/gp-1"),
                          ElementsAre("25000", "GBP", "2024-10-15", "organisations/hmcts"),
                          ElementsAre("<null>", "<null>", "<null>", "")));
}

TEST_F(SqliteStoreTest, UpdatesLeaveNoStaleChildRows) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  const Investigation decided = InsertDecided(*store);
  // Every list emptied but evidence and comments, which are only ever appended.
  Investigation emptied = MinimalInvestigation("i1", {});
  emptied.version = 11;
  emptied.evidence = decided.evidence;
  emptied.evidence_count = decided.evidence_count;
  ProvisionalView view_without_commenters = *decided.provisional_view;
  view_without_commenters.commenters.clear();
  emptied.provisional_view = view_without_commenters;
  ASSERT_THAT(store->UpdateInvestigation(emptied, 10, std::nullopt, std::nullopt), IsOk());
  RawDb raw(path_);
  for (const std::string& table :
       raw.Column("SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c "
                  "WHERE m.type = 'table' AND c.name = 'investigation_id' AND m.name NOT IN "
                  "('outbox', 'evidence', 'comments')")) {
    EXPECT_THAT(raw.Column("SELECT 1 FROM " + table), ::testing::IsEmpty()) << table;
  }
  EXPECT_THAT(raw.Column("SELECT name FROM evidence ORDER BY position"),
              ElementsAre("investigations/i1/evidence/e1", "investigations/i1/evidence/e2"));
  EXPECT_THAT(raw.Column("SELECT name FROM comments ORDER BY position"),
              ElementsAre("investigations/i1/comments/c1", "investigations/i1/comments/c2"));
}

// What a change writes does not grow with the investigation: logging the 500th evidence item
// writes as many rows as logging the first (the investigation row, the item, the request record
// and the two audit entries).
TEST_F(SqliteStoreTest, AnAppendWritesTheSameRowsHoweverManyItemsThereAre) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  Investigation investigation = FullInvestigation("i1");
  ASSERT_THAT(store->InsertInvestigation(investigation, Request("OpenInvestigation", "r1", "i1")),
              IsOk());
  std::vector<int64_t> rows_per_append;
  for (int n = 0; n < 500; ++n) {
    const int number = investigation.evidence_count + 1;
    investigation.evidence.push_back({absl::StrCat("e", number), std::string(2000, 'x'),
                                      Party::kOrganisation, absl::CivilDay(2024, 6, 1),
                                      TimeAt(number)});
    ++investigation.evidence_count;
    ++investigation.version;
    KeepRecentEntries(investigation);
    const int64_t before = store->RowsWritten();
    ASSERT_THAT(store->UpdateInvestigation(
                    investigation, investigation.version - 1, std::nullopt,
                    Request("LogEvidence:investigations/i1", absl::StrCat("r-e", number), "e"),
                    ListsToWrite::None()),
                IsOk());
    rows_per_append.push_back(store->RowsWritten() - before);
  }
  EXPECT_EQ(rows_per_append.front(), 5);
  EXPECT_THAT(rows_per_append, ::testing::Each(rows_per_append.front()));
  auto got = store->GetInvestigation("i1");
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(got->evidence_count, 502);
  EXPECT_EQ(got->evidence.size(), static_cast<size_t>(kRecentEvidenceShown));
}

TEST_F(SqliteStoreTest, ReadsOfTheMostRecentAndOfAPageUseTheKey) {
  ASSERT_NE(OpenOrDie(), nullptr);
  RawDb raw(path_);
  for (const char* table : {"evidence", "comments"}) {
    const std::string recent = raw.QueryPlan(absl::StrCat(
        "SELECT * FROM ", table, " WHERE investigation_id = 'i1' ORDER BY position DESC LIMIT 20"));
    EXPECT_THAT(recent, HasSubstr("PRIMARY KEY")) << table;
    EXPECT_THAT(recent, Not(HasSubstr("TEMP B-TREE"))) << table;
    const std::string page = raw.QueryPlan(absl::StrCat(
        "SELECT * FROM ", table,
        " WHERE investigation_id = 'i1' AND position >= 40 ORDER BY position LIMIT 51"));
    EXPECT_THAT(page, HasSubstr("PRIMARY KEY")) << table;
    EXPECT_THAT(page, Not(HasSubstr("TEMP B-TREE"))) << table;
  }
}

TEST_F(SqliteStoreTest, ListFiltersUseIndexes) {
  ASSERT_NE(OpenOrDie(), nullptr);
  RawDb raw(path_);
  // The plan of the statement ListInvestigations runs for `query`.
  auto plan = [&raw](const InvestigationQuery& query) {
    return raw.QueryPlan(SqliteStore::ListInvestigationsSql(query));
  };
  InvestigationQuery q;
  q.state = InvestigationState::kInvestigating;
  EXPECT_THAT(plan(q), HasSubstr("investigations_by_state"));
  EXPECT_THAT(plan(q), Not(HasSubstr("TEMP B-TREE")));  // the index is in sequence order
  q = InvestigationQuery();
  q.caseworker = "alice";
  EXPECT_THAT(plan(q), HasSubstr("investigations_by_caseworker"));
  EXPECT_THAT(plan(q), Not(HasSubstr("TEMP B-TREE")));
  q = InvestigationQuery();
  q.organisation = "organisations/hmcts";
  EXPECT_THAT(plan(q), HasSubstr("organisations_investigated_by_organisation"));
  q = InvestigationQuery();
  q.target_date_from = absl::CivilDay(2024, 1, 1);
  q.target_date_to = absl::CivilDay(2024, 1, 31);
  EXPECT_THAT(plan(q), HasSubstr("investigations_by_target_date"));
  q.target_date_to = std::nullopt;
  EXPECT_THAT(plan(q), HasSubstr("investigations_by_target_date"));
  q = InvestigationQuery();
  q.target_date_to = absl::CivilDay(2024, 1, 31);
  EXPECT_THAT(plan(q), HasSubstr("investigations_by_target_date"));
  // Unfiltered lists walk the primary key in order, with no sort.
  EXPECT_THAT(plan(InvestigationQuery()), Not(HasSubstr("TEMP B-TREE")));
}

TEST_F(SqliteStoreTest, RecommendationsWrittenBeforeVersion2GetNoOrganisation) {
  {  // A file at schema version 1, with a recommendation as that version wrote it.
    auto version1 = SqliteDb::Open(path_, {SqliteStore::Migrations().at(0)});
    ASSERT_THAT(version1, IsOk());
  }
  {
    RawDb raw(path_);
    raw.Query(
        "INSERT INTO investigations (id, state, caseworker, complaint, complainants_reference, "
        "what_went_wrong, injustice_claimed, outcome_wanted, jurisdiction, default_location, "
        "location, version, create_time, update_time) VALUES ('i1', 3, 'cw-1', 'complaints/c1', "
        "'Mr B', 'Late.', '', '', 1, 'UK', 'UK', 4, 0, 0)");
    raw.Query(
        "INSERT INTO recommendations (investigation_id, position, recommendation_id, type, "
        "beneficiary, description, target_date) VALUES ('i1', 0, 'r1', 1, 1, 'Apologise.', "
        "'2024-09-30')");
  }
  auto store = OpenOrDie();  // brings the schema up to date
  ASSERT_NE(store, nullptr);
  auto got = store->GetInvestigation("i1");
  ASSERT_THAT(got, IsOk());
  const Recommendation expected{"r1",
                                RecommendationType::kApology,
                                Beneficiary::kComplainant,
                                "Apologise.",
                                std::nullopt,
                                absl::CivilDay(2024, 9, 30),
                                ""};
  EXPECT_THAT(got->recommendations, ElementsAre(expected));

  Investigation changed = *got;
  changed.recommendations[0].organisation = "organisations/hmcts";
  changed.version = 5;
  ASSERT_THAT(store->UpdateInvestigation(changed, 4, std::nullopt, std::nullopt), IsOk());
  auto again = store->GetInvestigation("i1");
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(*again, changed);
}

TEST_F(SqliteStoreTest, ViewsAndCommentsWrittenBeforeVersion4KeepTheirMeaning) {
  {  // A file at schema version 3: a reopened case shared again on 20 August, with a comment on
     // the earlier view and one from its first organisation on the current view.
    std::vector<Migration> version3(SqliteStore::Migrations().begin(),
                                    SqliteStore::Migrations().begin() + 3);
    auto older = SqliteDb::Open(path_, version3);
    ASSERT_THAT(older, IsOk());
  }
  {
    RawDb raw(path_);
    raw.Query(
        "INSERT INTO investigations (id, state, caseworker, complaint, complainants_reference, "
        "what_went_wrong, injustice_claimed, outcome_wanted, jurisdiction, default_location, "
        "location, view_share_date, view_comment_period_working_days, view_comment_deadline, "
        "version, create_time, update_time) VALUES ('i1', 5, 'cw-1', 'complaints/c1', 'Mr B', "
        "'Late.', '', '', 1, 'UK', 'UK', '2024-08-20', 10, '2024-09-03', 7, 0, 0)");
    raw.Query(
        "INSERT INTO organisations_investigated (investigation_id, position, organisation, "
        "published_name) VALUES ('i1', 0, 'organisations/hmcts', 'HMCTS'), ('i1', 1, "
        "'organisations/gp-1', 'A GP practice')");
    raw.Query(
        "INSERT INTO comments (investigation_id, position, comment_id, party, text, "
        "received_date, log_time) VALUES ('i1', 0, 'c1', 1, 'On the first view.', '2024-06-03', "
        "0), ('i1', 1, 'c2', 2, 'On this view.', '2024-08-20', 0)");
  }
  auto store = OpenOrDie();  // brings the schema up to date
  ASSERT_NE(store, nullptr);
  auto got = store->GetInvestigation("i1");
  ASSERT_THAT(got, IsOk());
  ASSERT_TRUE(got->provisional_view.has_value());
  EXPECT_EQ(got->provisional_view->revision, 1);
  EXPECT_EQ(got->provisional_view->shared_content, "");  // not recorded: taken as current
  const std::vector<Comment>& comments = got->provisional_view->comments;
  ASSERT_EQ(comments.size(), 2u);
  EXPECT_EQ(comments[0].view_revision, 0);  // before this view: it does not count
  EXPECT_EQ(comments[0].organisation, "");
  EXPECT_EQ(comments[1].view_revision, 1);
  EXPECT_EQ(comments[1].organisation, "organisations/hmcts");
  EXPECT_FALSE(got->ending.has_value());
  EXPECT_EQ(got->state, InvestigationState::kProvisionalViewShared);
  // Version 9: counted, named, and the current view's commenter found.
  EXPECT_EQ(got->provisional_view->comment_count, 2);
  const std::vector<Commenter> commenters = {
      {Party::kOrganisation, "organisations/hmcts", absl::CivilDay(2024, 8, 20)}};
  EXPECT_EQ(got->provisional_view->commenters, commenters);
  EXPECT_THAT(RawDb(path_).Column("SELECT name FROM comments ORDER BY position"),
              ElementsAre("investigations/i1/comments/c1", "investigations/i1/comments/c2"));
}

TEST_F(SqliteStoreTest, EvidenceWrittenBeforeVersion9IsCountedAndNamed) {
  {
    std::vector<Migration> version8(SqliteStore::Migrations().begin(),
                                    SqliteStore::Migrations().begin() + 8);
    auto older = SqliteDb::Open(path_, version8);
    ASSERT_THAT(older, IsOk());
  }
  {
    RawDb raw(path_);
    raw.Query(
        "INSERT INTO investigations (id, state, caseworker, complaint, complainants_reference, "
        "what_went_wrong, injustice_claimed, outcome_wanted, jurisdiction, default_location, "
        "location, version, create_time, update_time) VALUES ('i1', 3, 'cw-1', 'complaints/c1', "
        "'Mr B', 'Late.', '', '', 1, 'UK', 'UK', 4, 0, 0)");
    std::string values;
    for (int n = 1; n <= 25; ++n) {
      absl::StrAppend(&values, n == 1 ? "" : ", ", "('i1', ", n - 1, ", 'e", n, "', 'Item ", n,
                      "', 2, '2024-06-01', 0)");
    }
    raw.Query(
        absl::StrCat("INSERT INTO evidence (investigation_id, position, evidence_id, "
                     "description, source, received_date, log_time) VALUES ",
                     values));
  }
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  auto got = store->GetInvestigation("i1");
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(got->evidence_count, 25);
  ASSERT_EQ(got->evidence.size(), static_cast<size_t>(kRecentEvidenceShown));
  EXPECT_EQ(got->evidence.front().evidence_id, "e6");
  EXPECT_THAT(RawDb(path_).Column("SELECT name FROM evidence WHERE position = 24"),
              ElementsAre("investigations/i1/evidence/e25"));
  // The next item is e26, appended after them.
  Investigation next = *got;
  next.evidence.push_back(
      {"e26", "Item 26", Party::kOrganisation, absl::CivilDay(2024, 6, 2), TimeAt(1)});
  next.evidence_count = 26;
  next.version = 5;
  KeepRecentEntries(next);
  ASSERT_THAT(store->UpdateInvestigation(next, 4, std::nullopt, std::nullopt), IsOk());
  auto page = store->ListEvidence("i1", 24, 10);
  ASSERT_THAT(page, IsOk());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[1].evidence_id, "e26");
}

TEST_F(SqliteStoreTest, RefusesAFileFromANewerSchema) { ExpectRefusesANewerSchema(); }

}  // namespace
}  // namespace redress::investigation
