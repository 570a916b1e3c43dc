// Service tests of hostile or malformed input through the in-process server: oversized lists,
// huge values that an error would echo, and list entries that cannot be decoded. Each must end in
// INVALID_ARGUMENT whose google.rpc details reach the client (gRPC drops trailers over 8 KiB) and
// name the right fields, and must change nothing.

#include <string>
#include <vector>

#include "services/investigation/api/investigation_service_test_support.h"

namespace redress::investigation::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Key;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

std::string Repeated(const std::string& unit, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += unit;
  return out;
}

class BadInputServiceTest : public InvestigationServiceTest {
 protected:
  ErrorDetails Invalid(const grpc::Status& status) {
    return ExpectError(status, grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  }

  // A patch of the investigation `name` with nothing set.
  static v1::Investigation Patch(const std::string& name) {
    v1::Investigation patch;
    patch.set_name(name);
    return patch;
  }
};

// --- Oversized lists: one violation on the list, and none of its entries looked at. ---

TEST_P(BadInputServiceTest, TenThousandNarrativeParagraphsAreReportedOnTheSectionOnce) {
  const v1::Investigation before = Investigating();
  v1::Investigation patch = Patch(before.name());
  for (int i = 0; i < 10000; ++i) patch.mutable_narrative()->add_what_happened("Line\nbreak");
  patch.mutable_narrative()->add_introduction("Two\nlines");

  ErrorDetails details = Invalid(Fails(kUpdate, UpdateRequest(patch, {"narrative"})));

  EXPECT_THAT(details.fields(), UnorderedElementsAre("investigation.narrative.what_happened",
                                                     "investigation.narrative.introduction[0]"));
  EXPECT_EQ(details.DescriptionOf("investigation.narrative.what_happened"),
            "at most 50 paragraphs are allowed, not 10000");
  EXPECT_EQ(Get(before.name()).etag(), before.etag());
}

TEST_P(BadInputServiceTest, OversizedListsOfAnUpdateAreEachReportedOnce) {
  const std::string name = Investigating().name();
  v1::Investigation patch = Patch(name);
  for (int i = 0; i < 10000; ++i) {
    patch.add_recommendations()->set_type(static_cast<common_v1::RecommendationType>(99));
    patch.add_complaint_types("Came to an unsound decision");
    patch.add_complaint_handling_findings()->set_principle(static_cast<v1::Principle>(99));
    patch.add_organisations_investigated()->set_organisation("bad");
  }

  ErrorDetails details =
      Invalid(Fails(kUpdate, UpdateRequest(patch, {"recommendations", "complaint_types",
                                                   "complaint_handling_findings",
                                                   "organisations_investigated"})));

  EXPECT_THAT(details.fields(),
              UnorderedElementsAre("investigation.recommendations", "investigation.complaint_types",
                                   "investigation.complaint_handling_findings",
                                   "investigation.organisations_investigated"));
  EXPECT_EQ(details.DescriptionOf("investigation.recommendations"),
            "at most 50 recommendations are allowed, not 10000");
}

TEST_P(BadInputServiceTest, TenThousandComplaintPointsAreReportedOnce) {
  const std::string name = Open().name();
  Ok(kAssign, AssignRequest(name));

  ErrorDetails details =
      Invalid(Fails(kAgreeScope, ScopeRequest(name, 60, std::vector<std::string>(10000, ""))));

  EXPECT_THAT(details.fields(), ElementsAre("points"));
  EXPECT_EQ(details.DescriptionOf("points"), "at most 20 complaint points are allowed, not 10000");
  EXPECT_EQ(Get(name).state(), v1::INVESTIGATION_STATE_ASSIGNED);
}

TEST_P(BadInputServiceTest, ASnapshotWithTenThousandOrganisationsIsReportedOnce) {
  v1::ComplaintSnapshot snapshot = ValidSnapshot();
  for (int i = 0; i < 10000; ++i) {
    snapshot.add_organisations("organisations/hmcts");
    snapshot.add_organisation_published_names("HM Courts and Tribunals Service (HMCTS)");
  }

  ErrorDetails details = Invalid(Fails(kOpen, OpenRequest("complaints/c1/acceptance", snapshot)));

  EXPECT_THAT(details.fields(), UnorderedElementsAre("complaint.organisations",
                                                     "complaint.organisation_published_names"));
  v1::ListInvestigationsResponse page;
  ASSERT_TRUE(Call(kList, v1::ListInvestigationsRequest(), &page).ok());
  EXPECT_THAT(page.investigations(), IsEmpty());
}

// --- An entry that cannot be decoded keeps its place: later entries keep their paths. ---

TEST_P(BadInputServiceTest, AFindingAfterAnUndecodableOneKeepsItsIndex) {
  const std::string name = Investigating().name();
  v1::Investigation patch = Patch(name);
  v1::ComplaintHandlingFinding* undecodable = patch.add_complaint_handling_findings();
  undecodable->set_principle(static_cast<v1::Principle>(99));
  undecodable->set_finding("Something.");
  patch.add_complaint_handling_findings()->set_principle(v1::PRINCIPLE_GETTING_IT_RIGHT);

  ErrorDetails details =
      Invalid(Fails(kUpdate, UpdateRequest(patch, {"complaint_handling_findings"})));

  EXPECT_THAT(details.fields(),
              UnorderedElementsAre("investigation.complaint_handling_findings[0].principle",
                                   "investigation.complaint_handling_findings[1].finding"));
  EXPECT_EQ(details.DescriptionOf("investigation.complaint_handling_findings[0].principle"),
            "unknown value 99");
}

// --- Huge values: errors quote a bounded part of them, and always reach the client. ---

TEST_P(BadInputServiceTest, ATwentyThousandCharacterCaseworkerIsInvalid) {
  const std::string name = Open().name();

  ErrorDetails details = Invalid(Fails(kAssign, AssignRequest(name, std::string(20000, 'x'))));

  EXPECT_THAT(details.fields(), ElementsAre("caseworker"));
  EXPECT_LT(details.DescriptionOf("caseworker").size(), 400u);
  EXPECT_EQ(Get(name).state(), v1::INVESTIGATION_STATE_UNASSIGNED);
}

TEST_P(BadInputServiceTest, TwentyThousandCharacterNamesAreInvalid) {
  const std::string name = Investigating().name();
  v1::Investigation patch = Patch(name);
  v1::OrganisationInvestigated* organisation = patch.add_organisations_investigated();
  organisation->set_organisation("organisations/cafcass");
  organisation->set_published_name(Repeated("é", 20000));
  ErrorDetails update =
      Invalid(Fails(kUpdate, UpdateRequest(patch, {"organisations_investigated"})));
  EXPECT_THAT(update.fields(),
              ElementsAre("investigation.organisations_investigated[0].published_name"));

  v1::ComplaintSnapshot snapshot = ValidSnapshot();
  snapshot.set_complainants_reference(std::string(20000, 'B'));
  ErrorDetails open = Invalid(Fails(kOpen, OpenRequest("complaints/c9/acceptance", snapshot)));
  EXPECT_THAT(open.fields(), ElementsAre("complaint.complainants_reference"));
}

TEST_P(BadInputServiceTest, GetWithAHugeNameIsInvalidWithItsDetails) {
  for (const std::string& name : {"investigations/" + std::string(20000, 'x'),
                                  std::string(20000, 'x'), Repeated("é", 20000)}) {
    v1::GetInvestigationRequest request;
    request.set_name(name);
    ErrorDetails details = Invalid(Fails(kGet, request));
    EXPECT_THAT(details.fields(), ElementsAre("name"));
    EXPECT_LT(details.DescriptionOf("name").size(), 400u);
  }
}

TEST_P(BadInputServiceTest, ListWithAHugeFilterIsInvalidWithItsDetails) {
  for (const std::string& filter :
       {"state = " + std::string(20000, 'X'), "caseworker " + std::string(20000, '('),
        std::string(20000, 'a') + " = 1", "target_date = \"" + std::string(20000, '2') + "\""}) {
    v1::ListInvestigationsRequest request;
    request.set_filter(filter);
    v1::ListInvestigationsResponse response;
    ErrorDetails details = Invalid(Call(kList, request, &response));
    EXPECT_THAT(details.fields(), ElementsAre("filter"));
    EXPECT_LT(details.DescriptionOf("filter").size(), 400u);
  }
}

TEST_P(BadInputServiceTest, ThousandsOfBadMaskPathsListSomeAndCountTheRest) {
  const std::string name = Investigating().name();
  const std::vector<std::string> paths(5000, Repeated("é", 100));

  ErrorDetails details = Invalid(Fails(kUpdate, UpdateRequest(Patch(name), paths)));

  EXPECT_THAT(details.fields(), Not(IsEmpty()));
  EXPECT_THAT(details.fields().front(), HasSubstr("update_mask"));
  EXPECT_THAT(details.error_info.metadata(), Contains(Key("omitted_violations")));
}

TEST_P(BadInputServiceTest, NegativePageSizeAndForeignPageTokenAreInvalid) {
  v1::ListInvestigationsRequest negative;
  negative.set_page_size(-1);
  v1::ListInvestigationsResponse response;
  EXPECT_THAT(Invalid(Call(kList, negative, &response)).fields(), ElementsAre("page_size"));

  v1::ListInvestigationsRequest tampered;
  tampered.set_page_token("not-a-token");
  EXPECT_THAT(Invalid(Call(kList, tampered, &response)).fields(), ElementsAre("page_token"));
}

INSTANTIATE_TEST_SUITE_P(Stores, BadInputServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);

}  // namespace
}  // namespace redress::investigation::testing
