// What an acceptance hands over beyond the complaint itself -- the publication defaults
// investigation needs (jurisdiction, published organisation names, location) -- and how the
// stores keep a hand-off's delivery attempts: the fields survive the outbox payload and a
// reopened SQLite file, and RecordFailedAttempt keeps the store.h contract in both stores.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <memory>
#include <string>

#include "common/testing/status_matchers.h"
#include "redress/intake/v1/complaint.pb.h"
#include "services/intake/store/fake_store.h"
#include "services/intake/intake_logic_test_support.h"
#include "services/intake/store/sqlite/sqlite_store.h"
#include "services/intake/store/store_test_data.h"

namespace redress::intake::testing {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using namespace store_testing;  // NOLINT: test data builders

// --- The snapshot built at acceptance. ---

class AcceptanceSnapshotTest : public IntakeLogicTest {
 protected:
  AcceptanceHandoff AcceptAbout(std::vector<std::string> organisation_ids) {
    Complaint draft = ValidDraft();
    draft.organisation_ids = std::move(organisation_ids);
    absl::StatusOr<Complaint> c = logic_.AssessComplaint(AssessCommandFor(Submit(draft)));
    EXPECT_TRUE(c.ok() && c->state == ComplaintState::kAccepted) << c.status();
    std::vector<OutboxEntry> outbox = store_.outbox();
    EXPECT_EQ(outbox.size(), 1u);
    return outbox.empty() ? AcceptanceHandoff() : outbox.back().handoff;
  }
};

TEST_F(AcceptanceSnapshotTest, CarriesTheRegistersNamesJurisdictionAndLocation) {
  const AcceptanceHandoff handoff = AcceptAbout({"cafcass"});
  EXPECT_EQ(handoff.jurisdiction, Jurisdiction::kParliamentary);
  EXPECT_THAT(handoff.organisation_published_names,
              ElementsAre("Children and Family Court Advisory and Support Service (Cafcass)"));
  EXPECT_EQ(handoff.default_location, "UK");
}

TEST_F(AcceptanceSnapshotTest, PublishesAGpPracticeAnonymouslyAndTakesTheFirstOrganisations) {
  const AcceptanceHandoff handoff =
      AcceptAbout({"gp-practice-example", "manchester-university-nhs-ft"});
  EXPECT_EQ(handoff.jurisdiction, Jurisdiction::kHealth);
  EXPECT_THAT(handoff.organisation_published_names,
              ElementsAre("A GP practice", "Manchester University NHS Foundation Trust"));
  EXPECT_EQ(handoff.default_location, "Greater Manchester");
}

TEST_F(AcceptanceSnapshotTest, NamesOnlyTheAcceptedOrganisationsWithTheFirstOnesDefaults) {
  // The council is out of remit and HMCTS needs an MP referral: investigated, the practice only.
  const AcceptanceHandoff handoff =
      AcceptAbout({"example-borough-council", "gp-practice-example", "hmcts"});
  EXPECT_THAT(handoff.organisation_ids, ElementsAre("gp-practice-example"));
  EXPECT_THAT(handoff.organisation_published_names, ElementsAre("A GP practice"));
  EXPECT_EQ(handoff.jurisdiction, Jurisdiction::kHealth);
  EXPECT_EQ(handoff.default_location, "Greater Manchester");
}

TEST_F(AcceptanceSnapshotTest, PublishesADentalPracticeAnonymously) {
  Organisation dentist;
  dentist.id = "smile-dental";
  dentist.display_name = "Smile Dental Surgery";
  dentist.short_name = "Smile Dental";
  dentist.kind = OrganisationKind::kDentalPractice;
  dentist.jurisdiction = Jurisdiction::kHealth;
  dentist.location = "West Yorkshire";
  dentist.version = 1;
  dentist.create_time = dentist.update_time = clock_.Now();
  ASSERT_THAT(store_.InsertOrganisation(dentist, std::nullopt), IsOk());

  const AcceptanceHandoff handoff = AcceptAbout({"smile-dental"});
  EXPECT_THAT(handoff.organisation_published_names, ElementsAre("A dental practice"));
  EXPECT_EQ(handoff.default_location, "West Yorkshire");
}

// --- The stores. ---

// An accepted complaint and its hand-off in `store`; returns the outbox id.
int64_t RecordAcceptance(IntakeStore& store, const std::string& id, const AcceptanceHandoff& h) {
  Complaint complaint = MinimalComplaint(id, absl::CivilDay(2026, 3, 2));
  EXPECT_THAT(store.InsertComplaint(complaint, Request("SubmitComplaint", id, id)), IsOk());
  complaint.version = 2;
  EXPECT_THAT(store.UpdateComplaint(complaint, 1, h, std::nullopt), IsOk());
  absl::StatusOr<std::vector<OutboxEntry>> outbox = store.ListOutbox(true, 100);
  EXPECT_THAT(outbox, IsOk());
  return outbox.ok() && !outbox->empty() ? outbox->back().id : 0;
}

AcceptanceHandoff HealthHandoff(const std::string& id) {
  AcceptanceHandoff h = HandoffFor(
      MinimalComplaint(id, absl::CivilDay(2026, 3, 2), {"gp-practice-example", "nhs-trust"}),
      TimeAt(40, 5));
  h.jurisdiction = Jurisdiction::kHealth;
  h.organisation_published_names = {"A GP practice", "Manchester University NHS Foundation Trust"};
  h.default_location = "Greater Manchester";
  return h;
}

template <typename Store>
class FailedAttemptTest : public ::testing::Test {
 protected:
  FailedAttemptTest() { Reopen(); }
  void Reopen() {
    if constexpr (std::is_same_v<Store, SqliteStore>) {
      store_.reset();
      absl::StatusOr<std::unique_ptr<SqliteStore>> opened = SqliteStore::Open(path_);
      ASSERT_THAT(opened, IsOk());
      store_ = *std::move(opened);
    } else if (store_ == nullptr) {
      store_ = std::make_unique<FakeStore>();
    }
  }
  OutboxEntry Entry(int64_t id) {
    absl::StatusOr<std::vector<OutboxEntry>> outbox = store_->ListOutbox(true, 100);
    EXPECT_THAT(outbox, IsOk());
    for (const OutboxEntry& entry : *outbox) {
      if (entry.id == id) return entry;
    }
    ADD_FAILURE() << "no outbox entry " << id;
    return OutboxEntry();
  }

  ScratchDir dir_;
  const std::string path_ = dir_.File("intake.db");
  std::unique_ptr<IntakeStore> store_;
};

using StoreTypes = ::testing::Types<FakeStore, SqliteStore>;
TYPED_TEST_SUITE(FailedAttemptTest, StoreTypes);

TYPED_TEST(FailedAttemptTest, KeepsTheSnapshotAndTheLastFailedAttempt) {
  const AcceptanceHandoff handoff = HealthHandoff("c1");
  const int64_t id = RecordAcceptance(*this->store_, "c1", handoff);
  EXPECT_EQ(this->Entry(id).attempts, 0);
  EXPECT_FALSE(this->Entry(id).last_attempt_time.has_value());

  ASSERT_THAT(this->store_->RecordFailedAttempt(id, TimeAt(50, 1), "UNAVAILABLE: down"), IsOk());
  ASSERT_THAT(this->store_->RecordFailedAttempt(id, TimeAt(51, 2), "DEADLINE_EXCEEDED: slow"),
              IsOk());
  this->Reopen();  // SQLite: from the file

  OutboxEntry entry = this->Entry(id);
  EXPECT_EQ(entry.handoff, handoff);
  EXPECT_EQ(entry.attempts, 2);
  EXPECT_EQ(entry.last_attempt_time, TimeAt(51, 2));
  EXPECT_EQ(entry.last_error, "DEADLINE_EXCEEDED: slow");
  EXPECT_FALSE(entry.delivered_time.has_value());

  ASSERT_THAT(this->store_->MarkDelivered(id, TimeAt(60)), IsOk());
  EXPECT_EQ(this->Entry(id).attempts, 3);
  // A late report of a failure after the delivery changes nothing.
  ASSERT_THAT(this->store_->RecordFailedAttempt(id, TimeAt(61), "CANCELLED: late"), IsOk());
  entry = this->Entry(id);
  EXPECT_EQ(entry.attempts, 3);
  EXPECT_EQ(entry.delivered_time, TimeAt(60));
  EXPECT_EQ(entry.last_error, "DEADLINE_EXCEEDED: slow");
}

TYPED_TEST(FailedAttemptTest, AnUnknownEntryIsNotFound) {
  EXPECT_THAT(this->store_->RecordFailedAttempt(42, TimeAt(1), "x"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST(OutboxPayloadTest, CarriesThePublicationDefaultsAsComplaintAcceptedEventFields) {
  ScratchDir dir;
  absl::StatusOr<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(dir.File("intake.db"));
  ASSERT_THAT(store, IsOk());
  RecordAcceptance(**store, "c1", HealthHandoff("c1"));
  store->reset();

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(dir.File("intake.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
            SQLITE_OK);
  sqlite3_stmt* select = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT payload FROM outbox", -1, &select, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(select), SQLITE_ROW);
  const std::string payload(static_cast<const char*>(sqlite3_column_blob(select, 0)),
                            sqlite3_column_bytes(select, 0));
  sqlite3_finalize(select);
  sqlite3_close(db);

  v1::ComplaintAcceptedEvent event;
  ASSERT_TRUE(event.ParseFromString(payload));
  EXPECT_EQ(event.jurisdiction(), redress::common::v1::JURISDICTION_HEALTH);
  EXPECT_THAT(event.organisation_published_names(),
              ElementsAre("A GP practice", "Manchester University NHS Foundation Trust"));
  EXPECT_EQ(event.default_location(), "Greater Manchester");
}

}  // namespace
}  // namespace redress::intake::testing
