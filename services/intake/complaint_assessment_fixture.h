// The fixture of the IntakeLogic::AssessComplaint tests: submitting and assessing in one step, and
// expecting an acceptance or a closure. Its tests are in complaint_assessment_test.cc (the
// outcomes) and complaint_assessment_request_test.cc (the handling of the request).
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "absl/status/statusor.h"
#include "services/intake/intake_logic.h"
#include "services/intake/intake_logic_test_support.h"

namespace redress::intake::testing {

class AssessTest : public IntakeLogicTest {
 protected:
  // Submits `draft` and assesses it with `command` (its name filled in).
  absl::StatusOr<Complaint> SubmitAndAssess(const Complaint& draft, AssessCommand command = {}) {
    Complaint c = Submit(draft);
    AssessCommand defaults = AssessCommandFor(c);
    command.name = c.name();
    if (command.request_id.empty()) command.request_id = defaults.request_id;
    if (command.assessor.empty()) command.assessor = defaults.assessor;
    return logic_.AssessComplaint(command);
  }

  // Expects a complaint closed at assessment for `reason`, with no hand-off written.
  void ExpectClosed(const absl::StatusOr<Complaint>& c, ClosureReason reason,
                    const std::string& note_part) {
    ASSERT_THAT(c, redress::testing::IsOk());
    EXPECT_EQ(c->state, ComplaintState::kClosed);
    EXPECT_EQ(c->closure_reason, reason);
    ASSERT_TRUE(c->assessment.has_value());
    EXPECT_FALSE(c->assessment->accepted);
    EXPECT_EQ(c->assessment->closure_reason, reason);
    EXPECT_THAT(c->closure_note, ::testing::HasSubstr(note_part));
    EXPECT_THAT(store_.outbox(), ::testing::IsEmpty());
    absl::StatusOr<Complaint> stored = logic_.GetComplaint(c->name());
    ASSERT_THAT(stored, redress::testing::IsOk());
    EXPECT_EQ(*stored, *c);
  }

  void ExpectAccepted(const absl::StatusOr<Complaint>& c) {
    ASSERT_THAT(c, redress::testing::IsOk());
    EXPECT_EQ(c->state, ComplaintState::kAccepted) << c->closure_note;
    EXPECT_EQ(c->closure_reason, ClosureReason::kNone);
    ASSERT_TRUE(c->assessment.has_value());
    EXPECT_TRUE(c->assessment->accepted);
  }
};

}  // namespace redress::intake::testing
