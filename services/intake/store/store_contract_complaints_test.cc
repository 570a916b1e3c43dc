// The IntakeStore contract (store.h) for complaints: round trips, versioned updates with their
// hand-off and request record, listing with filters and paging (by organisation too, after
// updates and erasure have rewritten a complaint's organisations), and concurrent writers; run
// over every implementation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/testing/status_matchers.h"
#include "services/intake/personal_data.h"
#include "services/intake/store/store_contract_fixture.h"

namespace redress::intake {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace store_testing;  // NOLINT: test data builders and the typed fixture

// A query that does not narrow by owner (store_contract_owner_test.cc covers that).
ComplaintQuery Query(int64_t after_sequence, int limit, std::optional<ComplaintState> state,
                     std::optional<std::string> organisation_id,
                     std::optional<absl::CivilDay> received_from,
                     std::optional<absl::CivilDay> received_to) {
  ComplaintQuery query;
  query.after_sequence = after_sequence;
  query.limit = limit;
  query.state = state;
  query.organisation_id = std::move(organisation_id);
  query.received_from = received_from;
  query.received_to = received_to;
  return query;
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
  EXPECT_EQ(got->organisation_dates, stored.organisation_dates);
  EXPECT_EQ(got->assessment->organisations, stored.assessment->organisations);
  EXPECT_EQ(got->previous_assessments, stored.previous_assessments);
  EXPECT_EQ(got->reviews, stored.reviews);
}

TYPED_TEST(StoreContractTest, ComplaintUnderReviewRoundTripsAndIsListedByItsState) {
  Complaint under_review = FullComplaint("c1");
  under_review.state = ComplaintState::kUnderReview;
  under_review.assessment = PreviousAssessment();
  under_review.previous_assessments.clear();
  under_review.reviews = {FullReview(/*decided=*/false)};
  under_review.closure_reason = ClosureReason::kPremature;
  const Complaint stored = this->Insert(under_review);
  this->Insert(FullComplaint("c2"));
  EXPECT_THAT(this->store().GetComplaint("c1"), IsOkAndHolds(stored));
  ComplaintQuery query;
  query.state = ComplaintState::kUnderReview;
  EXPECT_THAT(this->ListIds(query), ElementsAre("c1"));
}

TYPED_TEST(StoreContractTest, AnAssessmentWithoutOrganisationPartsRoundTrips) {
  // As recorded before assessments were made per organisation.
  Complaint complaint = FullComplaint("c1");
  complaint.assessment->organisations.clear();
  complaint.previous_assessments.at(0).organisations.clear();
  const Complaint stored = this->Insert(complaint);
  EXPECT_THAT(this->store().GetComplaint("c1"), IsOkAndHolds(stored));
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
  changed.organisation_dates.pop_back();
  changed.assessment->organisations.pop_back();
  changed.previous_assessments.push_back(FullAssessment());
  changed.reviews.push_back(FullReview(/*decided=*/false));
  changed.reviews.back().review_id = "r2";
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
  closed.organisation_dates.clear();
  closed.previous_assessments.clear();
  closed.reviews.clear();
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

  EXPECT_THAT(this->ListIds(Query(0, 50, ComplaintState::kReceived, {}, {}, {})),
              ElementsAre("c1", "c4", "c5"));
  EXPECT_THAT(this->ListIds(Query(0, 50, ComplaintState::kAccepted, {}, {}, {})),
              ElementsAre("c2"));
  EXPECT_THAT(this->ListIds(Query(0, 50, {}, "hmcts", {}, {})), ElementsAre("c1", "c2", "c5"));
  EXPECT_THAT(this->ListIds(Query(0, 50, {}, "nobody", {}, {})), IsEmpty());
  EXPECT_THAT(this->ListIds(Query(0, 50, {}, {}, absl::CivilDay(2024, 2, 1), {})),
              ElementsAre("c2", "c4", "c5"));
  EXPECT_THAT(this->ListIds(Query(0, 50, {}, {}, {}, absl::CivilDay(2024, 2, 1))),
              ElementsAre("c1", "c2", "c3"));
  EXPECT_THAT(
      this->ListIds(Query(0, 50, {}, {}, absl::CivilDay(2024, 1, 31), absl::CivilDay(2024, 2, 29))),
      ElementsAre("c1", "c2", "c4"));
  EXPECT_THAT(this->ListIds(Query(1, 1, ComplaintState::kReceived, "hmcts",
                                  absl::CivilDay(2024, 1, 1), absl::CivilDay(2024, 12, 31))),
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

// Eight complaints, c1..c8 in sequence order: hmcts is named by all but c3, alone or with
// others, first or not, in every state and across the dates.
template <typename Test>
void InsertOrganisationsFixture(Test& test) {
  const struct {
    const char* id;
    ComplaintState state;
    std::vector<std::string> organisations;
    absl::CivilDay received;
  } rows[] = {
      {"c1", ComplaintState::kReceived, {"hmcts"}, absl::CivilDay(2024, 1, 10)},
      {"c2", ComplaintState::kAccepted, {"dwp", "hmcts"}, absl::CivilDay(2024, 1, 20)},
      {"c3", ComplaintState::kReceived, {"dwp"}, absl::CivilDay(2024, 2, 1)},
      {"c4", ComplaintState::kReceived, {"hmcts", "nhs-trust"}, absl::CivilDay(2024, 2, 10)},
      {"c5", ComplaintState::kClosed, {"hmcts"}, absl::CivilDay(2024, 2, 20)},
      {"c6", ComplaintState::kReceived, {"nhs-trust", "hmcts"}, absl::CivilDay(2024, 3, 1)},
      {"c7", ComplaintState::kAccepted, {"hmcts"}, absl::CivilDay(2024, 3, 10)},
      {"c8", ComplaintState::kReceived, {"hmcts"}, absl::CivilDay(2024, 3, 20)},
  };
  for (const auto& row : rows) {
    Complaint c = MinimalComplaint(row.id, row.received, row.organisations);
    c.state = row.state;
    test.Insert(c);
  }
}

TYPED_TEST(StoreContractTest, PagesThroughAnOrganisationsComplaintsWithEveryOtherFilter) {
  InsertOrganisationsFixture(*this);
  const struct {
    ComplaintQuery query;
    std::vector<std::string> expected;
  } cases[] = {
      {Query(0, 0, {}, "hmcts", {}, {}), {"c1", "c2", "c4", "c5", "c6", "c7", "c8"}},
      {Query(0, 0, {}, "dwp", {}, {}), {"c2", "c3"}},
      {Query(0, 0, {}, "nhs-trust", {}, {}), {"c4", "c6"}},
      {Query(0, 0, {}, "nobody", {}, {}), {}},
      {Query(0, 0, ComplaintState::kReceived, "hmcts", {}, {}), {"c1", "c4", "c6", "c8"}},
      {Query(0, 0, ComplaintState::kAccepted, "hmcts", {}, {}), {"c2", "c7"}},
      {Query(0, 0, {}, "hmcts", absl::CivilDay(2024, 2, 10), {}), {"c4", "c5", "c6", "c7", "c8"}},
      {Query(0, 0, {}, "hmcts", {}, absl::CivilDay(2024, 2, 20)), {"c1", "c2", "c4", "c5"}},
      {Query(0, 0, ComplaintState::kReceived, "hmcts", absl::CivilDay(2024, 2, 1),
             absl::CivilDay(2024, 3, 1)),
       {"c4", "c6"}},
  };
  for (const auto& [query, expected] : cases) {
    for (int limit : {1, 2, 3, 50}) {
      EXPECT_EQ(this->ListAllPages(query, limit), expected)
          << "organisation " << *query.organisation_id << ", " << limit << " per page";
    }
  }
  // A page may start anywhere: after c4's sequence, hmcts's list goes on at c5.
  auto first = this->store().ListComplaints(Query(0, 3, {}, "hmcts", {}, {}));
  ASSERT_THAT(first, IsOk());
  ASSERT_EQ(first->size(), 3u);
  EXPECT_EQ(first->back().id, "c4");
  EXPECT_THAT(this->ListIds(Query(first->back().sequence, 2, {}, "hmcts", {}, {})),
              ElementsAre("c5", "c6"));
}

TYPED_TEST(StoreContractTest, AComplaintIsListedUnderTheOrganisationsAnUpdateGivesItInItsPlace) {
  Complaint c1 = this->Insert(MinimalComplaint("c1", absl::CivilDay(2024, 1, 2), {"hmcts"}));
  this->Insert(MinimalComplaint("c2", absl::CivilDay(2024, 1, 2), {"dwp"}));
  Complaint c3 = this->Insert(MinimalComplaint("c3", absl::CivilDay(2024, 1, 2), {"dwp"}));
  this->Insert(MinimalComplaint("c4", absl::CivilDay(2024, 1, 2), {"hmcts"}));
  // The last written is listed in its own place, not last: c3 before c4, c1 before c2.
  c3.organisation_ids = {"hmcts"};
  c3.version = 2;
  ASSERT_THAT(this->store().UpdateComplaint(c3, 1, std::nullopt, std::nullopt), IsOk());
  c1.organisation_ids = {"nhs-trust", "dwp"};
  c1.version = 2;
  ASSERT_THAT(this->store().UpdateComplaint(c1, 1, std::nullopt, std::nullopt), IsOk());
  for (int limit : {1, 2, 50}) {
    EXPECT_THAT(this->ListAllPages(Query(0, 0, {}, "dwp", {}, {}), limit), ElementsAre("c1", "c2"));
    EXPECT_THAT(this->ListAllPages(Query(0, 0, {}, "hmcts", {}, {}), limit),
                ElementsAre("c3", "c4"));
    EXPECT_THAT(this->ListAllPages(Query(0, 0, {}, "nhs-trust", {}, {}), limit), ElementsAre("c1"));
  }
  // Erasure rewrites the complaint's rows too, and keeps its organisations and its place.
  auto stored = this->store().GetComplaint("c3");
  ASSERT_THAT(stored, IsOk());
  ASSERT_THAT(this->store().EraseComplaint(ErasedComplaint(*stored, TimeAt(40)), 2, TimeAt(40)),
              IsOk());
  EXPECT_THAT(this->ListAllPages(Query(0, 0, {}, "hmcts", {}, {}), 1), ElementsAre("c3", "c4"));
}

TYPED_TEST(StoreContractTest, ListedComplaintsAreComplete) {
  const Complaint stored = this->Insert(FullComplaint("c1"));
  auto list = this->store().ListComplaints({});
  ASSERT_THAT(list, IsOk());
  EXPECT_THAT(*list, ElementsAre(stored));
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
