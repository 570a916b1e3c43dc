#include "common/errors.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "common/grpc_status.h"
#include "common/testing/status_matchers.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace redress {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

constexpr char kBadRequestUrl[] = "type.googleapis.com/google.rpc.BadRequest";
constexpr char kPreconditionFailureUrl[] = "type.googleapis.com/google.rpc.PreconditionFailure";
constexpr char kErrorInfoUrl[] = "type.googleapis.com/google.rpc.ErrorInfo";

::testing::Matcher<FieldViolation> Violation(const std::string& field,
                                             const std::string& description) {
  return AllOf(Field(&FieldViolation::field, field),
               Field(&FieldViolation::description, description));
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

TEST(FieldViolationsTest, EmptyIsOk) {
  FieldViolations violations;
  EXPECT_TRUE(violations.empty());
  EXPECT_THAT(violations.ToStatus(), IsOk());
}

TEST(FieldViolationsTest, ReportsEveryViolation) {
  FieldViolations violations;
  violations.Add("complaint.people[0].details.email", "is not an email address");
  violations.Add("complaint.summary", "is required");
  violations.Add("request_id", "is required");
  absl::Status status = violations.ToStatus();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               "invalid complaint.people[0].details.email: is not an email "
                               "address (and 2 more violations)"));
  EXPECT_THAT(FieldViolationsOf(status),
              ElementsAre(Violation("complaint.people[0].details.email", "is not an email address"),
                          Violation("complaint.summary", "is required"),
                          Violation("request_id", "is required")));
  EXPECT_EQ(ErrorReasonOf(status), "INVALID_ARGUMENT");
}

TEST(FieldViolationsTest, AFieldReportsItsFirstProblemOnly) {
  FieldViolations violations;
  violations.Add("complaint.aware_date", "is not a valid date");
  violations.Add("complaint.aware_date", "is required");
  EXPECT_THAT(FieldViolationsOf(violations.ToStatus()),
              ElementsAre(Violation("complaint.aware_date", "is not a valid date")));
}

TEST(FieldViolationsTest, AParentIsNotReportedAfterOneOfItsParts) {
  FieldViolations violations;
  violations.Add("complaint.people[0].role", "is not a known value");
  violations.Add("complaint.people", "needs at least one complainant");
  violations.Add("complaint.people[0]", "is incomplete");
  // A sibling or a field that merely shares a prefix is still reported.
  violations.Add("complaint.people_count", "is not a field");
  violations.Add("complaint.people[1].role", "is required");
  EXPECT_TRUE(violations.Has("complaint"));
  EXPECT_FALSE(violations.Has("complaint.peop"));
  EXPECT_THAT(FieldViolationsOf(violations.ToStatus()),
              ElementsAre(Violation("complaint.people[0].role", "is not a known value"),
                          Violation("complaint.people_count", "is not a field"),
                          Violation("complaint.people[1].role", "is required")));
}

TEST(FieldViolationsTest, AppendKeepsTheRule) {
  FieldViolations decoding;
  decoding.Add("complaint.aware_date", "is not a valid date");
  FieldViolations violations;
  violations.Add("request_id", "is required");
  violations.Append(decoding);
  violations.Add("complaint.aware_date", "is required");
  EXPECT_THAT(FieldViolationsOf(violations.ToStatus()),
              ElementsAre(Violation("request_id", "is required"),
                          Violation("complaint.aware_date", "is not a valid date")));
}

TEST(FieldViolationsTest, ListsAtMostFiftyAndCountsTheRest) {
  FieldViolations violations;
  for (int i = 0; i < 20000; ++i) violations.Add(absl::StrCat("items[", i, "]"), "is required");
  EXPECT_EQ(violations.violations().size(), FieldViolations::kMaxListed);
  EXPECT_EQ(violations.omitted(), 20000u - FieldViolations::kMaxListed);
  EXPECT_TRUE(violations.Has("items[49]"));
  EXPECT_TRUE(violations.Has("items"));
  EXPECT_FALSE(violations.Has("items[50]"));  // counted, not listed

  absl::Status status = violations.ToStatus();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               "invalid items[0]: is required (and 19999 more violations)"));
  EXPECT_EQ(FieldViolationsOf(status).size(), FieldViolations::kMaxListed);
  auto info = Payload<google::rpc::ErrorInfo>(status, kErrorInfoUrl);
  EXPECT_EQ(info.reason(), "INVALID_ARGUMENT");
  EXPECT_THAT(info.metadata(), UnorderedElementsAre(Pair("omitted_violations", "19950")));
}

TEST(FieldViolationsTest, AppendCountsTheOmittedOnes) {
  FieldViolations decoding;
  for (int i = 0; i < 60; ++i) decoding.Add(absl::StrCat("items[", i, "]"), "is required");
  FieldViolations violations;
  violations.Add("request_id", "is required");
  violations.Append(decoding);
  EXPECT_EQ(violations.violations().size(), FieldViolations::kMaxListed);
  EXPECT_EQ(violations.violations().back().field, "items[48]");
  EXPECT_EQ(violations.omitted(), 11u);  // items[49] and the 10 decoding could not list
  EXPECT_THAT(violations.ToStatus(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("(and 60 more violations)")));
}

TEST(FieldViolationsTest, NoOmittedCountWhenEveryViolationIsListed) {
  FieldViolations violations;
  violations.Add("request_id", "is required");
  auto info = Payload<google::rpc::ErrorInfo>(violations.ToStatus(), kErrorInfoUrl);
  EXPECT_THAT(info.metadata(), IsEmpty());
}

TEST(FieldViolationsTest, CustomReason) {
  FieldViolations violations;
  violations.Add("request_id", "was used for a different request");
  absl::Status status = violations.ToStatus(reason::kRequestIdReused);
  EXPECT_EQ(ErrorReasonOf(status), "REQUEST_ID_REUSED");
}

TEST(InvalidArgumentTest, OneViolationHasNoCount) {
  absl::Status status = InvalidArgument({{"page_size", "must not be negative"}});
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               "invalid page_size: must not be negative"));
  auto bad_request = Payload<google::rpc::BadRequest>(status, kBadRequestUrl);
  ASSERT_EQ(bad_request.field_violations_size(), 1);
  EXPECT_EQ(bad_request.field_violations(0).field(), "page_size");
  EXPECT_EQ(bad_request.field_violations(0).description(), "must not be negative");
}

TEST(InvalidArgumentTest, TwoViolationsUseSingular) {
  absl::Status status = InvalidArgument({{"a", "is required"}, {"b", "is required"}});
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               "invalid a: is required (and 1 more violation)"));
}

TEST(QuotedTest, QuotesAndEscapes) {
  EXPECT_EQ(Quoted("organisations/hmrc"), "\"organisations/hmrc\"");
  EXPECT_EQ(Quoted(""), "\"\"");
  EXPECT_EQ(Quoted("say \"hi\"\\\n\t\r\x01\x7f"), R"("say \"hi\"\\\n\t\r\x01\x7f")");
  EXPECT_EQ(Quoted("£5 – ok"), "\"£5 – ok\"");
}

TEST(QuotedTest, CutsAfter64CodePointsNeverInsideOne) {
  EXPECT_EQ(Quoted(std::string(64, 'x')), "\"" + std::string(64, 'x') + "\"");
  EXPECT_EQ(Quoted(std::string(20000, 'x')), "\"" + std::string(64, 'x') + "…\"");
  std::string pounds, first_64;
  for (int i = 0; i < 10000; ++i) pounds += "£";  // two bytes each
  for (int i = 0; i < 64; ++i) first_64 += "£";
  EXPECT_EQ(Quoted(pounds), "\"" + first_64 + "…\"");
  EXPECT_EQ(Quoted(std::string_view(pounds).substr(0, 128)), "\"" + first_64 + "\"");
}

TEST(InvalidStateTransitionTest, CarriesPreconditionFailureAndState) {
  absl::Status status = InvalidStateTransition("complaints/abc", "WITHDRAWN", "assess");
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kFailedPrecondition,
                               AllOf(HasSubstr("complaints/abc"), HasSubstr("assess"),
                                     HasSubstr("WITHDRAWN"))));
  auto failure = Payload<google::rpc::PreconditionFailure>(status, kPreconditionFailureUrl);
  ASSERT_EQ(failure.violations_size(), 1);
  EXPECT_EQ(failure.violations(0).type(), "STATE");
  EXPECT_EQ(failure.violations(0).subject(), "complaints/abc");
  EXPECT_THAT(failure.violations(0).description(),
              AllOf(HasSubstr("assess"), HasSubstr("WITHDRAWN")));
  auto info = Payload<google::rpc::ErrorInfo>(status, kErrorInfoUrl);
  EXPECT_EQ(info.reason(), "INVALID_STATE_TRANSITION");
  EXPECT_THAT(info.metadata(), UnorderedElementsAre(Pair("state", "WITHDRAWN")));
  EXPECT_THAT(FieldViolationsOf(status), IsEmpty());
}

TEST(InvalidStateTransitionTest, CustomReason) {
  absl::Status status =
      InvalidStateTransition("complaints/abc", "CLOSED", "withdraw", "COMPLAINT_CLOSED");
  EXPECT_EQ(ErrorReasonOf(status), "COMPLAINT_CLOSED");
}

TEST(PreconditionFailedTest, CarriesOneViolation) {
  absl::Status status = PreconditionFailed("REMIT", "organisations/hmcts", "is not in remit",
                                           "ORGANISATION_OUT_OF_REMIT");
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kFailedPrecondition,
                               "organisations/hmcts: is not in remit"));
  auto failure = Payload<google::rpc::PreconditionFailure>(status, kPreconditionFailureUrl);
  ASSERT_EQ(failure.violations_size(), 1);
  EXPECT_EQ(failure.violations(0).type(), "REMIT");
  EXPECT_EQ(failure.violations(0).subject(), "organisations/hmcts");
  EXPECT_EQ(failure.violations(0).description(), "is not in remit");
  EXPECT_EQ(ErrorReasonOf(status), "ORGANISATION_OUT_OF_REMIT");
}

TEST(ResourceErrorsTest, CodesReasonsAndResource) {
  struct Case {
    absl::Status status;
    absl::StatusCode code;
    std::string reason;
  };
  const Case cases[] = {
      {NotFound("complaints/abc"), absl::StatusCode::kNotFound, "NOT_FOUND"},
      {AlreadyExists("complaints/abc"), absl::StatusCode::kAlreadyExists, "ALREADY_EXISTS"},
      {EtagMismatch("complaints/abc"), absl::StatusCode::kAborted, "ETAG_MISMATCH"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(c.status, StatusIs(c.code, HasSubstr("complaints/abc")));
    auto info = Payload<google::rpc::ErrorInfo>(c.status, kErrorInfoUrl);
    EXPECT_EQ(info.reason(), c.reason);
    EXPECT_TRUE(info.domain().empty());
    EXPECT_THAT(info.metadata(), UnorderedElementsAre(Pair("resource", "complaints/abc")));
  }
}

TEST(WithErrorInfoTest, ReplacesReasonAndMetadata) {
  absl::Status status =
      WithErrorInfo(NotFound("complaints/abc"), "COMPLAINT_NOT_FOUND", {{"complaint", "abc"}});
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kNotFound));
  auto info = Payload<google::rpc::ErrorInfo>(status, kErrorInfoUrl);
  EXPECT_EQ(info.reason(), "COMPLAINT_NOT_FOUND");
  EXPECT_THAT(info.metadata(), UnorderedElementsAre(Pair("complaint", "abc")));
}

TEST(WithErrorInfoTest, LeavesOkAlone) {
  EXPECT_THAT(WithErrorInfo(absl::OkStatus(), "X"), IsOk());
  EXPECT_EQ(ErrorReasonOf(absl::OkStatus()), "");
  EXPECT_EQ(ErrorReasonOf(absl::InternalError("boom")), "");
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
