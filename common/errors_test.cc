// The domain error helpers of common/errors.h: FieldViolations and its rules, the status
// builders with their google.rpc payloads, and Quoted for echoing client values.
#include "common/errors.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "common/testing/rpc_details.h"
#include "common/testing/status_matchers.h"
#include "google/rpc/error_details.pb.h"

namespace redress {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::kBadRequestUrl;
using ::redress::testing::kErrorInfoUrl;
using ::redress::testing::kPreconditionFailureUrl;
using ::redress::testing::Payload;
using ::redress::testing::StatusIs;
using ::redress::testing::Violation;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

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

TEST(PreconditionsFailedTest, CarriesEveryViolationAndCountsThem) {
  absl::Status status =
      PreconditionsFailed("the summary names a person",
                          {{"PERSONAL_DATA", "narrative.introduction[0]", "offset 3: family_name"},
                           {"PERSONAL_DATA", "narrative.what_happened[1]", "offset 0: email"}},
                          "PERSONAL_DATA_IN_SUMMARY");
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kFailedPrecondition,
                               "the summary names a person (2 violations)"));
  std::vector<PreconditionViolation> read = PreconditionViolationsOf(status);
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[1].subject, "narrative.what_happened[1]");
  EXPECT_EQ(read[1].description, "offset 0: email");
  EXPECT_EQ(ErrorReasonOf(status), "PERSONAL_DATA_IN_SUMMARY");
}

TEST(PreconditionsFailedTest, ListsAtMostTheCap) {
  std::vector<PreconditionViolation> many(FieldViolations::kMaxListed + 7,
                                          {"PERSONAL_DATA", "narrative.introduction[0]", "x"});
  absl::Status status = PreconditionsFailed("too many", many, "R");
  EXPECT_EQ(PreconditionViolationsOf(status).size(), FieldViolations::kMaxListed);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kFailedPrecondition, "too many (57 violations)"));
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

TEST(StoreCannotWriteTest, IsUnavailableWithItsReasonCauseAndRetryDelayAndAGenericClientMessage) {
  const absl::Status status = WithInternalDetail(
      StoreCannotWrite("COMMIT: /data/intake.db: disk full", kStoreFaultDiskFull));
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_TRUE(IsStoreCannotWrite(status));
  EXPECT_EQ(ErrorReasonOf(status), reason::kStoreUnavailable);
  EXPECT_EQ(RetryDelayOf(status), kStoreFaultRetryDelay);
  const absl::Status client = WithoutInternalDetail(status);
  EXPECT_EQ(client.message(),
            "the database cannot write for now; retry after the RetryInfo's delay");
  EXPECT_TRUE(IsStoreCannotWrite(client));
  EXPECT_EQ(RetryDelayOf(client), kStoreFaultRetryDelay);
  EXPECT_FALSE(IsStoreCannotWrite(absl::UnavailableError("database is locked")));
  EXPECT_FALSE(IsStoreCannotWrite(absl::OkStatus()));
}

}  // namespace
}  // namespace redress
