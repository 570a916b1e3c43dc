// Service tests of hostile or malformed input through the in-process server: oversized lists,
// huge values that an error would echo, and list entries that cannot be decoded. Each must end in
// INVALID_ARGUMENT whose google.rpc details reach the client (gRPC drops trailers over 8 KiB) and
// name the right fields.

#include <string>
#include <vector>

#include "services/intake/api/intake_service_test_support.h"

namespace redress::intake::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Key;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

constexpr auto kSubmit = &v1::Intake::Stub::SubmitComplaint;
constexpr auto kGet = &v1::Intake::Stub::GetComplaint;
constexpr auto kList = &v1::Intake::Stub::ListComplaints;
constexpr auto kUpdate = &v1::Intake::Stub::UpdateComplaint;

std::string Repeated(const std::string& unit, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += unit;
  return out;
}

class BadInputServiceTest : public IntakeServiceTest {
 protected:
  // Expects INVALID_ARGUMENT with intake's ErrorInfo and returns its details.
  ErrorDetails InvalidDetails(const grpc::Status& status) {
    return ExpectError(status, grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  }

  grpc::Status GetNamed(const std::string& name) {
    v1::GetComplaintRequest request;
    request.set_name(name);
    v1::Complaint response;
    return Call(kGet, request, &response);
  }

  grpc::Status ListFiltered(const std::string& filter) {
    v1::ListComplaintsRequest request;
    request.set_filter(filter);
    v1::ListComplaintsResponse response;
    return Call(kList, request, &response);
  }

  grpc::Status UpdateMasked(const std::string& name, const std::vector<std::string>& paths) {
    v1::UpdateComplaintRequest request;
    request.mutable_complaint()->set_name(name);
    for (const std::string& path : paths) request.mutable_update_mask()->add_paths(path);
    v1::Complaint response;
    return Call(kUpdate, request, &response);
  }
};

// --- Oversized lists: one violation on the list, and none of its entries looked at. ---

TEST_P(BadInputServiceTest, SubmitWithTwentyThousandPeopleReportsTheListOnce) {
  v1::Complaint draft = ValidComplaint();
  draft.clear_people();
  for (int i = 0; i < 20000; ++i) draft.add_people();

  v1::Complaint response;
  ErrorDetails details = InvalidDetails(Call(kSubmit, SubmitRequest("req-1", draft), &response));

  EXPECT_THAT(details.fields(), ElementsAre("complaint.people"));
  EXPECT_EQ(details.DescriptionOf("complaint.people"), "at most 10 people are allowed, not 20000");
}

TEST_P(BadInputServiceTest, SubmitWithTenThousandOrganisationsReportsTheListOnce) {
  v1::Complaint draft = ValidComplaint();
  draft.clear_organisations();
  for (int i = 0; i < 10000; ++i) draft.add_organisations("organisations/hmcts");

  v1::Complaint response;
  ErrorDetails details = InvalidDetails(Call(kSubmit, SubmitRequest("req-1", draft), &response));

  EXPECT_THAT(details.fields(), ElementsAre("complaint.organisations"));
  EXPECT_EQ(details.DescriptionOf("complaint.organisations"),
            "at most 5 organisations are allowed, not 10000");
}

TEST_P(BadInputServiceTest, AssessWithTooManyOverridesReportsTheListOnce) {
  const std::string name = Submit("req-1").name();
  v1::AssessComplaintRequest request = AssessRequest(name, "assess-1");
  for (int i = 0; i < 10000; ++i) request.add_overrides();

  v1::Complaint response;
  ErrorDetails details = InvalidDetails(Assess(request, &response));

  EXPECT_THAT(details.fields(), ElementsAre("overrides"));
  EXPECT_EQ(Get(name).state(), v1::COMPLAINT_STATE_RECEIVED);
}

// --- An entry that cannot be decoded keeps its place: later entries keep their paths. ---

TEST_P(BadInputServiceTest, AnOrganisationAfterAMalformedOneKeepsItsIndex) {
  v1::Complaint draft = ValidComplaint();
  draft.clear_organisations();
  draft.add_organisations("bad");
  draft.add_organisations("organisations/nope");

  v1::Complaint response;
  ErrorDetails details = InvalidDetails(Call(kSubmit, SubmitRequest("req-1", draft), &response));

  EXPECT_THAT(details.fields(),
              UnorderedElementsAre("complaint.organisations[0]", "complaint.organisations[1]"));
  EXPECT_THAT(details.DescriptionOf("complaint.organisations[0]"),
              HasSubstr("is not a resource name"));
  EXPECT_THAT(details.DescriptionOf("complaint.organisations[1]"),
              HasSubstr("unknown organisation organisations/nope"));
}

TEST_P(BadInputServiceTest, AnOverrideAfterOneWithoutACheckKeepsItsIndex) {
  const std::string name = Submit("req-1").name();
  v1::AssessComplaintRequest request = AssessRequest(name, "assess-1");
  request.add_overrides()->set_reason("a good reason");                  // check unset
  request.add_overrides()->set_check(v1::ASSESSMENT_CHECK_WITHIN_TIME);  // no reason

  v1::Complaint response;
  ErrorDetails details = InvalidDetails(Assess(request, &response));

  EXPECT_THAT(details.fields(), UnorderedElementsAre("overrides[0].check", "overrides[1].reason"));
}

// --- Huge values: errors quote a bounded part of them, and always reach the client. ---

TEST_P(BadInputServiceTest, GetWithAHugeNameIsInvalidWithItsDetails) {
  for (const std::string& name :
       {"complaints/" + std::string(20000, 'x'), std::string(20000, 'x'), Repeated("é", 20000)}) {
    ErrorDetails details = InvalidDetails(GetNamed(name));
    EXPECT_THAT(details.fields(), ElementsAre("name"));
    const std::string description = details.DescriptionOf("name");
    EXPECT_LT(description.size(), 400u);
    EXPECT_THAT(description, HasSubstr("…\" is not a resource name"));
  }
}

TEST_P(BadInputServiceTest, UpdateWithAHugeMaskPathIsInvalidWithItsDetails) {
  const std::string name = Submit("req-1").name();
  ErrorDetails details = InvalidDetails(UpdateMasked(name, {std::string(20000, 'x')}));
  EXPECT_THAT(details.fields(), ElementsAre("update_mask.paths[0]"));
  EXPECT_LT(details.DescriptionOf("update_mask.paths[0]").size(), 1000u);
}

TEST_P(BadInputServiceTest, UpdateWithThousandsOfBadMaskPathsListsSomeAndCountsTheRest) {
  const std::string name = Submit("req-1").name();
  // 2,000 paths of 200 bytes: 400 KB, within intake's request limit.
  std::vector<std::string> paths(2000, Repeated("é", 100));

  ErrorDetails details = InvalidDetails(UpdateMasked(name, paths));

  EXPECT_THAT(details.fields(), Not(IsEmpty()));
  EXPECT_EQ(details.fields().front(), "update_mask.paths[0]");
  EXPECT_THAT(details.error_info.metadata(), Contains(Key("omitted_violations")));
}

TEST_P(BadInputServiceTest, ListWithAHugeFilterIsInvalidWithItsDetails) {
  for (const std::string& filter :
       {"state = " + std::string(20000, 'X'), "organisation = \"" + Repeated("é", 20000) + "\"",
        std::string(20000, 'a') + " = 1", "receive_date = \"" + std::string(20000, '2') + "\"",
        "state " + std::string(20000, '(')}) {
    ErrorDetails details = InvalidDetails(ListFiltered(filter));
    EXPECT_THAT(details.fields(), ElementsAre("filter"));
    EXPECT_LT(details.DescriptionOf("filter").size(), 400u);
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, BadInputServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);

}  // namespace
}  // namespace redress::intake::testing
