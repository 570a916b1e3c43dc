// Test helpers for the google.rpc details an absl::Status carries as payloads: their type URLs,
// a matcher for one FieldViolation, and Payload<T> to read a detail back out of a status.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/types/optional.h"
#include "common/errors.h"

namespace redress::testing {

inline constexpr char kBadRequestUrl[] = "type.googleapis.com/google.rpc.BadRequest";
inline constexpr char kPreconditionFailureUrl[] =
    "type.googleapis.com/google.rpc.PreconditionFailure";
inline constexpr char kErrorInfoUrl[] = "type.googleapis.com/google.rpc.ErrorInfo";

inline ::testing::Matcher<FieldViolation> Violation(const std::string& field,
                                                    const std::string& description) {
  return ::testing::AllOf(::testing::Field(&FieldViolation::field, field),
                          ::testing::Field(&FieldViolation::description, description));
}

// Parses the payload of `url` in `status` as `T`; fails the test when it is missing.
template <typename T>
T Payload(const absl::Status& status, const char* url) {
  T message;
  absl::optional<absl::Cord> payload = status.GetPayload(url);
  EXPECT_TRUE(payload.has_value()) << "no payload " << url << " in " << status;
  if (payload.has_value()) {
    EXPECT_TRUE(message.ParseFromString(std::string(*payload)));
  }
  return message;
}

}  // namespace redress::testing
