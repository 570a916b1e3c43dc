// IntakeLogic's subject access export, erasure and retention (docs/privacy.md) on a FakeStore.
#include "services/intake/personal_data.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/testing/store_contract.h"  // IsOkAndHolds
#include "services/intake/intake_logic_test_support.h"

namespace redress::intake {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace testing;  // NOLINT: the shared IntakeLogicTest fixture and builders

class PersonalDataTest : public IntakeLogicTest {
 protected:
  std::vector<std::string> ExportedNames(const PersonalDataQuery& query) {
    auto found = logic_.ExportPersonalData(query);
    EXPECT_THAT(found, IsOk());
    std::vector<std::string> names;
    if (found.ok()) {
      for (const ComplaintPersonalData& entry : *found) names.push_back(entry.complaint.name());
    }
    return names;
  }

  // Delivers every hand-off in the outbox, as the sender would.
  void DeliverHandoffs() {
    for (const OutboxEntry& entry : store_.outbox()) {
      ASSERT_THAT(store_.MarkDelivered(entry.id, clock_.Now()), IsOk());
    }
  }

  bool AuditChainSound() {
    auto verification = logic_.VerifyAuditLog(std::nullopt);
    return verification.ok() && !verification->problem.has_value();
  }
};

TEST_F(PersonalDataTest, RefusesAQueryNamingNobodyOrMalformed) {
  EXPECT_THAT(ViolatedFields(logic_.ExportPersonalData({}).status()), ElementsAre("email"));
  EXPECT_THAT(ViolatedFields(logic_.ErasePersonalData({"not an email", {}}).status()),
              ElementsAre("email"));
  EXPECT_THAT(ViolatedFields(logic_.ExportPersonalData({"", {"complaints/", "cases/x"}}).status()),
              ElementsAre("complaints[0]", "complaints[1]"));
  PersonalDataQuery too_many;
  too_many.complaints.assign(IntakeLogic::kMaxNamedComplaints + 1, "complaints/c1");
  EXPECT_THAT(ViolatedFields(logic_.ExportPersonalData(too_many).status()),
              ElementsAre("complaints"));
}

TEST_F(PersonalDataTest, ExportsTheComplaintsOfAnEmailAndThoseNamedOnce) {
  const Complaint first = Submit(ValidDraft());
  Complaint other_draft = ValidDraft();
  other_draft.people[0].details.email = "someone.else@example.com";
  const Complaint other = Submit(other_draft);
  const Complaint second = Submit(ValidDraft());

  EXPECT_THAT(ExportedNames({"  JOE@Example.com ", {}}), ElementsAre(first.name(), second.name()));
  EXPECT_THAT(ExportedNames({"joe@example.com", {other.name(), first.name(), "complaints/gone"}}),
              ElementsAre(first.name(), second.name(), other.name()));
  EXPECT_THAT(ExportedNames({"unknown@example.com", {}}), IsEmpty());

  auto found = logic_.ExportPersonalData({"joe@example.com", {}});
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ((*found)[0].complaint, first);
  EXPECT_FALSE((*found)[0].erase_time.has_value());
}

TEST_F(PersonalDataTest, RefusesToEraseAComplaintStillBeingWorkedAndErasesNothing) {
  const Complaint closed = ClosedAsPremature();
  const Complaint received = Submit(ValidDraft());
  absl::Status refused = logic_.ErasePersonalData({"joe@example.com", {}}).status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReasonOf(refused), kReasonNotClosed);
  EXPECT_EQ(StateViolationOf(refused).subject, received.name());
  EXPECT_THAT(logic_.GetComplaint(closed.name()), ::redress::testing::IsOkAndHolds(closed));
}

TEST_F(PersonalDataTest, RefusesWhileTheHandoffIsUndelivered) {
  const Complaint accepted = Accepted();
  absl::Status refused = logic_.ErasePersonalData({"", {accepted.name()}}).status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReasonOf(refused), kReasonHandoffPending);
}

TEST_F(PersonalDataTest, ErasureKeepsDecisionsIsIdempotentAndKeepsTheChainSound) {
  const Complaint accepted = Accepted();
  const Complaint closed = ClosedAsPremature();
  DeliverHandoffs();
  clock_.Advance(absl::Hours(1));

  auto outcome = logic_.ErasePersonalData({"joe@example.com", {}});
  ASSERT_THAT(outcome, IsOk());
  EXPECT_THAT(outcome->erased, ElementsAre(accepted.name(), closed.name()));
  EXPECT_THAT(outcome->already_erased, IsEmpty());

  auto after = logic_.GetComplaint(accepted.name());
  ASSERT_THAT(after, IsOk());
  EXPECT_EQ(after->people[0].details.family_name, PersonPseudonym(accepted.id, "p1"));
  EXPECT_EQ(after->people[0].details.email, "");
  EXPECT_EQ(after->people[0].details.given_name, "");
  EXPECT_EQ(after->what_went_wrong, kErasedText);
  // What the statistics and the published summary rest on stays.
  EXPECT_EQ(after->state, accepted.state);
  EXPECT_EQ(after->assessment->accepted, accepted.assessment->accepted);
  EXPECT_EQ(after->assessment->closure_reason, accepted.assessment->closure_reason);
  EXPECT_EQ(after->organisation_ids, accepted.organisation_ids);
  EXPECT_EQ(after->receive_date, accepted.receive_date);
  EXPECT_EQ(after->complainants_reference, accepted.complainants_reference);
  EXPECT_EQ(after->people[0].anonymised_reference, accepted.people[0].anonymised_reference);
  // The delivered hand-off lost the narrative when it was delivered; nothing of it is left.
  EXPECT_TRUE(store_.outbox().front().delivered_time.has_value());
  EXPECT_EQ(store_.outbox().front().handoff.what_went_wrong, "");
  EXPECT_EQ(store_.outbox().front().handoff.organisation_ids, std::vector<std::string>{"cafcass"});
  EXPECT_TRUE(AuditChainSound());

  // The email no longer finds them; by name they are found, and already erased.
  EXPECT_THAT(ExportedNames({"joe@example.com", {}}), IsEmpty());
  const int writes = store_.successful_writes();
  auto again = logic_.ErasePersonalData({"joe@example.com", {accepted.name(), closed.name()}});
  ASSERT_THAT(again, IsOk());
  EXPECT_THAT(again->erased, IsEmpty());
  EXPECT_THAT(again->already_erased, ElementsAre(accepted.name(), closed.name()));
  EXPECT_EQ(store_.successful_writes(), writes);
  // No change may bring personal data back to an erased complaint.
  Complaint patch;
  patch.people = after->people;
  patch.people[0].details = ValidDraft().people[0].details;
  absl::Status refused = logic_.UpdateComplaint(accepted.name(), patch, {"people"}, "").status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReasonOf(refused), kReasonErased);
  RequestReviewCommand review;
  review.name = closed.name();
  review.request_id = "review-1";
  review.ground = AssessmentReviewGround::kNewInformation;
  review.explanation = "Joe Bloggs has new information.";
  refused = logic_.RequestAssessmentReview(review).status();
  EXPECT_EQ(ErrorReasonOf(refused), kReasonErased);
  EXPECT_THAT(ExportedNames({"joe@example.com", {}}), IsEmpty());
  auto exported = logic_.ExportPersonalData({"", {closed.name()}});
  ASSERT_THAT(exported, IsOk());
  EXPECT_EQ((*exported)[0].erase_time, clock_.Now());
  EXPECT_TRUE(AuditChainSound());
}

TEST_F(PersonalDataTest, RetentionErasesOnlyWhatWasClosedLongerThanThePeriod) {
  const Complaint old_closed = ClosedAsPremature();
  clock_.Advance(absl::Hours(24 * 10));
  const Complaint recent_closed = ClosedAsPremature();
  const Complaint open = Submit(ValidDraft());
  clock_.Advance(absl::Hours(24 * 5));

  // Ten days' retention: only the complaint closed fifteen days ago is past it.
  EXPECT_THAT(logic_.EraseExpired(absl::Hours(24 * 10), 100), ::redress::testing::IsOkAndHolds(1));
  EXPECT_TRUE(store_.GetErasureTime(old_closed.id)->has_value());
  EXPECT_FALSE(store_.GetErasureTime(recent_closed.id)->has_value());
  EXPECT_FALSE(store_.GetErasureTime(open.id)->has_value());
  EXPECT_THAT(logic_.EraseExpired(absl::Hours(24 * 10), 100), ::redress::testing::IsOkAndHolds(0));

  clock_.Advance(absl::Hours(24 * 6));
  EXPECT_THAT(logic_.EraseExpired(absl::Hours(24 * 10), 100), ::redress::testing::IsOkAndHolds(1));
  EXPECT_TRUE(store_.GetErasureTime(recent_closed.id)->has_value());
  EXPECT_FALSE(store_.GetErasureTime(open.id)->has_value());
  EXPECT_TRUE(AuditChainSound());
}

}  // namespace
}  // namespace redress::intake
