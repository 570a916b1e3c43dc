// The complaint-type vocabulary: the published labels of DESIGN §3, read from data.
#include "services/investigation/complaint_types.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace redress::investigation {
namespace {

using ::testing::ElementsAre;

TEST(ComplaintTypesTest, TheSixPublishedLabelsInOrder) {
  EXPECT_THAT(ComplaintTypeLabels(),
              ElementsAre("Came to an unsound decision", "Delayed replying to complaint",
                          "Did not apologise properly or do enough to put things right",
                          "Did not involve complainant adequately in the process",
                          "Did not take sufficient steps to improve service",
                          "Replied with inaccurate or incomplete information"));
}

TEST(ComplaintTypesTest, MembershipIsExact) {
  EXPECT_TRUE(IsComplaintType("Delayed replying to complaint"));
  EXPECT_FALSE(IsComplaintType("delayed replying to complaint"));
  EXPECT_FALSE(IsComplaintType("Delayed replying to complaint "));
  EXPECT_FALSE(IsComplaintType(""));
  EXPECT_FALSE(IsComplaintType("Not applicable"));
}

TEST(ComplaintTypesTest, ParsesOneLabelPerLine) {
  EXPECT_THAT(ParseVocabulary("First label\r\n\n  Second label  \nThird"),
              ElementsAre("First label", "Second label", "Third"));
  EXPECT_THAT(ParseVocabulary(""), ElementsAre());
}

}  // namespace
}  // namespace redress::investigation
