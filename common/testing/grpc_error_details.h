// Test helpers for the google.rpc details every error of a Redress service carries, as a client
// sees them: ErrorDetails decoded from grpc::Status::error_details(), and ExpectErrorIn to check a
// status's code, ErrorInfo reason and domain at once. (rpc_details.h reads the same details from
// an absl::Status, before the gRPC layer.) Link google_rpc_proto.
#pragma once

#include <gmock/gmock.h>
#include <grpcpp/support/status.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace redress::testing {

// The google.rpc details of an error; a message is left empty when the error has no such detail.
struct ErrorDetails {
  int code = -1;  // google.rpc.Status.code
  google::rpc::BadRequest bad_request;
  google::rpc::PreconditionFailure precondition_failure;
  google::rpc::ErrorInfo error_info;

  // The field of every BadRequest violation, in order.
  std::vector<std::string> fields() const {
    std::vector<std::string> out;
    for (const auto& violation : bad_request.field_violations()) out.push_back(violation.field());
    return out;
  }

  // The description of the BadRequest violation on `field`; fails the test when there is none.
  std::string DescriptionOf(const std::string& field) const {
    for (const auto& violation : bad_request.field_violations()) {
      if (violation.field() == field) return violation.description();
    }
    ADD_FAILURE() << "no violation on " << field;
    return "";
  }

  // The type of every PreconditionFailure violation, in order.
  std::vector<std::string> precondition_types() const {
    std::vector<std::string> out;
    for (const auto& violation : precondition_failure.violations()) {
      out.push_back(violation.type());
    }
    return out;
  }
};

// The details of `status`; fails the test when its error_details is not a google.rpc.Status.
inline ErrorDetails DetailsOf(const grpc::Status& status) {
  ErrorDetails details;
  google::rpc::Status rpc;
  if (!rpc.ParseFromString(status.error_details())) {
    ADD_FAILURE() << "error_details is not a google.rpc.Status";
    return details;
  }
  details.code = rpc.code();
  for (const google::protobuf::Any& any : rpc.details()) {
    if (any.Is<google::rpc::BadRequest>()) any.UnpackTo(&details.bad_request);
    if (any.Is<google::rpc::PreconditionFailure>()) any.UnpackTo(&details.precondition_failure);
    if (any.Is<google::rpc::ErrorInfo>()) any.UnpackTo(&details.error_info);
  }
  return details;
}

// Expects `status` to be `code`, with the same code in its details and an ErrorInfo of `reason`
// in `domain` ("remedy.redress"); returns the details.
inline ErrorDetails ExpectErrorIn(const std::string& domain, const grpc::Status& status,
                                  grpc::StatusCode code, const std::string& reason) {
  EXPECT_EQ(status.error_code(), code) << status.error_message();
  ErrorDetails details = DetailsOf(status);
  EXPECT_EQ(details.code, code);
  EXPECT_EQ(details.error_info.reason(), reason);
  EXPECT_EQ(details.error_info.domain(), domain);
  return details;
}

}  // namespace redress::testing
