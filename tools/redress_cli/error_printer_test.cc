// Decoding of failed calls: the readable lines and the JSON object for statuses carrying the
// google.rpc details our services send, and for trailers that are absent, unknown or corrupt.
#include "tools/redress_cli/error_printer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "common/errors.h"
#include "common/grpc_status.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace redress::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The parsed JSON, failing the test if it is not JSON.
google::protobuf::Struct ParseJson(const std::string& json) {
  google::protobuf::Struct parsed;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &parsed).ok()) << json;
  return parsed;
}

const google::protobuf::Value& Field(const google::protobuf::Struct& object, const char* name) {
  static const google::protobuf::Value* const kMissing = new google::protobuf::Value();
  auto it = object.fields().find(name);
  EXPECT_NE(it, object.fields().end()) << "no field " << name;
  return it == object.fields().end() ? *kMissing : it->second;
}

grpc::Status WithDetails(grpc::StatusCode code, const std::string& message,
                         const google::rpc::Status& details) {
  return grpc::Status(code, message, details.SerializeAsString());
}

TEST(StatusCodeNameTest, NamesCanonicalCodesAndNumbersOthers) {
  EXPECT_EQ(StatusCodeName(0), "OK");
  EXPECT_EQ(StatusCodeName(3), "INVALID_ARGUMENT");
  EXPECT_EQ(StatusCodeName(9), "FAILED_PRECONDITION");
  EXPECT_EQ(StatusCodeName(42), "CODE_42");
}

TEST(FormatRpcErrorTextTest, PrintsEveryKindOfDetailOnItsOwnLines) {
  google::rpc::Status details;
  google::rpc::BadRequest bad_request;
  auto* first = bad_request.add_field_violations();
  first->set_field("complaint.people[0].details.email");
  first->set_description("is not an email address");
  auto* second = bad_request.add_field_violations();
  second->set_field("request_id");
  second->set_description("is required");
  details.add_details()->PackFrom(bad_request);
  google::rpc::PreconditionFailure failure;
  auto* violation = failure.add_violations();
  violation->set_type("STATE");
  violation->set_subject("complaints/c-1");
  violation->set_description("the complaint is CLOSED");
  details.add_details()->PackFrom(failure);
  google::rpc::ErrorInfo info;
  info.set_reason("INVALID_ARGUMENT");
  info.set_domain("intake.redress");
  (*info.mutable_metadata())["zeta"] = "last";
  (*info.mutable_metadata())["alpha"] = "first";
  details.add_details()->PackFrom(info);
  google::rpc::RetryInfo retry;
  retry.mutable_retry_delay()->set_seconds(5);
  details.add_details()->PackFrom(retry);

  EXPECT_EQ(FormatRpcErrorText(
                WithDetails(grpc::StatusCode::INVALID_ARGUMENT, "request_id is required", details)),
            "error: INVALID_ARGUMENT (3): request_id is required\n"
            "  field violations:\n"
            "    complaint.people[0].details.email: is not an email address\n"
            "    request_id: is required\n"
            "  precondition failures:\n"
            "    STATE complaints/c-1: the complaint is CLOSED\n"
            "  error info: reason INVALID_ARGUMENT, domain intake.redress\n"
            "    alpha: first\n"
            "    zeta: last\n"
            "  google.rpc.RetryInfo: retry_delay { seconds: 5 }\n");
}

TEST(FormatRpcErrorTextTest, DecodesWhatOurServicesSend) {
  const grpc::Status status =
      ToGrpcStatus(InvalidArgument({{"name", "must be complaints/{complaint}"}}), "intake.redress");
  const std::string text = FormatRpcErrorText(status);
  EXPECT_THAT(text, HasSubstr("error: INVALID_ARGUMENT (3): "));
  EXPECT_THAT(text, HasSubstr("  field violations:\n    name: must be complaints/{complaint}\n"));
  EXPECT_THAT(text, HasSubstr("  error info: reason INVALID_ARGUMENT, domain intake.redress\n"));
}

TEST(FormatRpcErrorTextTest, AnErrorWithoutDetailsIsOneLine) {
  EXPECT_EQ(FormatRpcErrorText(grpc::Status(grpc::StatusCode::UNAVAILABLE, "connection refused")),
            "error: UNAVAILABLE (14): connection refused\n");
}

TEST(FormatRpcErrorTextTest, SaysWhenDetailsCannotBeDecoded) {
  google::rpc::Status details;
  auto* unknown = details.add_details();
  unknown->set_type_url("type.googleapis.com/acme.Unheard");
  unknown->set_value("\x01\x02\x03");
  EXPECT_THAT(FormatRpcErrorText(WithDetails(grpc::StatusCode::INTERNAL, "boom", details)),
              HasSubstr("  detail of unknown type type.googleapis.com/acme.Unheard (3 bytes)\n"));
  EXPECT_THAT(FormatRpcErrorText(grpc::Status(grpc::StatusCode::INTERNAL, "boom", "\xff\xff\xff")),
              HasSubstr("(error details present but undecodable: 3 bytes)"));
}

TEST(FormatRpcErrorJsonTest, IsAGoogleStyleErrorObjectWithEveryDetail) {
  const grpc::Status status = ToGrpcStatus(
      InvalidStateTransition("complaints/c-1", "CLOSED", "withdraw"), "intake.redress");
  const std::string json = FormatRpcErrorJson(status);
  const google::protobuf::Struct parsed = ParseJson(json);
  const google::protobuf::Struct& error = Field(parsed, "error").struct_value();
  EXPECT_EQ(Field(error, "code").number_value(), 9);
  EXPECT_EQ(Field(error, "status").string_value(), "FAILED_PRECONDITION");
  EXPECT_EQ(Field(error, "message").string_value(), status.error_message());
  const auto& details = Field(error, "details").list_value().values();
  ASSERT_EQ(details.size(), 2);
  // ToGrpcStatus sorts details by type URL: ErrorInfo before PreconditionFailure.
  const google::protobuf::Struct& info = details[0].struct_value();
  EXPECT_EQ(Field(info, "@type").string_value(), "type.googleapis.com/google.rpc.ErrorInfo");
  EXPECT_EQ(Field(info, "reason").string_value(), "INVALID_STATE_TRANSITION");
  EXPECT_EQ(Field(info, "domain").string_value(), "intake.redress");
  EXPECT_EQ(Field(Field(info, "metadata").struct_value(), "state").string_value(), "CLOSED");
  const google::protobuf::Struct& failure = details[1].struct_value();
  const auto& violation = Field(failure, "violations").list_value().values(0).struct_value();
  EXPECT_EQ(Field(violation, "type").string_value(), "STATE");
  EXPECT_EQ(Field(violation, "subject").string_value(), "complaints/c-1");
}

TEST(FormatRpcErrorJsonTest, UsesTheProtoFieldNamesOfDetails) {
  const std::string json = FormatRpcErrorJson(
      ToGrpcStatus(InvalidArgument({{"request_id", "is required"}}), "intake.redress"));
  EXPECT_THAT(json, HasSubstr("\"field_violations\""));
  EXPECT_THAT(json, Not(HasSubstr("fieldViolations")));
}

TEST(FormatRpcErrorJsonTest, EscapesTheMessageAndKeepsUnknownDetailsAsBase64) {
  google::rpc::Status details;
  auto* unknown = details.add_details();
  unknown->set_type_url("type.googleapis.com/acme.Unheard");
  unknown->set_value("abc");
  const std::string json = FormatRpcErrorJson(
      WithDetails(grpc::StatusCode::INTERNAL, "say \"hi\"\\\n\x01 café", details));
  const google::protobuf::Struct parsed = ParseJson(json);
  const google::protobuf::Struct& error = Field(parsed, "error").struct_value();
  EXPECT_EQ(Field(error, "message").string_value(), "say \"hi\"\\\n\x01 café");
  const google::protobuf::Struct& detail =
      Field(error, "details").list_value().values(0).struct_value();
  EXPECT_EQ(Field(detail, "@type").string_value(), "type.googleapis.com/acme.Unheard");
  EXPECT_EQ(Field(detail, "value").string_value(), "YWJj");
}

TEST(FormatRpcErrorJsonTest, AnErrorWithoutDetailsHasNoDetailsField) {
  const google::protobuf::Struct parsed = ParseJson(
      FormatRpcErrorJson(grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, "Deadline Exceeded")));
  const google::protobuf::Struct& error = Field(parsed, "error").struct_value();
  EXPECT_EQ(Field(error, "status").string_value(), "DEADLINE_EXCEEDED");
  EXPECT_EQ(error.fields().count("details"), 0u);
}

}  // namespace
}  // namespace redress::cli
