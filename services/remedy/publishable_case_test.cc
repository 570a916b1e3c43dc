// Which investigations have a summary to publish: decided ones; one withdrawn or discontinued is
// refused with its own reason, before anything else is checked.
#include "services/remedy/publishable_case.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/remedy/remedy_logic_test_support.h"

namespace redress::remedy::testing {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::HasSubstr;

TEST(PublishableCaseTest, ADecidedInvestigationIsPublishable) {
  DecidedCase content;
  content.investigation_id = "inv1";
  absl::StatusOr<DecidedCase> decided =
      PublishableCase({"DECIDED", content}, "investigations/inv1");
  ASSERT_THAT(decided, IsOk());
  EXPECT_EQ(decided->investigation_id, "inv1");
}

TEST(PublishableCaseTest, AnInvestigationThatEndedIsRefusedWithItsOwnReason) {
  for (const char* state : {"WITHDRAWN", "DISCONTINUED"}) {
    SCOPED_TRACE(state);
    const absl::Status refused = PublishableCase({state, {}}, "investigations/inv1").status();
    EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition,
                                  HasSubstr("ended without a decision in force")));
    EXPECT_EQ(ErrorReasonOf(refused), "INVESTIGATION_ENDED");
    const std::vector<PreconditionViolation> violations = PreconditionViolationsOf(refused);
    ASSERT_EQ(violations.size(), 1u);
    EXPECT_EQ(violations[0].type, "STATE");
    EXPECT_EQ(violations[0].subject, "investigations/inv1");
  }
  EXPECT_THAT(PublishableCase({"DISCONTINUED", {}}, "investigations/inv1").status().message(),
              HasSubstr("discontinued"));
}

TEST(PublishableCaseTest, AnInvestigationNotYetDecidedIsAStateError) {
  const absl::Status refused =
      PublishableCase({"UNDER_REVIEW", {}}, "investigations/inv1").status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("UNDER_REVIEW")));
  EXPECT_EQ(ErrorReasonOf(refused), "INVALID_STATE_TRANSITION");
  const std::vector<PreconditionViolation> violations = PreconditionViolationsOf(refused);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].type, "STATE");
  EXPECT_EQ(violations[0].subject, "investigations/inv1");
}

// Through the logic: a withdrawn investigation is refused even when remedy holds a decision of it
// whose recommendations are all closed.
TEST_F(RemedyLogicTest, AWithdrawnInvestigationIsNeitherRenderedNorPublished) {
  DecidedCase decided;
  decided.investigation_id = "inv1";
  decided.complaint = "complaints/c1";
  decided.decision_sequence = 1;
  decided.what_happened = {"HMCTS lost the papers."};
  decided.what_we_found = {"We upheld this complaint."};
  cases_.cases["inv1"] = decided;
  cases_.states["inv1"] = "WITHDRAWN";
  Receive({});
  const absl::Time deadline = clock_.Now() + absl::Seconds(5);
  EXPECT_EQ(ErrorReasonOf(logic_.RenderCaseSummary("investigations/inv1", deadline).status()),
            "INVESTIGATION_ENDED");
  EXPECT_EQ(ErrorReasonOf(logic_.PublishCaseSummary("investigations/inv1", deadline).status()),
            "INVESTIGATION_ENDED");
  EXPECT_EQ(store_.case_summary_count(), 0);
  cases_.states["inv1"] = "DECIDED";
  EXPECT_THAT(logic_.PublishCaseSummary("investigations/inv1", deadline), IsOk());
}

}  // namespace
}  // namespace redress::remedy::testing
