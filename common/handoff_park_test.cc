// The park rule (handoff_park.h): which refusals park at once, which failures never park, and the
// attempt limit.
#include "common/handoff_park.h"

#include <gtest/gtest.h>

namespace redress {
namespace {

using C = absl::StatusCode;

TEST(HandoffParkTest, OnlyRefusalsNoRetryCanChangeArePermanent) {
  for (C code : {C::kInvalidArgument, C::kFailedPrecondition, C::kNotFound, C::kOutOfRange}) {
    EXPECT_TRUE(IsPermanentRefusal(code)) << absl::StatusCodeToString(code);
  }
  for (C code : {C::kOk, C::kAlreadyExists, C::kUnavailable, C::kDeadlineExceeded, C::kCancelled,
                 C::kResourceExhausted, C::kAborted, C::kPermissionDenied, C::kUnauthenticated,
                 C::kUnimplemented, C::kInternal, C::kUnknown, C::kDataLoss}) {
    EXPECT_FALSE(IsPermanentRefusal(code)) << absl::StatusCodeToString(code);
  }
}

TEST(HandoffParkTest, DelaysAreTheReceiverNotTakingTheHandoffUp) {
  for (C code :
       {C::kUnavailable, C::kDeadlineExceeded, C::kCancelled, C::kResourceExhausted, C::kAborted}) {
    EXPECT_TRUE(IsDelay(code)) << absl::StatusCodeToString(code);
  }
  for (C code : {C::kInvalidArgument, C::kPermissionDenied, C::kUnauthenticated, C::kInternal,
                 C::kUnimplemented}) {
    EXPECT_FALSE(IsDelay(code)) << absl::StatusCodeToString(code);
  }
}

TEST(HandoffParkTest, APermanentRefusalParksAtTheFirstAttempt) {
  EXPECT_EQ(ParkAfterFailure(absl::InvalidArgumentError("fingerprint"), 1, 50),
            ParkReason::kRefused);
  EXPECT_EQ(ParkAfterFailure(absl::FailedPreconditionError("no decision"), 1, 0),
            ParkReason::kRefused);
}

TEST(HandoffParkTest, OtherAnsweredFailuresParkAtTheLimit) {
  EXPECT_EQ(ParkAfterFailure(absl::PermissionDeniedError("x"), 2, 3), std::nullopt);
  EXPECT_EQ(ParkAfterFailure(absl::PermissionDeniedError("x"), 3, 3),
            ParkReason::kAttemptsExhausted);
  EXPECT_EQ(ParkAfterFailure(absl::InternalError("x"), 4, 3), ParkReason::kAttemptsExhausted);
  EXPECT_EQ(ParkAfterFailure(absl::InternalError("x"), 1'000'000, 0), std::nullopt);  // no limit
}

TEST(HandoffParkTest, ADelayNeverParks) {
  EXPECT_EQ(ParkAfterFailure(absl::UnavailableError("down"), 1'000'000, 3), std::nullopt);
  EXPECT_EQ(ParkAfterFailure(absl::DeadlineExceededError("slow"), 1'000'000, 3), std::nullopt);
}

TEST(HandoffParkTest, ReasonsHaveStableNames) {
  for (ParkReason reason :
       {ParkReason::kRefused, ParkReason::kUndecodable, ParkReason::kAttemptsExhausted}) {
    EXPECT_EQ(ParkReasonNamed(ParkReasonName(reason)), reason);
  }
  EXPECT_EQ(ParkReasonName(ParkReason::kRefused), "REFUSED");
  EXPECT_EQ(ParkReasonName(ParkReason::kUnspecified), "");
  EXPECT_EQ(ParkReasonNamed("SOMETHING_ELSE"), ParkReason::kUnspecified);
}

}  // namespace
}  // namespace redress
