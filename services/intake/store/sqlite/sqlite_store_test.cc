// What SqliteStore promises beyond the store contract: data on disk survives a restart, a file of
// an older schema is upgraded with its data, and the people's personal details are held in the
// people table, apart from the narrative.
#include "services/intake/store/sqlite/sqlite_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/testing/sqlite_file_test.h"
#include "common/testing/store_contract.h"
#include "common/testing/status_matchers.h"
#include "redress/intake/v1/complaint.pb.h"
#include "services/intake/store/store_test_data.h"

namespace redress::intake {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::RawDb;
using ::redress::testing::StatusIs;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using namespace store_testing;  // NOLINT: test data builders

class SqliteStoreTest : public ::redress::testing::SqliteFileTest<SqliteStore> {
 protected:
  SqliteStoreTest() : SqliteFileTest("intake.db") {}

  // Undoes migration 10 on a file the store wrote: idempotency records without their dates.
  static void StepBackToVersion9(RawDb& raw) {
    raw.Query("DROP INDEX requests_by_create_time");
    raw.Query("ALTER TABLE requests DROP COLUMN create_time");
    raw.Query("PRAGMA user_version = 9");
  }
  // Undoes migrations 10 and 9 on a file the store wrote: the outbox without its parking columns.
  static void StepBackToVersion8(RawDb& raw) {
    StepBackToVersion9(raw);
    raw.Query("DROP INDEX outbox_parked");
    for (const char* column :
         {"park_time", "park_reason", "discard_time", "discarded_by", "discard_reason"}) {
      raw.Query(std::string("ALTER TABLE outbox DROP COLUMN ") + column);
    }
    raw.Query("PRAGMA user_version = 8");
  }
  // Undoes migrations 10 to 8 on a file the store wrote: complaint_organisations as version 7
  // had it.
  static void StepBackToVersion7(RawDb& raw) {
    StepBackToVersion8(raw);
    raw.Query("DROP INDEX complaint_organisations_by_organisation_sequence");
    raw.Query("ALTER TABLE complaint_organisations DROP COLUMN complaint_sequence");
    raw.Query(
        "CREATE INDEX complaint_organisations_by_organisation "
        "ON complaint_organisations (organisation_id, complaint_id)");
    raw.Query("PRAGMA user_version = 7");
  }
};

TEST_F(SqliteStoreTest, DataSurvivesClosingAndReopening) {
  Complaint complaint = FullComplaint("c1");
  const AcceptanceHandoff handoff = HandoffFor(complaint, TimeAt(300, 7));
  int64_t outbox_id = 0;
  {
    auto store = OpenOrDie();
    ASSERT_NE(store, nullptr);
    ASSERT_THAT(store->InsertOrganisation(FullOrganisation("hmcts"), std::nullopt), IsOk());
    auto sequence = store->InsertComplaint(complaint, Request("SubmitComplaint", "r1", "c1"));
    ASSERT_THAT(sequence, IsOk());
    complaint.sequence = *sequence;
    complaint.version = 2;
    ASSERT_THAT(store->UpdateComplaint(complaint, 1, handoff, std::nullopt), IsOk());
    auto outbox = store->ListOutbox(false, 10);
    ASSERT_THAT(outbox, IsOk());
    ASSERT_EQ(outbox->size(), 1u);
    outbox_id = (*outbox)[0].id;
  }
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  auto organisation = store->GetOrganisation("hmcts");
  ASSERT_THAT(organisation, IsOk());
  EXPECT_EQ(*organisation, FullOrganisation("hmcts"));
  auto got = store->GetComplaint("c1");
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(*got, complaint);
  auto request = store->FindRequest("SubmitComplaint", "r1");
  ASSERT_THAT(request, IsOk());
  EXPECT_TRUE(request->has_value());
  auto outbox = store->ListOutbox(false, 10);
  ASSERT_THAT(outbox, IsOk());
  ASSERT_EQ(outbox->size(), 1u);
  EXPECT_EQ((*outbox)[0].id, outbox_id);
  EXPECT_EQ((*outbox)[0].handoff, handoff);
  // Sequences carry on after a restart.
  auto next = store->InsertComplaint(MinimalComplaint("c2", absl::CivilDay(2024, 1, 1)),
                                     Request("SubmitComplaint", "r2", "c2"));
  EXPECT_THAT(next, IsOk());
  EXPECT_EQ(next.value_or(0), complaint.sequence + 1);
}

TEST_F(SqliteStoreTest, PersonalDetailsAreHeldInThePeopleTableOnly) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  const Complaint complaint = FullComplaint("c1");
  ASSERT_THAT(store->InsertComplaint(complaint, Request("SubmitComplaint", "r1", "c1")), IsOk());
  Complaint accepted = complaint;
  accepted.version = 2;
  ASSERT_THAT(store->UpdateComplaint(accepted, 1, HandoffFor(accepted, TimeAt(1)), std::nullopt),
              IsOk());

  std::vector<std::string> personal;
  for (const Person& p : complaint.people) {
    const PersonalDetails& d = p.details;
    for (const std::string& value : {d.given_name, d.family_name, d.email, d.phone,
                                     d.postal_address.postal_code, std::string("1961-02-28")}) {
      personal.push_back(value);
    }
    for (const std::string& line : d.postal_address.lines) {
      if (!line.empty()) personal.push_back(line);
    }
  }

  RawDb raw(path_);
  EXPECT_THAT(
      raw.Column("SELECT email FROM people WHERE complaint_id = 'c1' ORDER BY position", 0),
      ElementsAre("p1.obrien@example.org", "p2.obrien@example.org", "p3.obrien@example.org"));
  EXPECT_THAT(raw.Column("SELECT given_name FROM people ORDER BY position", 0),
              Contains("Siân p1"));
  // No other table holds any of those values, in any column.
  for (const std::string& table :
       raw.Column("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'people'", 0)) {
    for (const auto& row : raw.Query("SELECT * FROM \"" + table + "\"")) {
      for (const std::string& cell : row) {
        for (const std::string& value : personal) {
          EXPECT_THAT(cell, Not(HasSubstr(value))) << "table " << table;
        }
      }
    }
  }
  // And the complaints table has no column meant for them.
  for (const std::string& column :
       raw.Column("SELECT name FROM pragma_table_info('complaints')", 0)) {
    for (const char* personal_column : {"given_name", "family_name", "email", "phone",
                                        "date_of_birth", "address_line1", "postal_code"}) {
      EXPECT_NE(column, personal_column);
    }
  }
}

TEST_F(SqliteStoreTest, OutboxPayloadIsAComplaintAcceptedEvent) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  Complaint complaint = FullComplaint("c1");
  ASSERT_THAT(store->InsertComplaint(complaint, Request("SubmitComplaint", "r1", "c1")), IsOk());
  complaint.version = 2;
  const AcceptanceHandoff handoff = HandoffFor(complaint, TimeAt(5, 250));
  ASSERT_THAT(store->UpdateComplaint(complaint, 1, handoff, std::nullopt), IsOk());

  RawDb raw(path_);
  const auto rows = raw.Query("SELECT handoff_key, complaint_id, payload FROM outbox");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], "complaints/c1/acceptance");
  EXPECT_EQ(rows[0][1], "c1");
  v1::ComplaintAcceptedEvent event;
  ASSERT_TRUE(event.ParseFromString(rows[0][2]));
  EXPECT_EQ(event.handoff_key(), "complaints/c1/acceptance");
  EXPECT_EQ(event.complaint(), "complaints/c1");
  EXPECT_THAT(event.organisations(), ElementsAre("organisations/hmcts", "organisations/dwp"));
  EXPECT_EQ(event.what_went_wrong(), complaint.what_went_wrong);
  EXPECT_EQ(event.accept_time().seconds(), absl::ToUnixSeconds(TimeAt(5)));
  EXPECT_EQ(event.accept_time().nanos(), 250000);
}

TEST_F(SqliteStoreTest, ListFiltersUseIndexes) {
  ASSERT_NE(OpenOrDie(), nullptr);
  RawDb raw(path_);
  // An organisation is looked up in its index, never read whole and sorted: alone or with
  // dates, the page is read from it in sequence order; with a state or an owner, from theirs.
  ComplaintQuery organisation;
  organisation.organisation_id = "hmcts";
  ComplaintQuery dates = organisation;
  dates.received_from = absl::CivilDay(2024, 1, 1);
  dates.received_to = absl::CivilDay(2024, 1, 31);
  ComplaintQuery state = organisation;
  state.state = ComplaintState::kReceived;
  ComplaintQuery owner = organisation;
  owner.owner = "alice";
  const struct {
    ComplaintQuery query;
    const char* read_from;
  } cases[] = {
      {organisation,
       "SEARCH co USING COVERING INDEX complaint_organisations_by_organisation_sequence"},
      {dates, "SEARCH co USING COVERING INDEX complaint_organisations_by_organisation_sequence"},
      {state, "SEARCH complaints USING INDEX complaints_by_state"},
      {owner, "SEARCH complaints USING INDEX complaints_by_owner"},
  };
  for (const auto& [query, read_from] : cases) {
    const std::string plan = raw.QueryPlan(SqliteStore::ListComplaintsSql(query));
    EXPECT_THAT(plan, HasSubstr(read_from)) << plan;
    EXPECT_THAT(plan, HasSubstr("complaint_organisations_by_organisation_sequence")) << plan;
    EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE"))) << plan;
  }
  EXPECT_THAT(raw.QueryPlan("SELECT sequence FROM complaints WHERE sequence > 0 AND state = 1 "
                            "ORDER BY sequence"),
              HasSubstr("complaints_by_state"));
  EXPECT_THAT(
      raw.QueryPlan("SELECT sequence FROM complaints WHERE receive_date >= '2024-01-01' AND "
                    "receive_date <= '2024-01-31'"),
      HasSubstr("complaints_by_receive_date"));
}

TEST_F(SqliteStoreTest, AVersionTwoFileIsUpgradedKeepingItsAssessments) {
  Complaint complaint = FullComplaint("c1");
  complaint.organisation_dates.clear();
  complaint.previous_assessments.clear();
  complaint.reviews.clear();
  {
    auto store = OpenOrDie();
    ASSERT_NE(store, nullptr);
    auto sequence = store->InsertComplaint(complaint, Request("SubmitComplaint", "r1", "c1"));
    ASSERT_THAT(sequence, IsOk());
    complaint.sequence = *sequence;
  }
  {  // Back to the schema of version 2, as a file written before migrations 3 to 8.
    RawDb raw(path_);
    StepBackToVersion7(raw);
    raw.Query("ALTER TABLE outbox DROP COLUMN traceparent");
    raw.Query("DROP INDEX complaints_by_owner");
    raw.Query("ALTER TABLE complaints DROP COLUMN owner");
    raw.Query("DROP INDEX people_by_email");
    raw.Query("DROP INDEX complaints_by_state_update");
    for (const char* table :
         {"erasures", "audit_log", "organisation_dates", "previous_assessment_checks",
          "previous_assessments", "organisation_assessment_checks", "organisation_assessments",
          "assessment_reviews"}) {
      raw.Query(std::string("DROP TABLE ") + table);
    }
    raw.Query("PRAGMA user_version = 2");
  }
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  EXPECT_THAT(RawDb(path_).Column("PRAGMA user_version"), ElementsAre("10"));
  // The assessment is kept; it has no per-organisation parts, which version 2 did not record.
  complaint.assessment->organisations.clear();
  auto got = store->GetComplaint("c1");
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(*got, complaint);
}

// Version 8 on a file written before it: each organisation row gets its complaint's sequence,
// and an organisation's list pages through the same complaints in the same order as the query
// of version 7 did.
TEST_F(SqliteStoreTest, AVersionSevenFileListsEachOrganisationsComplaintsAsBefore) {
  std::map<std::string, int64_t> sequences;
  {
    auto store = OpenOrDie();
    ASSERT_NE(store, nullptr);
    const std::vector<std::vector<std::string>> organisations = {
        {"hmcts"}, {"dwp", "hmcts"}, {"dwp"}, {"hmcts", "nhs-trust"}, {"hmcts"}, {"nhs-trust"}};
    for (size_t i = 0; i < organisations.size(); ++i) {
      const std::string id = absl::StrCat("c", i + 1);
      Complaint c = MinimalComplaint(id, absl::CivilDay(2024, 1, 2), organisations[i]);
      if (i % 2 == 1) c.state = ComplaintState::kAccepted;
      auto sequence = store->InsertComplaint(c, Request("SubmitComplaint", id, id));
      ASSERT_THAT(sequence, IsOk());
      sequences[id] = *sequence;
    }
    // Rewritten after later complaints: their rows are no longer in sequence order.
    for (const auto& [id, now_naming] :
         std::vector<std::pair<std::string, std::vector<std::string>>>{
             {"c1", {"nhs-trust", "hmcts"}}, {"c3", {"hmcts"}}}) {
      auto c = store->GetComplaint(id);
      ASSERT_THAT(c, IsOk());
      c->organisation_ids = now_naming;
      c->version = 2;
      ASSERT_THAT(store->UpdateComplaint(*c, 1, std::nullopt, std::nullopt), IsOk());
    }
  }
  // What version 7 listed: each organisation's complaints, alone and with a state.
  const std::vector<std::pair<std::string, std::optional<ComplaintState>>> lists = {
      {"hmcts", std::nullopt},
      {"dwp", std::nullopt},
      {"nhs-trust", std::nullopt},
      {"hmcts", ComplaintState::kReceived}};
  std::vector<std::vector<std::string>> before;
  std::vector<std::vector<std::string>> rows_before;
  {
    RawDb raw(path_);
    StepBackToVersion7(raw);
    for (const auto& [organisation, state] : lists) {
      before.push_back(raw.Column(absl::StrCat(
          "SELECT id FROM complaints WHERE id IN (SELECT complaint_id FROM "
          "complaint_organisations WHERE organisation_id = '",
          organisation, "')",
          state.has_value() ? absl::StrCat(" AND state = ", static_cast<int>(*state)) : "",
          " ORDER BY sequence")));
    }
    rows_before = raw.Query(
        "SELECT complaint_id, position, organisation_id FROM complaint_organisations "
        "ORDER BY complaint_id, position");
  }
  EXPECT_THAT(before[0], ElementsAre("c1", "c2", "c3", "c4", "c5"));

  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  RawDb raw(path_);
  EXPECT_THAT(raw.Column("PRAGMA user_version"), ElementsAre("10"));
  EXPECT_EQ(raw.Query("SELECT complaint_id, position, organisation_id FROM "
                      "complaint_organisations ORDER BY complaint_id, position"),
            rows_before);
  for (const auto& row :
       raw.Query("SELECT complaint_id, complaint_sequence FROM complaint_organisations")) {
    EXPECT_EQ(row[1], std::to_string(sequences[row[0]])) << row[0];
  }
  EXPECT_THAT(raw.Column("SELECT name FROM sqlite_master WHERE type = 'index' AND "
                         "tbl_name = 'complaint_organisations' AND sql IS NOT NULL"),
              ElementsAre("complaint_organisations_by_organisation_sequence"));
  for (size_t i = 0; i < lists.size(); ++i) {
    for (int limit : {1, 2, 50}) {
      ComplaintQuery query;
      query.organisation_id = lists[i].first;
      query.state = lists[i].second;
      query.limit = limit;
      std::vector<std::string> listed;
      while (true) {
        auto page = store->ListComplaints(query);
        ASSERT_THAT(page, IsOk());
        for (const Complaint& c : *page) listed.push_back(c.id);
        if (static_cast<int>(page->size()) < limit) break;
        query.after_sequence = page->back().sequence;
      }
      EXPECT_EQ(listed, before[i]) << lists[i].first << ", " << limit << " per page";
    }
  }
}

// Version 10 dates idempotency records (docs/reliability.md, "Growth"): the ones already there
// are dated at the upgrade, so that pruning keeps them a whole retention from then.
TEST_F(SqliteStoreTest, RecordsMadeBeforeTheyWereDatedAreDatedAtTheUpgrade) {
  {
    auto store = OpenOrDie();
    ASSERT_NE(store, nullptr);
    ASSERT_THAT(store->InsertComplaint(MinimalComplaint("c1", absl::CivilDay(2024, 1, 2)),
                                       Request("SubmitComplaint", "r1", "c1")),
                IsOk());
  }
  {
    RawDb raw(path_);
    StepBackToVersion9(raw);
  }
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  EXPECT_THAT(RawDb(path_).Column("PRAGMA user_version"), ElementsAre("10"));
  EXPECT_THAT(store->PruneRequests(absl::Now() - absl::Seconds(30), 100),
              ::redress::testing::IsOkAndHolds(0));
  EXPECT_THAT(store->FindRequest("SubmitComplaint", "r1"),
              ::redress::testing::IsOkAndHolds(::testing::Optional(::testing::_)));
  EXPECT_THAT(store->PruneRequests(absl::Now() + absl::Seconds(30), 100),
              ::redress::testing::IsOkAndHolds(1));
}

TEST_F(SqliteStoreTest, RefusesAFileFromANewerSchema) { ExpectRefusesANewerSchema(); }

TEST_F(SqliteStoreTest, RefusesMoreAddressLinesThanItCanHold) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  Complaint complaint = FullComplaint("c1");
  complaint.people[1].details.postal_address.lines.push_back("a fifth line");
  EXPECT_THAT(store->InsertComplaint(complaint, Request("SubmitComplaint", "r1", "c1")),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(store->GetComplaint("c1"), StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace redress::intake
