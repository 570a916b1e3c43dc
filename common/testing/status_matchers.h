// GoogleTest matchers for statuses: EXPECT_THAT(s, IsOk()), EXPECT_THAT(s,
// StatusIs(absl::StatusCode::kNotFound)), EXPECT_THAT(s, StatusIs(code, HasSubstr("..."))).
// They accept absl::Status, absl::StatusOr<T> and grpc::Status (grpc codes compared by number).
#pragma once

#include <gmock/gmock.h>
#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace redress::testing {

inline const absl::Status& GetStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& s) {
  return s.status();
}
inline absl::Status GetStatus(const grpc::Status& s) {
  return absl::Status(static_cast<absl::StatusCode>(s.error_code()), s.error_message());
}

MATCHER(IsOk, "is OK") {
  auto status = GetStatus(arg);
  if (!status.ok()) *result_listener << "status is " << status.ToString();
  return status.ok();
}

MATCHER_P(StatusIs, code, "has status code " + ::testing::PrintToString(code)) {
  auto status = GetStatus(arg);
  *result_listener << "status is " << status.ToString();
  return status.code() == static_cast<absl::StatusCode>(code);
}

MATCHER_P2(StatusIs, code, message_matcher,
           "has status code " + ::testing::PrintToString(code) + " and a matching message") {
  auto status = GetStatus(arg);
  *result_listener << "status is " << status.ToString();
  return status.code() == static_cast<absl::StatusCode>(code) &&
         ::testing::Matches(message_matcher)(std::string(status.message()));
}

}  // namespace redress::testing
