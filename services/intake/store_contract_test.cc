// The IntakeStore contract (store.h), run over every implementation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "common/testing/status_matchers.h"
#include "services/intake/fake_store.h"
#include "services/intake/sqlite_store.h"
#include "services/intake/store.h"
#include "services/intake/store_test_data.h"

namespace redress::intake {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace store_testing;  // NOLINT: test data builders

MATCHER_P(IsOkAndHolds, matcher, "is OK and holds a matching value") {
  if (!arg.ok()) {
    *result_listener << "status is " << arg.status().ToString();
    return false;
  }
  return ::testing::ExplainMatchResult(matcher, *arg, result_listener);
}

// FindRequest succeeded and found no record.
MATCHER(FindsNothing, "is OK and finds no record") {
  if (!arg.ok()) *result_listener << "status is " << arg.status().ToString();
  return arg.ok() && !arg->has_value();
}

template <typename T>
std::unique_ptr<IntakeStore> OpenStore(const ScratchDir& dir);

template <>
std::unique_ptr<IntakeStore> OpenStore<FakeStore>(const ScratchDir&) {
  return std::make_unique<FakeStore>();
}

template <>
std::unique_ptr<IntakeStore> OpenStore<SqliteStore>(const ScratchDir& dir) {
  auto store = SqliteStore::Open(dir.File("intake.db"));
  EXPECT_THAT(store, IsOk());
  return store.ok() ? *std::move(store) : nullptr;
}

template <typename T>
class StoreContractTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenStore<T>(dir_);
    ASSERT_NE(store_, nullptr);
  }

 public:
  IntakeStore& store() { return *store_; }

  // Inserts `complaint` with a request record named after it; returns the stored complaint.
  Complaint Insert(const Complaint& complaint) {
    auto sequence = store_->InsertComplaint(
        complaint, Request("SubmitComplaint", "req-" + complaint.id, complaint.id));
    EXPECT_THAT(sequence, IsOk());
    Complaint stored = complaint;
    stored.sequence = sequence.ok() ? *sequence : -1;
    return stored;
  }

  std::vector<std::string> ListIds(const ComplaintQuery& query) {
    auto complaints = store_->ListComplaints(query);
    EXPECT_THAT(complaints, IsOk());
    std::vector<std::string> ids;
    if (complaints.ok()) {
      for (const Complaint& c : *complaints) ids.push_back(c.id);
    }
    return ids;
  }

  std::vector<OutboxEntry> Outbox(bool include_delivered) {
    auto entries = store_->ListOutbox(include_delivered, 100);
    EXPECT_THAT(entries, IsOk());
    return entries.ok() ? *entries : std::vector<OutboxEntry>();
  }

  ScratchDir dir_;
  std::unique_ptr<IntakeStore> store_;
};

using StoreTypes = ::testing::Types<FakeStore, SqliteStore>;
TYPED_TEST_SUITE(StoreContractTest, StoreTypes);

// --- Organisations. ---

TYPED_TEST(StoreContractTest, OrganisationRoundTrips) {
  const Organisation organisation = FullOrganisation("hmcts");
  ASSERT_THAT(this->store().InsertOrganisation(organisation, std::nullopt), IsOk());
  EXPECT_THAT(this->store().GetOrganisation("hmcts"), IsOkAndHolds(organisation));
  EXPECT_THAT(this->store().CountOrganisations(), IsOkAndHolds(1));
}

TYPED_TEST(StoreContractTest, MissingOrganisationIsNotFound) {
  EXPECT_THAT(this->store().GetOrganisation("nobody"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->store().UpdateOrganisation(FullOrganisation("nobody"), 1),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->store().CountOrganisations(), IsOkAndHolds(0));
}

TYPED_TEST(StoreContractTest, DuplicateOrganisationIdIsAlreadyExistsAndWritesNothing) {
  ASSERT_THAT(this->store().InsertOrganisation(FullOrganisation("hmcts"), std::nullopt), IsOk());
  Organisation again = FullOrganisation("hmcts");
  again.display_name = "Another";
  EXPECT_THAT(
      this->store().InsertOrganisation(again, Request("CreateOrganisation", "req-2", "hmcts")),
      StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(this->store().GetOrganisation("hmcts"), IsOkAndHolds(FullOrganisation("hmcts")));
  EXPECT_THAT(this->store().FindRequest("CreateOrganisation", "req-2"), FindsNothing());
}

TYPED_TEST(StoreContractTest, OrganisationWithTakenRequestIsAlreadyExistsAndWritesNothing) {
  const RequestRecord request = Request("CreateOrganisation", "req-1", "hmcts");
  ASSERT_THAT(this->store().InsertOrganisation(FullOrganisation("hmcts"), request), IsOk());
  EXPECT_THAT(this->store().InsertOrganisation(FullOrganisation("dwp"), request),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(this->store().GetOrganisation("dwp"), StatusIs(absl::StatusCode::kNotFound));
  auto found = this->store().FindRequest("CreateOrganisation", "req-1");
  ASSERT_THAT(found, IsOk());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->resource_id, "hmcts");
}

TYPED_TEST(StoreContractTest, UpdateOrganisationChecksVersion) {
  ASSERT_THAT(this->store().InsertOrganisation(FullOrganisation("hmcts"), std::nullopt), IsOk());
  Organisation changed = FullOrganisation("hmcts");
  changed.in_remit = false;
  changed.version = 2;
  changed.update_time = TimeAt(99, 5);
  EXPECT_THAT(this->store().UpdateOrganisation(changed, 2), StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(this->store().GetOrganisation("hmcts"), IsOkAndHolds(FullOrganisation("hmcts")));
  ASSERT_THAT(this->store().UpdateOrganisation(changed, 1), IsOk());
  EXPECT_THAT(this->store().GetOrganisation("hmcts"), IsOkAndHolds(changed));
}

TYPED_TEST(StoreContractTest, ListsOrganisationsInIdOrderWithFilters) {
  for (const char* id : {"nhs-trust", "dwp", "gp-1", "hmcts"}) {
    Organisation o = FullOrganisation(id);
    o.jurisdiction = std::string(id) == "nhs-trust" || std::string(id) == "gp-1"
                         ? Jurisdiction::kHealth
                         : Jurisdiction::kParliamentary;
    o.in_remit = std::string(id) != "gp-1";
    ASSERT_THAT(this->store().InsertOrganisation(o, std::nullopt), IsOk());
  }
  auto ids = [this](const OrganisationQuery& query) {
    std::vector<std::string> result;
    auto list = this->store().ListOrganisations(query);
    EXPECT_THAT(list, IsOk());
    if (list.ok()) {
      for (const Organisation& o : *list) result.push_back(o.id);
    }
    return result;
  };
  EXPECT_THAT(ids({}), ElementsAre("dwp", "gp-1", "hmcts", "nhs-trust"));
  EXPECT_THAT(ids({"gp-1", 100, {}, {}}), ElementsAre("hmcts", "nhs-trust"));
  EXPECT_THAT(ids({"", 2, {}, {}}), ElementsAre("dwp", "gp-1"));
  EXPECT_THAT(ids({"", 0, {}, {}}), IsEmpty());
  EXPECT_THAT(ids({"", 100, false, {}}), ElementsAre("gp-1"));
  EXPECT_THAT(ids({"", 100, true, {}}), ElementsAre("dwp", "hmcts", "nhs-trust"));
  EXPECT_THAT(ids({"", 100, {}, Jurisdiction::kHealth}), ElementsAre("gp-1", "nhs-trust"));
  EXPECT_THAT(ids({"", 100, true, Jurisdiction::kHealth}), ElementsAre("nhs-trust"));
  EXPECT_THAT(ids({"dwp", 1, true, {}}), ElementsAre("hmcts"));
}

// --- Complaints. ---

TYPED_TEST(StoreContractTest, FullyPopulatedComplaintRoundTrips) {
  const Complaint stored = this->Insert(FullComplaint("c1"));
  EXPECT_EQ(stored.sequence, 1);
  auto got = this->store().GetComplaint("c1");
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(*got, stored);
  // Spot checks that say what went wrong if the whole-object comparison fails.
  EXPECT_EQ(got->people, stored.people);
  EXPECT_EQ(got->what_went_wrong, stored.what_went_wrong);
  EXPECT_EQ(got->assessment, stored.assessment);
  ASSERT_TRUE(got->assessment.has_value());
  EXPECT_EQ(got->assessment->request_id, "assess-req-1");
  EXPECT_EQ(got->assessment->request_fingerprint, "0123456789abcdef");
  EXPECT_EQ(got->mp_referral, stored.mp_referral);
}

TYPED_TEST(StoreContractTest, ComplaintWithOptionalFieldsUnsetRoundTrips) {
  Complaint minimal = MinimalComplaint("c1", absl::CivilDay(2024, 1, 2), {});
  minimal.people.push_back(minimal.people[0]);
  minimal.people[1].person_id = "p2";
  minimal.people[1].details.postal_address.lines = {"", "only the second line is text"};
  const Complaint stored = this->Insert(minimal);
  auto got = this->store().GetComplaint("c1");
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(*got, stored);
  EXPECT_FALSE(got->mp_referral.has_value());
  EXPECT_FALSE(got->assessment.has_value());
  EXPECT_FALSE(got->aware_date.has_value());
  EXPECT_FALSE(got->people[0].details.date_of_birth.has_value());
}

TYPED_TEST(StoreContractTest, MissingComplaintIsNotFound) {
  EXPECT_THAT(this->store().GetComplaint("nope"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->store().UpdateComplaint(FullComplaint("nope"), 1, std::nullopt, std::nullopt),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->Outbox(true), IsEmpty());
}

TYPED_TEST(StoreContractTest, DuplicateComplaintIdIsAlreadyExistsAndWritesNothing) {
  const Complaint first = this->Insert(FullComplaint("c1"));
  Complaint again = MinimalComplaint("c1", absl::CivilDay(2024, 2, 2));
  again.version = 7;
  EXPECT_THAT(this->store().InsertComplaint(again, Request("SubmitComplaint", "other", "c1")),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(this->store().GetComplaint("c1"), IsOkAndHolds(first));
  EXPECT_THAT(this->store().FindRequest("SubmitComplaint", "other"), FindsNothing());
}

TYPED_TEST(StoreContractTest, TakenRequestIsAlreadyExistsAndUsesNoSequence) {
  this->Insert(FullComplaint("c1"));
  EXPECT_THAT(this->store().InsertComplaint(FullComplaint("c2"),
                                            Request("SubmitComplaint", "req-c1", "c2")),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(this->store().GetComplaint("c2"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(this->Insert(FullComplaint("c3")).sequence, 2);
}

TYPED_TEST(StoreContractTest, StaleVersionIsAbortedAndWritesNothing) {
  const Complaint stored = this->Insert(FullComplaint("c1"));
  Complaint changed = stored;
  changed.state = ComplaintState::kClosed;
  changed.version = 3;
  EXPECT_THAT(this->store().UpdateComplaint(changed, 2, HandoffFor(changed, TimeAt(60)),
                                            Request("AssessComplaint", "a1", "c1")),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(this->store().GetComplaint("c1"), IsOkAndHolds(stored));
  EXPECT_THAT(this->Outbox(true), IsEmpty());
  EXPECT_THAT(this->store().FindRequest("AssessComplaint", "a1"), FindsNothing());
}

TYPED_TEST(StoreContractTest, UpdateReplacesTheWholeComplaint) {
  const Complaint stored = this->Insert(FullComplaint("c1"));
  Complaint changed = stored;
  changed.version = 2;
  changed.people.erase(changed.people.begin());
  changed.people[0].details.email = "new@example.org";
  changed.organisation_ids = {"dwp", "hmrc", "hmcts"};
  changed.assessment->checks.pop_back();
  changed.assessment->checks[0].passed = false;
  changed.mp_referral.reset();
  changed.aware_date.reset();
  changed.update_time = TimeAt(70, 7);
  ASSERT_THAT(this->store().UpdateComplaint(changed, 1, std::nullopt, std::nullopt), IsOk());
  EXPECT_THAT(this->store().GetComplaint("c1"), IsOkAndHolds(changed));

  Complaint closed = changed;
  closed.version = 3;
  closed.state = ComplaintState::kClosed;
  closed.closure_reason = ClosureReason::kWithdrawn;
  closed.closure_note = "Withdrawn by letter";
  closed.assessment.reset();
  closed.people.clear();
  closed.organisation_ids.clear();
  ASSERT_THAT(this->store().UpdateComplaint(closed, 2, std::nullopt, std::nullopt), IsOk());
  EXPECT_THAT(this->store().GetComplaint("c1"), IsOkAndHolds(closed));
}

TYPED_TEST(StoreContractTest, UpdateWithHandoffWritesComplaintOutboxAndRequestTogether) {
  Complaint accepted = this->Insert(MinimalComplaint("c1", absl::CivilDay(2024, 1, 2)));
  accepted.state = ComplaintState::kAccepted;
  accepted.assessment = FullAssessment();
  accepted.version = 2;
  const AcceptanceHandoff handoff = HandoffFor(accepted, TimeAt(80, 42));
  const RequestRecord request = Request("AssessComplaint", "assess-1", "c1");
  ASSERT_THAT(this->store().UpdateComplaint(accepted, 1, handoff, request), IsOk());

  EXPECT_THAT(this->store().GetComplaint("c1"), IsOkAndHolds(accepted));
  const std::vector<OutboxEntry> outbox = this->Outbox(false);
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_GT(outbox[0].id, 0);
  EXPECT_EQ(outbox[0].handoff, handoff);
  EXPECT_EQ(outbox[0].attempts, 0);
  EXPECT_EQ(outbox[0].create_time, handoff.accept_time);
  EXPECT_FALSE(outbox[0].delivered_time.has_value());
  auto found = this->store().FindRequest("AssessComplaint", "assess-1");
  ASSERT_THAT(found, IsOk());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->fingerprint, request.fingerprint);
}

TYPED_TEST(StoreContractTest, DuplicateHandoffKeyIsAlreadyExistsAndWritesNothing) {
  Complaint accepted = this->Insert(MinimalComplaint("c1", absl::CivilDay(2024, 1, 2)));
  accepted.state = ComplaintState::kAccepted;
  accepted.version = 2;
  const AcceptanceHandoff handoff = HandoffFor(accepted, TimeAt(80));
  ASSERT_THAT(this->store().UpdateComplaint(accepted, 1, handoff, std::nullopt), IsOk());

  Complaint again = accepted;
  again.version = 3;
  again.closure_note = "should not be written";
  EXPECT_THAT(
      this->store().UpdateComplaint(again, 2, handoff, Request("AssessComplaint", "x", "c1")),
      StatusIs(absl::StatusCode::kAlreadyExists));
  auto got = this->store().GetComplaint("c1");
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(*got, accepted);
  EXPECT_EQ(this->Outbox(true).size(), 1u);
  EXPECT_THAT(this->store().FindRequest("AssessComplaint", "x"), FindsNothing());
}

TYPED_TEST(StoreContractTest, UpdateWithTakenRequestIsAlreadyExistsAndWritesNothing) {
  const Complaint stored = this->Insert(MinimalComplaint("c1", absl::CivilDay(2024, 1, 2)));
  Complaint changed = stored;
  changed.version = 2;
  EXPECT_THAT(this->store().UpdateComplaint(changed, 1, HandoffFor(changed, TimeAt(1)),
                                            Request("SubmitComplaint", "req-c1", "c1")),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(this->store().GetComplaint("c1"), IsOkAndHolds(stored));
  EXPECT_THAT(this->Outbox(true), IsEmpty());
}

// Five complaints: c1..c5 in sequence order, with different states, organisations and dates.
template <typename Test>
void InsertListingFixture(Test& test) {
  const struct {
    const char* id;
    ComplaintState state;
    std::vector<std::string> organisations;
    absl::CivilDay received;
  } rows[] = {
      {"c1", ComplaintState::kReceived, {"hmcts"}, absl::CivilDay(2024, 1, 31)},
      {"c2", ComplaintState::kAccepted, {"dwp", "hmcts"}, absl::CivilDay(2024, 2, 1)},
      {"c3", ComplaintState::kClosed, {"dwp"}, absl::CivilDay(2023, 12, 31)},
      {"c4", ComplaintState::kReceived, {"nhs-trust"}, absl::CivilDay(2024, 2, 29)},
      {"c5", ComplaintState::kReceived, {"hmcts", "nhs-trust"}, absl::CivilDay(2024, 3, 1)},
  };
  for (const auto& row : rows) {
    Complaint c = MinimalComplaint(row.id, row.received, row.organisations);
    c.state = row.state;
    test.Insert(c);
  }
}

TYPED_TEST(StoreContractTest, ListsComplaintsInSequenceOrderWithEveryFilter) {
  InsertListingFixture(*this);
  auto list = this->store().ListComplaints({});
  ASSERT_THAT(list, IsOk());
  ASSERT_EQ(list->size(), 5u);
  for (size_t i = 0; i < list->size(); ++i) EXPECT_EQ((*list)[i].sequence, int64_t(i) + 1);

  ComplaintQuery q;
  EXPECT_THAT(this->ListIds(q), ElementsAre("c1", "c2", "c3", "c4", "c5"));
  q.after_sequence = 2;
  EXPECT_THAT(this->ListIds(q), ElementsAre("c3", "c4", "c5"));
  q.limit = 2;
  EXPECT_THAT(this->ListIds(q), ElementsAre("c3", "c4"));
  q.limit = 0;
  EXPECT_THAT(this->ListIds(q), IsEmpty());

  EXPECT_THAT(this->ListIds({0, 50, ComplaintState::kReceived, {}, {}, {}}),
              ElementsAre("c1", "c4", "c5"));
  EXPECT_THAT(this->ListIds({0, 50, ComplaintState::kAccepted, {}, {}, {}}), ElementsAre("c2"));
  EXPECT_THAT(this->ListIds({0, 50, {}, "hmcts", {}, {}}), ElementsAre("c1", "c2", "c5"));
  EXPECT_THAT(this->ListIds({0, 50, {}, "nobody", {}, {}}), IsEmpty());
  EXPECT_THAT(this->ListIds({0, 50, {}, {}, absl::CivilDay(2024, 2, 1), {}}),
              ElementsAre("c2", "c4", "c5"));
  EXPECT_THAT(this->ListIds({0, 50, {}, {}, {}, absl::CivilDay(2024, 2, 1)}),
              ElementsAre("c1", "c2", "c3"));
  EXPECT_THAT(
      this->ListIds({0, 50, {}, {}, absl::CivilDay(2024, 1, 31), absl::CivilDay(2024, 2, 29)}),
      ElementsAre("c1", "c2", "c4"));
  EXPECT_THAT(this->ListIds({1, 1, ComplaintState::kReceived, "hmcts", absl::CivilDay(2024, 1, 1),
                             absl::CivilDay(2024, 12, 31)}),
              ElementsAre("c5"));
}

TYPED_TEST(StoreContractTest, PagesThroughComplaintsWithAfterSequence) {
  InsertListingFixture(*this);
  std::vector<std::string> seen;
  ComplaintQuery q;
  q.limit = 2;
  q.state = ComplaintState::kReceived;
  while (true) {
    auto page = this->store().ListComplaints(q);
    ASSERT_THAT(page, IsOk());
    if (page->empty()) break;
    for (const Complaint& c : *page) seen.push_back(c.id);
    q.after_sequence = page->back().sequence;
  }
  EXPECT_THAT(seen, ElementsAre("c1", "c4", "c5"));
}

TYPED_TEST(StoreContractTest, ListedComplaintsAreComplete) {
  const Complaint stored = this->Insert(FullComplaint("c1"));
  auto list = this->store().ListComplaints({});
  ASSERT_THAT(list, IsOk());
  EXPECT_THAT(*list, ElementsAre(stored));
}

// --- Idempotency records. ---

TYPED_TEST(StoreContractTest, FindsRequestRecordsByScopeAndId) {
  this->Insert(FullComplaint("c1"));
  auto found = this->store().FindRequest("SubmitComplaint", "req-c1");
  ASSERT_THAT(found, IsOk());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->scope, "SubmitComplaint");
  EXPECT_EQ((*found)->request_id, "req-c1");
  EXPECT_EQ((*found)->fingerprint, "fingerprint-of-req-c1");
  EXPECT_EQ((*found)->resource_id, "c1");
  EXPECT_THAT(this->store().FindRequest("AssessComplaint", "req-c1"), FindsNothing());
  EXPECT_THAT(this->store().FindRequest("SubmitComplaint", "req-c2"), FindsNothing());
}

// --- Outbox. ---

TYPED_TEST(StoreContractTest, OutboxListsUndeliveredOrAllInIdOrder) {
  std::vector<AcceptanceHandoff> handoffs;
  for (const char* id : {"c1", "c2", "c3"}) {
    Complaint c = this->Insert(MinimalComplaint(id, absl::CivilDay(2024, 1, 2)));
    c.version = 2;
    handoffs.push_back(HandoffFor(c, TimeAt(100 + static_cast<int>(handoffs.size()))));
    ASSERT_THAT(this->store().UpdateComplaint(c, 1, handoffs.back(), std::nullopt), IsOk());
  }
  std::vector<OutboxEntry> all = this->Outbox(false);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_LT(all[0].id, all[1].id);
  EXPECT_LT(all[1].id, all[2].id);
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].handoff, handoffs[i]);

  ASSERT_THAT(this->store().MarkDelivered(all[1].id, TimeAt(200, 3)), IsOk());
  std::vector<OutboxEntry> pending = this->Outbox(false);
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[0].id, all[0].id);
  EXPECT_EQ(pending[1].id, all[2].id);

  std::vector<OutboxEntry> everything = this->Outbox(true);
  ASSERT_EQ(everything.size(), 3u);
  EXPECT_EQ(everything[1].delivered_time, TimeAt(200, 3));
  EXPECT_EQ(everything[1].attempts, 1);
  EXPECT_FALSE(everything[0].delivered_time.has_value());

  auto limited = this->store().ListOutbox(true, 1);
  ASSERT_THAT(limited, IsOk());
  ASSERT_EQ(limited->size(), 1u);
  EXPECT_EQ((*limited)[0].id, all[0].id);
  EXPECT_THAT(this->store().ListOutbox(true, 0), IsOkAndHolds(IsEmpty()));
}

TYPED_TEST(StoreContractTest, MarkDeliveredIsIdempotentAndKnowsItsEntries) {
  Complaint c = this->Insert(MinimalComplaint("c1", absl::CivilDay(2024, 1, 2)));
  c.version = 2;
  ASSERT_THAT(this->store().UpdateComplaint(c, 1, HandoffFor(c, TimeAt(1)), std::nullopt), IsOk());
  const int64_t id = this->Outbox(false).at(0).id;
  ASSERT_THAT(this->store().MarkDelivered(id, TimeAt(5)), IsOk());
  ASSERT_THAT(this->store().MarkDelivered(id, TimeAt(9)), IsOk());
  const std::vector<OutboxEntry> entries = this->Outbox(true);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].delivered_time, TimeAt(5));
  EXPECT_EQ(entries[0].attempts, 1);
  EXPECT_THAT(this->store().MarkDelivered(id + 1000, TimeAt(5)),
              StatusIs(absl::StatusCode::kNotFound));
}

// --- Concurrency. ---

TYPED_TEST(StoreContractTest, ConcurrentUpdatesOfOneVersionHaveOneWinner) {
  const Complaint stored = this->Insert(MinimalComplaint("c1", absl::CivilDay(2024, 1, 2)));
  constexpr int kWriters = 8;
  std::vector<absl::Status> results(kWriters);
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      Complaint changed = stored;
      changed.version = 2;
      changed.closure_note = "writer " + std::to_string(i);
      results[i] = this->store().UpdateComplaint(changed, 1, std::nullopt, std::nullopt);
    });
  }
  for (auto& thread : threads) thread.join();
  int winners = 0;
  for (const absl::Status& status : results) {
    if (status.ok()) {
      ++winners;
    } else {
      EXPECT_THAT(status, StatusIs(absl::StatusCode::kAborted));
    }
  }
  EXPECT_EQ(winners, 1);
  auto got = this->store().GetComplaint("c1");
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(got->version, 2);
}

}  // namespace
}  // namespace redress::intake
