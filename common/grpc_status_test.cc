// ToGrpcStatus and FromGrpcStatus: the google.rpc details that reach a gRPC client, the caps that
// keep them under gRPC's metadata limit, and the round trip back to an absl::Status.
#include "common/grpc_status.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/testing/rpc_details.h"
#include "common/testing/status_matchers.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace redress {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::kErrorInfoUrl;
using ::redress::testing::kPreconditionFailureUrl;
using ::redress::testing::Payload;
using ::redress::testing::StatusIs;
using ::redress::testing::Violation;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

// The google.rpc.Status that a grpc::Status carries in its details trailer.
google::rpc::Status RpcStatusOf(const grpc::Status& status) {
  google::rpc::Status rpc_status;
  EXPECT_TRUE(rpc_status.ParseFromString(status.error_details()));
  return rpc_status;
}

// Unpacks the one detail of type `T` from `rpc_status`; fails the test unless there is exactly one.
template <typename T>
T Detail(const google::rpc::Status& rpc_status) {
  T message;
  int found = 0;
  for (const google::protobuf::Any& any : rpc_status.details()) {
    if (any.Is<T>()) {
      EXPECT_TRUE(any.UnpackTo(&message));
      ++found;
    }
  }
  EXPECT_EQ(found, 1) << "details of type " << T::descriptor()->full_name();
  return message;
}

TEST(ToGrpcStatusTest, OkMapsToOk) {
  grpc::Status status = ToGrpcStatus(absl::OkStatus(), "intake.redress");
  EXPECT_TRUE(status.ok());
  EXPECT_TRUE(status.error_details().empty());
}

TEST(ToGrpcStatusTest, CarriesBadRequestAndFillsDomain) {
  absl::Status status =
      InvalidArgument({{"complaint.summary", "is required"}, {"request_id", "is required"}});
  grpc::Status grpc_status = ToGrpcStatus(status, "intake.redress");
  EXPECT_EQ(grpc_status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(grpc_status.error_message(), std::string(status.message()));
  google::rpc::Status rpc_status = RpcStatusOf(grpc_status);
  EXPECT_EQ(rpc_status.code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(rpc_status.message(), grpc_status.error_message());
  auto bad_request = Detail<google::rpc::BadRequest>(rpc_status);
  ASSERT_EQ(bad_request.field_violations_size(), 2);
  EXPECT_EQ(bad_request.field_violations(1).field(), "request_id");
  auto info = Detail<google::rpc::ErrorInfo>(rpc_status);
  EXPECT_EQ(info.reason(), "INVALID_ARGUMENT");
  EXPECT_EQ(info.domain(), "intake.redress");
}

TEST(ToGrpcStatusTest, CarriesPreconditionFailure) {
  grpc::Status grpc_status =
      ToGrpcStatus(InvalidStateTransition("complaints/abc", "ACCEPTED", "withdraw"), "intake");
  EXPECT_EQ(grpc_status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  google::rpc::Status rpc_status = RpcStatusOf(grpc_status);
  auto failure = Detail<google::rpc::PreconditionFailure>(rpc_status);
  ASSERT_EQ(failure.violations_size(), 1);
  EXPECT_EQ(failure.violations(0).type(), "STATE");
  auto info = Detail<google::rpc::ErrorInfo>(rpc_status);
  EXPECT_EQ(info.reason(), "INVALID_STATE_TRANSITION");
  EXPECT_EQ(info.domain(), "intake");
  EXPECT_THAT(info.metadata(), UnorderedElementsAre(Pair("state", "ACCEPTED")));
}

TEST(ToGrpcStatusTest, AddsErrorInfoNamedAfterCode) {
  grpc::Status grpc_status = ToGrpcStatus(absl::InternalError("disk on fire"), "remedy.redress");
  EXPECT_EQ(grpc_status.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(grpc_status.error_message(), "disk on fire");
  auto info = Detail<google::rpc::ErrorInfo>(RpcStatusOf(grpc_status));
  EXPECT_EQ(info.reason(), "INTERNAL");
  EXPECT_EQ(info.domain(), "remedy.redress");

  grpc::Status unavailable = ToGrpcStatus(absl::UnavailableError("peer down"), "intake");
  EXPECT_EQ(unavailable.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Detail<google::rpc::ErrorInfo>(RpcStatusOf(unavailable)).reason(), "UNAVAILABLE");
}

TEST(ToGrpcStatusTest, KeepsAnExistingDomainAndDropsForeignPayloads) {
  absl::Status status = absl::NotFoundError("gone");
  google::rpc::ErrorInfo info;
  info.set_reason("PEER_NOT_FOUND");
  info.set_domain("investigation.redress");
  status.SetPayload(kErrorInfoUrl, absl::Cord(info.SerializeAsString()));
  status.SetPayload("example.com/private", absl::Cord("secret"));
  google::rpc::Status rpc_status = RpcStatusOf(ToGrpcStatus(status, "intake.redress"));
  ASSERT_EQ(rpc_status.details_size(), 1);
  auto sent = Detail<google::rpc::ErrorInfo>(rpc_status);
  EXPECT_EQ(sent.reason(), "PEER_NOT_FOUND");
  EXPECT_EQ(sent.domain(), "investigation.redress");
}

// Bytes of `message` in the grpc-message header, which percent-encodes all but printable ASCII.
size_t PercentEncodedSize(const std::string& message) {
  size_t size = 0;
  for (char c : message) {
    const unsigned char byte = static_cast<unsigned char>(c);
    size += byte >= 0x20 && byte <= 0x7e && byte != '%' ? 1 : 3;
  }
  return size;
}

// Whether `text` is whole UTF-8 sequences (a cut never splits one).
bool EndsOnACodePoint(const std::string& text) {
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    const size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (i + length > text.size()) return false;
    i += length;
  }
  return true;
}

TEST(ToGrpcStatusTest, CapsTheMessageWithoutSplittingACharacter) {
  grpc::Status ascii = ToGrpcStatus(absl::InternalError(std::string(20000, 'x')), "intake");
  EXPECT_LE(ascii.error_message().size(), 1024u);
  EXPECT_GT(ascii.error_message().size(), 1000u);
  EXPECT_THAT(ascii.error_message(), ::testing::EndsWith("…"));
  EXPECT_EQ(RpcStatusOf(ascii).message(), ascii.error_message());

  std::string accents;
  for (int i = 0; i < 20000; ++i) accents += "é";
  grpc::Status non_ascii = ToGrpcStatus(absl::InternalError(accents), "intake");
  // Percent-encoding triples non-ASCII bytes; the cap is on the encoded size.
  EXPECT_LE(PercentEncodedSize(non_ascii.error_message()), 1024u);
  EXPECT_THAT(non_ascii.error_message(), ::testing::EndsWith("…"));
  EXPECT_TRUE(EndsOnACodePoint(non_ascii.error_message()));

  grpc::Status short_one = ToGrpcStatus(absl::InternalError("disk 100% full"), "intake");
  EXPECT_EQ(short_one.error_message(), "disk 100% full");
}

TEST(ToGrpcStatusTest, DropsViolationsFromTheEndToFitAndCountsThem) {
  std::vector<FieldViolation> many;
  for (int i = 0; i < 2000; ++i) {
    many.push_back({absl::StrCat("update_mask.paths[", i, "]"), std::string(100, 'd')});
  }
  grpc::Status grpc_status = ToGrpcStatus(InvalidArgument(many), "intake.redress");
  EXPECT_EQ(grpc_status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_LE(grpc_status.error_details().size(), 4096u);
  google::rpc::Status rpc_status = RpcStatusOf(grpc_status);
  auto bad_request = Detail<google::rpc::BadRequest>(rpc_status);
  const int kept = bad_request.field_violations_size();
  EXPECT_GT(kept, 10);
  EXPECT_LT(kept, 2000);
  for (int i = 0; i < kept; ++i) {
    EXPECT_EQ(bad_request.field_violations(i).field(), absl::StrCat("update_mask.paths[", i, "]"));
  }
  auto info = Detail<google::rpc::ErrorInfo>(rpc_status);
  EXPECT_EQ(info.reason(), "INVALID_ARGUMENT");
  EXPECT_EQ(info.domain(), "intake.redress");
  EXPECT_THAT(info.metadata(),
              UnorderedElementsAre(Pair("omitted_violations", std::to_string(2000 - kept))));
}

TEST(ToGrpcStatusTest, AddsToTheCountOfViolationsFieldViolationsOmitted) {
  FieldViolations violations;
  for (int i = 0; i < 200; ++i) {
    violations.Add(absl::StrCat("complaint.people[", i, "]"), std::string(300, 'd'));
  }
  google::rpc::Status rpc_status = RpcStatusOf(ToGrpcStatus(violations.ToStatus(), "intake"));
  const int kept = Detail<google::rpc::BadRequest>(rpc_status).field_violations_size();
  EXPECT_LT(kept, 50);
  EXPECT_THAT(Detail<google::rpc::ErrorInfo>(rpc_status).metadata(),
              UnorderedElementsAre(Pair("omitted_violations", std::to_string(200 - kept))));
  EXPECT_THAT(rpc_status.message(), HasSubstr("(and 199 more violations)"));
}

TEST(ToGrpcStatusTest, CutsLongDescriptions) {
  std::string long_description;
  for (int i = 0; i < 5000; ++i) long_description += "é";
  google::rpc::Status rpc_status = RpcStatusOf(
      ToGrpcStatus(InvalidArgument({{"name", long_description}, {"etag", "is stale"}}), "intake"));
  auto bad_request = Detail<google::rpc::BadRequest>(rpc_status);
  ASSERT_EQ(bad_request.field_violations_size(), 2);
  const std::string& cut = bad_request.field_violations(0).description();
  EXPECT_LE(cut.size(), 512u);
  EXPECT_THAT(cut, ::testing::EndsWith("…"));
  EXPECT_TRUE(EndsOnACodePoint(cut));
  EXPECT_EQ(bad_request.field_violations(1).description(), "is stale");
  EXPECT_THAT(Detail<google::rpc::ErrorInfo>(rpc_status).metadata(), IsEmpty());
}

TEST(ToGrpcStatusTest, KeepsTheErrorInfoWhenOtherDetailsCannotFit) {
  absl::Status status = PreconditionFailed("REMIT", std::string(9000, 's'), std::string(9000, 'd'),
                                           "ORGANISATION_OUT_OF_REMIT");
  grpc::Status grpc_status = ToGrpcStatus(status, "intake.redress");
  EXPECT_EQ(grpc_status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_LE(grpc_status.error_details().size(), 4096u);
  google::rpc::Status rpc_status = RpcStatusOf(grpc_status);
  ASSERT_EQ(rpc_status.details_size(), 1);
  auto info = Detail<google::rpc::ErrorInfo>(rpc_status);
  EXPECT_EQ(info.reason(), "ORGANISATION_OUT_OF_REMIT");
  EXPECT_EQ(info.domain(), "intake.redress");
}

TEST(ToGrpcStatusTest, MessageAndDetailsStayUnderTheMetadataLimit) {
  // The worst case: a non-ASCII message and violations with non-ASCII descriptions.
  std::string accents;
  for (int i = 0; i < 2000; ++i) accents += "é";
  std::vector<FieldViolation> many;
  for (int i = 0; i < 500; ++i) many.push_back({absl::StrCat("f", i), accents});
  absl::Status status = InvalidArgument(many);
  grpc::Status grpc_status = ToGrpcStatus(status, "intake.redress");
  const size_t base64_details = (grpc_status.error_details().size() + 2) / 3 * 4;
  EXPECT_LT(PercentEncodedSize(grpc_status.error_message()) + base64_details, 7 * 1024u);
  EXPECT_EQ(Detail<google::rpc::ErrorInfo>(RpcStatusOf(grpc_status)).reason(), "INVALID_ARGUMENT");
}

TEST(FromGrpcStatusTest, RoundTripKeepsDetails) {
  absl::Status original =
      InvalidArgument({{"complaint.people[0].details.email", "is not an email address"}});
  absl::Status back = FromGrpcStatus(ToGrpcStatus(original, "intake.redress"));
  EXPECT_THAT(back, StatusIs(absl::StatusCode::kInvalidArgument, std::string(original.message())));
  EXPECT_THAT(FieldViolationsOf(back), ElementsAre(Violation("complaint.people[0].details.email",
                                                             "is not an email address")));
  EXPECT_EQ(ErrorReasonOf(back), "INVALID_ARGUMENT");
  auto info = Payload<google::rpc::ErrorInfo>(back, kErrorInfoUrl);
  EXPECT_EQ(info.domain(), "intake.redress");
}

TEST(FromGrpcStatusTest, RoundTripOfStateTransition) {
  absl::Status back = FromGrpcStatus(
      ToGrpcStatus(InvalidStateTransition("complaints/x", "CLOSED", "assess"), "intake"));
  EXPECT_THAT(back, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReasonOf(back), "INVALID_STATE_TRANSITION");
  auto failure = Payload<google::rpc::PreconditionFailure>(back, kPreconditionFailureUrl);
  ASSERT_EQ(failure.violations_size(), 1);
  EXPECT_EQ(failure.violations(0).subject(), "complaints/x");
}

TEST(FromGrpcStatusTest, PlainStatusAndOk) {
  EXPECT_THAT(FromGrpcStatus(grpc::Status::OK), IsOk());
  absl::Status plain = FromGrpcStatus(grpc::Status(grpc::StatusCode::UNAVAILABLE, "down"));
  EXPECT_THAT(plain, StatusIs(absl::StatusCode::kUnavailable, "down"));
  EXPECT_EQ(ErrorReasonOf(plain), "");
  absl::Status garbage =
      FromGrpcStatus(grpc::Status(grpc::StatusCode::INTERNAL, "x", "\xff\xff not a proto"));
  EXPECT_THAT(garbage, StatusIs(absl::StatusCode::kInternal, "x"));
}

}  // namespace
}  // namespace redress
