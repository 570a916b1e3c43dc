// The IntakeStore contract (store.h) for personal data (docs/privacy.md), run over every
// implementation: finding complaints by email, erasure in one audited transaction with the
// outbox's payloads rewritten, and the retention scan.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/audit/audit_verifier.h"
#include "common/errors.h"
#include "common/testing/status_matchers.h"
#include "services/intake/personal_data.h"
#include "services/intake/store/store_contract_fixture.h"

namespace redress::intake {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::IsOkAndHolds;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;
using namespace store_testing;  // NOLINT: test data builders and the typed fixture

TYPED_TEST(StoreContractTest, FindsComplaintsByAnyPersonsEmailIgnoringAsciiCase) {
  Complaint first = FullComplaint("c1");
  first.people[1].details.email = "Rep.Person@Example.ORG";
  this->Insert(first);
  Complaint second = MinimalComplaint("c2", absl::CivilDay(2024, 1, 2));
  second.people[0].details.email = "rep.person@example.org";
  this->Insert(second);
  this->Insert(MinimalComplaint("c3", absl::CivilDay(2024, 1, 3)));  // no email at all

  EXPECT_THAT(this->store().FindComplaintsByEmail("rep.person@example.org"),
              IsOkAndHolds(ElementsAre("c1", "c2")));
  EXPECT_THAT(this->store().FindComplaintsByEmail("p1.obrien@example.org"),
              IsOkAndHolds(ElementsAre("c1")));
  EXPECT_THAT(this->store().FindComplaintsByEmail("nobody@example.org"), IsOkAndHolds(IsEmpty()));
  // An empty address on file never matches.
  EXPECT_THAT(this->store().FindComplaintsByEmail(""), IsOkAndHolds(IsEmpty()));
}

TYPED_TEST(StoreContractTest, EraseReplacesTheComplaintRewritesDeliveredHandoffsAndAudits) {
  Complaint complaint = this->Insert(FullComplaint("c1"));
  complaint.version = 2;
  ASSERT_THAT(
      this->store().UpdateComplaint(complaint, 1, HandoffFor(complaint, TimeAt(30)), std::nullopt),
      IsOk());
  ASSERT_THAT(this->store().MarkDelivered(this->Outbox(true).front().id, TimeAt(31)), IsOk());
  EXPECT_THAT(this->store().GetErasureTime("c1"), IsOkAndHolds(std::nullopt));

  const Complaint erased = ErasedComplaint(complaint, TimeAt(40));
  ASSERT_THAT(this->store().EraseComplaint(erased, 2, TimeAt(40)), IsOk());

  Complaint expected = erased;
  expected.sequence = complaint.sequence;
  EXPECT_THAT(this->store().GetComplaint("c1"), IsOkAndHolds(expected));
  EXPECT_THAT(this->store().GetErasureTime("c1"), IsOkAndHolds(Optional(TimeAt(40))));
  const std::vector<OutboxEntry> outbox = this->Outbox(true);
  ASSERT_EQ(outbox.size(), 1u);
  // Delivery already dropped the narrative (DeliveredHandoff); erasure rewrites what is left.
  EXPECT_EQ(outbox[0].handoff, ErasedHandoff(DeliveredHandoff(HandoffFor(complaint, TimeAt(30)))));
  EXPECT_TRUE(outbox[0].delivered_time.has_value());
  EXPECT_THAT(this->store().FindComplaintsByEmail("p1.obrien@example.org"),
              IsOkAndHolds(IsEmpty()));

  auto entries = this->store().ListAuditEntries(0, 100);
  ASSERT_THAT(entries, IsOk());
  ASSERT_EQ(entries->size(), 3u);  // insert, acceptance, erasure
  EXPECT_EQ(entries->back().resource, "complaints/c1");
  auto verification = audit::VerifyAuditChain(
      [&](int64_t after, int limit) { return this->store().ListAuditEntries(after, limit); },
      std::nullopt);
  ASSERT_THAT(verification, IsOk());
  EXPECT_FALSE(verification->problem.has_value());
  EXPECT_EQ(verification->entries_checked, 3);
}

TYPED_TEST(StoreContractTest, EraseChecksInOrderAndWritesNothingWhenRefused) {
  EXPECT_THAT(this->store().EraseComplaint(ErasedComplaint(FullComplaint("nope"), TimeAt(40)), 1,
                                           TimeAt(40)),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(this->store().GetErasureTime("nope"), StatusIs(absl::StatusCode::kNotFound));

  Complaint complaint = this->Insert(FullComplaint("c1"));
  EXPECT_THAT(this->store().EraseComplaint(ErasedComplaint(complaint, TimeAt(40)), 7, TimeAt(40)),
              StatusIs(absl::StatusCode::kAborted));

  complaint.version = 2;
  ASSERT_THAT(
      this->store().UpdateComplaint(complaint, 1, HandoffFor(complaint, TimeAt(30)), std::nullopt),
      IsOk());
  const absl::Status pending =
      this->store().EraseComplaint(ErasedComplaint(complaint, TimeAt(40)), 2, TimeAt(40));
  EXPECT_THAT(pending, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReasonOf(pending), kReasonHandoffPending);
  EXPECT_THAT(this->store().GetErasureTime("c1"), IsOkAndHolds(std::nullopt));
  EXPECT_EQ(this->Outbox(true).front().handoff, HandoffFor(complaint, TimeAt(30)));
  EXPECT_THAT(this->store().ListAuditEntries(0, 100), IsOkAndHolds(::testing::SizeIs(2)));

  ASSERT_THAT(this->store().MarkDelivered(this->Outbox(true).front().id, TimeAt(31)), IsOk());
  const Complaint erased = ErasedComplaint(complaint, TimeAt(40));
  ASSERT_THAT(this->store().EraseComplaint(erased, 2, TimeAt(40)), IsOk());
  // Erased before: ALREADY_EXISTS, even with the right version.
  EXPECT_THAT(this->store().EraseComplaint(ErasedComplaint(erased, TimeAt(50)), 3, TimeAt(50)),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(this->store().GetErasureTime("c1"), IsOkAndHolds(Optional(TimeAt(40))));
}

TYPED_TEST(StoreContractTest, ListsClosedComplaintsLastChangedBeforeTheCutOffAndNotErased) {
  Complaint received = MinimalComplaint("c1", absl::CivilDay(2024, 1, 1));
  received.update_time = TimeAt(10);
  this->Insert(received);
  Complaint closed_old = MinimalComplaint("c2", absl::CivilDay(2024, 1, 1));
  closed_old.state = ComplaintState::kClosed;
  closed_old.closure_reason = ClosureReason::kWithdrawn;
  closed_old.update_time = TimeAt(10);
  this->Insert(closed_old);
  Complaint accepted_old = MinimalComplaint("c3", absl::CivilDay(2024, 1, 1));
  accepted_old.state = ComplaintState::kAccepted;
  accepted_old.update_time = TimeAt(20);
  this->Insert(accepted_old);
  Complaint closed_recent = closed_old;
  closed_recent.id = "c4";
  closed_recent.update_time = TimeAt(100);
  this->Insert(closed_recent);

  EXPECT_THAT(this->store().ListErasableComplaints(TimeAt(50), 10),
              IsOkAndHolds(ElementsAre("c2", "c3")));
  EXPECT_THAT(this->store().ListErasableComplaints(TimeAt(50), 1), IsOkAndHolds(ElementsAre("c2")));
  EXPECT_THAT(this->store().ListErasableComplaints(TimeAt(50), 0), IsOkAndHolds(IsEmpty()));
  // Exclusive: last changed exactly at the cut-off is not yet due.
  EXPECT_THAT(this->store().ListErasableComplaints(TimeAt(20), 10),
              IsOkAndHolds(ElementsAre("c2")));

  ASSERT_THAT(this->store().EraseComplaint(ErasedComplaint(closed_old, TimeAt(60)), 1, TimeAt(60)),
              IsOk());
  EXPECT_THAT(this->store().ListErasableComplaints(TimeAt(50), 10),
              IsOkAndHolds(ElementsAre("c3")));
}

}  // namespace
}  // namespace redress::intake
