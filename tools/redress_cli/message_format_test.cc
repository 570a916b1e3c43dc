// Request JSON parsing and response printing: proto3 JSON in either naming, enums by name,
// RFC 3339 times, the parser's message on bad input; text format with readable times and UTF-8;
// JSON with .proto field names.
#include "tools/redress_cli/message_format.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/testing/status_matchers.h"
#include "redress/intake/v1/intake.pb.h"

namespace redress::cli {
namespace {

using ::redress::intake::v1::Complaint;
using ::redress::intake::v1::ListComplaintsRequest;
using ::redress::intake::v1::SubmitComplaintRequest;
using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(ParseRequestJsonTest, AcceptsProtoAndCamelCaseNamesEnumsByNameAndRfc3339Times) {
  SubmitComplaintRequest request;
  ASSERT_THAT(ParseRequestJson(R"({
      "request_id": "r-1",
      "complaint": {
        "whatWentWrong": "late report",
        "channel": "SUBMISSION_CHANNEL_EMAIL",
        "receive_date": {"year": 2026, "month": 1, "day": 31},
        "createTime": "2026-01-31T09:00:00Z"
      }})",
                               request),
              IsOk());
  EXPECT_EQ(request.request_id(), "r-1");
  EXPECT_EQ(request.complaint().what_went_wrong(), "late report");
  EXPECT_EQ(request.complaint().channel(), intake::v1::SUBMISSION_CHANNEL_EMAIL);
  EXPECT_EQ(request.complaint().receive_date().day(), 31);
  EXPECT_EQ(request.complaint().create_time().seconds(), 1769850000);
}

TEST(ParseRequestJsonTest, FieldMasksTakeProtoOrCamelCasePaths) {
  // `redress describe` shows masks as "display_name,in_remit"; both spellings must work.
  intake::v1::UpdateOrganisationRequest request;
  ASSERT_THAT(ParseRequestJson(R"({"update_mask": "display_name,in_remit"})", request), IsOk());
  EXPECT_THAT(request.update_mask().paths(), ElementsAre("display_name", "in_remit"));
  ASSERT_THAT(ParseRequestJson(R"({"updateMask": "displayName,inRemit"})", request), IsOk());
  EXPECT_THAT(request.update_mask().paths(), ElementsAre("display_name", "in_remit"));
}

TEST(ParseRequestJsonTest, BlankInputIsTheEmptyMessage) {
  ListComplaintsRequest request;
  request.set_page_size(7);
  ASSERT_THAT(ParseRequestJson(" \n", request), IsOk());
  EXPECT_EQ(request.page_size(), 0);
}

TEST(ParseRequestJsonTest, RejectsUnknownFieldsBadEnumsAndBadSyntaxWithTheParsersMessage) {
  ListComplaintsRequest request;
  EXPECT_THAT(
      ParseRequestJson(R"({"pageSise": 5})", request),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("redress.intake.v1.ListComplaintsRequest"), HasSubstr("pageSise"))));
  SubmitComplaintRequest submit;
  EXPECT_THAT(ParseRequestJson(R"({"complaint": {"channel": "PIGEON"}})", submit),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("PIGEON")));
  EXPECT_THAT(ParseRequestJson(R"({"filter": )", request),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not valid JSON")));
  EXPECT_THAT(ParseRequestJson("[1, 2]", request), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseRequestJson(R"({"page_size": "many"})", request),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

Complaint SampleComplaint() {
  Complaint complaint;
  complaint.set_name("complaints/c-1");
  complaint.set_state(intake::v1::COMPLAINT_STATE_ACCEPTED);
  complaint.set_what_went_wrong("Le café — late");
  complaint.mutable_create_time()->set_seconds(1769850000);
  return complaint;
}

TEST(FormatTextTest, PrintsUtf8AsIsAndTimestampsWithTheirReadableForm) {
  EXPECT_EQ(FormatText(SampleComplaint()),
            "name: \"complaints/c-1\"\n"
            "state: COMPLAINT_STATE_ACCEPTED\n"
            "what_went_wrong: \"Le café — late\"\n"
            "create_time {\n"
            "  seconds: 1769850000  # 2026-01-31T09:00:00Z\n"
            "}\n");
}

TEST(FormatTextTest, PutsTheReadableTimeOnTheFirstLineOfATimestamp) {
  Complaint complaint;
  complaint.mutable_update_time()->set_seconds(1769850000);
  complaint.mutable_update_time()->set_nanos(500000000);
  complaint.mutable_create_time();  // the epoch: no fields, only the comment
  EXPECT_EQ(FormatText(complaint),
            "create_time {\n"
            "  # 1970-01-01T00:00:00Z\n"
            "}\n"
            "update_time {\n"
            "  seconds: 1769850000  # 2026-01-31T09:00:00.500Z\n"
            "  nanos: 500000000\n"
            "}\n");
}

TEST(FormatTextTest, AnEmptyMessageIsNothing) { EXPECT_EQ(FormatText(Complaint()), ""); }

TEST(WidenJsonIndentTest, DoublesLeadingSpacesOnly) {
  EXPECT_EQ(WidenJsonIndent("{\n \"a\": [\n  \"x  y\"\n ]\n}\n"),
            "{\n  \"a\": [\n    \"x  y\"\n  ]\n}\n");
}

TEST(FormatJsonTest, UsesProtoFieldNamesAndLeavesOutDefaults) {
  absl::StatusOr<std::string> json = FormatJson(SampleComplaint());
  ASSERT_THAT(json, IsOk());
  EXPECT_THAT(*json, HasSubstr("\"what_went_wrong\": \"Le café — late\""));
  EXPECT_THAT(*json, HasSubstr("\"create_time\": \"2026-01-31T09:00:00Z\""));
  EXPECT_THAT(*json, HasSubstr("\"state\": \"COMPLAINT_STATE_ACCEPTED\""));
  EXPECT_THAT(*json, Not(HasSubstr("confirmed_in_writing")));
  EXPECT_EQ(json->back(), '\n');
  EXPECT_THAT(*json, HasSubstr("{\n  \"name\": \"complaints/c-1\",\n"));  // two-space indent
  Complaint round_trip;
  ASSERT_THAT(ParseRequestJson(*json, round_trip), IsOk());
  EXPECT_EQ(round_trip.SerializeAsString(), SampleComplaint().SerializeAsString());
}

}  // namespace
}  // namespace redress::cli

namespace redress::cli {
namespace {

TEST(FieldValueTest, PrintsScalarsEnumsListsAndMessages) {
  redress::intake::v1::ListComplaintsResponse response;
  Complaint* first = response.add_complaints();
  first->set_name("complaints/abc");
  first->set_state(redress::intake::v1::COMPLAINT_STATE_RECEIVED);
  response.add_complaints()->set_name("complaints/def");
  EXPECT_EQ(*FieldValue(response, "complaints.0.name"), "complaints/abc\n");
  EXPECT_EQ(*FieldValue(response, "complaints.1.name"), "complaints/def\n");
  EXPECT_EQ(*FieldValue(response, "complaints.0.state"), "COMPLAINT_STATE_RECEIVED\n");
  EXPECT_EQ(*FieldValue(*first, "name"), "complaints/abc\n");
  EXPECT_EQ(*FieldValue(response, "next_page_token"), "\n");
  absl::StatusOr<std::string> message = FieldValue(response, "complaints.1");
  ASSERT_THAT(message, IsOk());
  EXPECT_NE(message->find("\"name\": \"complaints/def\""), std::string::npos);
}

TEST(FieldValueTest, NamesThePartOfThePathThatDoesNotExist) {
  redress::intake::v1::ListComplaintsResponse response;
  response.add_complaints()->set_name("complaints/abc");
  EXPECT_THAT(FieldValue(response, "complaints.5.name").status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldValue(response, "complaint").status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldValue(response, "next_page_token.x").status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldValue(response, "complaints.x").status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace redress::cli
