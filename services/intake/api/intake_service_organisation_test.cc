// Service tests of the organisation register RPCs, and of what every handler does whatever the
// RPC: honouring deadlines and surviving an unexpected exception.

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "services/intake/api/intake_service_test_support.h"

namespace redress::intake::testing {
namespace {

using ::redress::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

constexpr auto kCreate = &v1::Intake::Stub::CreateOrganisation;
constexpr auto kGetOrganisation = &v1::Intake::Stub::GetOrganisation;
constexpr auto kListOrganisations = &v1::Intake::Stub::ListOrganisations;
constexpr auto kUpdateOrganisation = &v1::Intake::Stub::UpdateOrganisation;

v1::CreateOrganisationRequest CreateRequest(const std::string& request_id,
                                            const std::string& organisation_id) {
  v1::CreateOrganisationRequest request;
  request.set_request_id(request_id);
  request.set_organisation_id(organisation_id);
  v1::Organisation* organisation = request.mutable_organisation();
  organisation->set_display_name("Valuation Office Agency (VOA)");
  organisation->set_short_name("VOA");
  organisation->set_kind(v1::ORGANISATION_KIND_EXECUTIVE_AGENCY);
  organisation->set_jurisdiction(redress::common::v1::JURISDICTION_PARLIAMENTARY);
  organisation->set_in_remit(true);
  organisation->set_mp_referral_required(true);
  organisation->set_location("UK");
  return request;
}

class OrganisationServiceTest : public IntakeServiceTest {
 protected:
  grpc::Status GetOrganisation(const std::string& name, v1::Organisation* response) {
    v1::GetOrganisationRequest request;
    request.set_name(name);
    return Call(kGetOrganisation, request, response);
  }

  grpc::Status ListOrganisations(const std::string& filter, int page_size,
                                 const std::string& page_token,
                                 v1::ListOrganisationsResponse* response) {
    v1::ListOrganisationsRequest request;
    request.set_filter(filter);
    request.set_page_size(page_size);
    request.set_page_token(page_token);
    return Call(kListOrganisations, request, response);
  }

  std::vector<std::string> ListAll(const std::string& filter, int page_size) {
    std::vector<std::string> names;
    std::string token;
    do {
      v1::ListOrganisationsResponse page;
      grpc::Status status = ListOrganisations(filter, page_size, token, &page);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      EXPECT_LE(page.organisations_size(), page_size);
      for (const auto& organisation : page.organisations()) names.push_back(organisation.name());
      token = page.next_page_token();
    } while (!token.empty());
    return names;
  }

  grpc::Status UpdateOrganisation(const v1::Organisation& organisation,
                                  const std::vector<std::string>& paths,
                                  v1::Organisation* response) {
    v1::UpdateOrganisationRequest request;
    *request.mutable_organisation() = organisation;
    for (const std::string& path : paths) request.mutable_update_mask()->add_paths(path);
    return Call(kUpdateOrganisation, request, response);
  }
};

TEST_P(OrganisationServiceTest, TheDefaultRegisterHasCafcass) {
  v1::Organisation cafcass;
  ASSERT_THAT(GetOrganisation("organisations/cafcass", &cafcass), IsOk());
  EXPECT_EQ(cafcass.name(), "organisations/cafcass");
  EXPECT_EQ(cafcass.display_name(),
            "Children and Family Court Advisory and Support Service (Cafcass)");
  EXPECT_EQ(cafcass.short_name(), "Cafcass");
  EXPECT_EQ(cafcass.kind(), v1::ORGANISATION_KIND_NON_DEPARTMENTAL_PUBLIC_BODY);
  EXPECT_EQ(cafcass.jurisdiction(), redress::common::v1::JURISDICTION_PARLIAMENTARY);
  EXPECT_TRUE(cafcass.in_remit());
  EXPECT_FALSE(cafcass.mp_referral_required());
  EXPECT_EQ(cafcass.location(), "UK");
  EXPECT_EQ(cafcass.etag(), "1");
  EXPECT_TRUE(cafcass.has_create_time());
}

TEST_P(OrganisationServiceTest, CreateAddsToTheRegisterAndARetryReturnsIt) {
  v1::Organisation created;
  ASSERT_THAT(Call(kCreate, CreateRequest("org-req-1", "voa"), &created), IsOk());
  EXPECT_EQ(created.name(), "organisations/voa");
  EXPECT_EQ(created.display_name(), "Valuation Office Agency (VOA)");
  EXPECT_EQ(created.kind(), v1::ORGANISATION_KIND_EXECUTIVE_AGENCY);
  EXPECT_TRUE(created.mp_referral_required());
  EXPECT_EQ(created.etag(), "1");

  clock_.Advance(absl::Minutes(1));
  v1::Organisation retried;
  ASSERT_THAT(Call(kCreate, CreateRequest("org-req-1", "voa"), &retried), IsOk());
  EXPECT_EQ(retried.SerializeAsString(), created.SerializeAsString());

  v1::Organisation got;
  ASSERT_THAT(GetOrganisation("organisations/voa", &got), IsOk());
  EXPECT_EQ(got.SerializeAsString(), created.SerializeAsString());
}

TEST_P(OrganisationServiceTest, CreateConflicts) {
  v1::Organisation created;
  ASSERT_THAT(Call(kCreate, CreateRequest("org-req-1", "voa"), &created), IsOk());

  v1::CreateOrganisationRequest changed = CreateRequest("org-req-1", "voa");
  changed.mutable_organisation()->set_short_name("Valuation Office");
  grpc::Status status = Call(kCreate, changed, &created);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(DetailsOf(status).error_info.reason(), "REQUEST_ID_REUSED");
  EXPECT_EQ(DetailsOf(status).error_info.domain(), "intake.redress");

  status = Call(kCreate, CreateRequest("org-req-2", "voa"), &created);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(DetailsOf(status).error_info.reason(), "ALREADY_EXISTS");
  EXPECT_EQ(DetailsOf(status).error_info.domain(), "intake.redress");
}

TEST_P(OrganisationServiceTest, CreateReportsEveryInvalidField) {
  v1::CreateOrganisationRequest request = CreateRequest("org-req-1", "Not_An_Id");
  request.mutable_organisation()->clear_display_name();
  request.mutable_organisation()->clear_short_name();
  request.mutable_organisation()->set_kind(v1::ORGANISATION_KIND_UNSPECIFIED);
  v1::Organisation response;
  grpc::Status status = Call(kCreate, request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(),
              UnorderedElementsAre("organisation_id", "organisation.display_name",
                                   "organisation.short_name", "organisation.kind"));

  request = CreateRequest("org-req-2", "voa");
  request.mutable_organisation()->set_jurisdiction(
      static_cast<redress::common::v1::Jurisdiction>(9));
  request.mutable_organisation()->set_kind(static_cast<v1::OrganisationKind>(-1));
  status = Call(kCreate, request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(),
              ElementsAre("organisation.kind", "organisation.jurisdiction"));
}

TEST_P(OrganisationServiceTest, GetErrors) {
  v1::Organisation response;
  grpc::Status status = GetOrganisation("organisations/nope", &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(DetailsOf(status).error_info.reason(), "NOT_FOUND");
  EXPECT_EQ(DetailsOf(status).error_info.domain(), "intake.redress");

  status = GetOrganisation("cafcass", &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("name"));
}

TEST_P(OrganisationServiceTest, ListPagesThroughTheRegisterByName) {
  std::vector<std::string> all = ListAll("", 100);
  EXPECT_EQ(all.size(), 7u);
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end()));
  EXPECT_EQ(ListAll("", 3), all);
  EXPECT_EQ(ListAll("", 1), all);

  EXPECT_THAT(ListAll("in_remit = false", 2), ElementsAre("organisations/example-borough-council"));
  EXPECT_THAT(ListAll("jurisdiction = HEALTH", 1),
              ElementsAre("organisations/gp-practice-example",
                          "organisations/manchester-university-nhs-ft"));
}

TEST_P(OrganisationServiceTest, ListRejectsABadFilterOrPageSize) {
  v1::ListOrganisationsResponse response;
  grpc::Status status = ListOrganisations("jurisdiction = LOCAL", 0, "", &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("filter"));

  status = ListOrganisations("", -5, "", &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("page_size"));

  status = ListOrganisations("", 2, "not-a-token", &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("page_token"));
}

TEST_P(OrganisationServiceTest, UpdateChangesTheMaskedFieldsWithEtags) {
  v1::Organisation current;
  ASSERT_THAT(GetOrganisation("organisations/example-borough-council", &current), IsOk());
  v1::Organisation patch = current;
  patch.set_in_remit(true);
  patch.set_location("Somerset");
  patch.set_display_name("ignored: not in the mask");
  patch.set_kind(static_cast<v1::OrganisationKind>(77));  // malformed, but not in the mask

  v1::Organisation updated;
  ASSERT_THAT(UpdateOrganisation(patch, {"in_remit", "location"}, &updated), IsOk());
  EXPECT_TRUE(updated.in_remit());
  EXPECT_EQ(updated.location(), "Somerset");
  EXPECT_EQ(updated.display_name(), current.display_name());
  EXPECT_EQ(updated.kind(), current.kind());
  EXPECT_EQ(updated.etag(), "2");

  // `patch` still carries etag "1".
  grpc::Status status = UpdateOrganisation(patch, {"location"}, &updated);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(DetailsOf(status).error_info.reason(), "ETAG_MISMATCH");
  EXPECT_EQ(DetailsOf(status).error_info.domain(), "intake.redress");
}

TEST_P(OrganisationServiceTest, UpdateErrors) {
  v1::Organisation patch;
  patch.set_name("organisations/cafcass");
  patch.set_kind(static_cast<v1::OrganisationKind>(77));
  patch.set_short_name("");
  v1::Organisation updated;

  grpc::Status status = UpdateOrganisation(patch, {"kind"}, &updated);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("organisation.kind"));

  status = UpdateOrganisation(patch, {"short_name"}, &updated);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("organisation.short_name"));

  status = UpdateOrganisation(patch, {}, &updated);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("update_mask"));

  patch.set_name("organisations/nope");
  EXPECT_EQ(UpdateOrganisation(patch, {"location"}, &updated).error_code(),
            grpc::StatusCode::NOT_FOUND);
  patch.set_name("nope");
  status = UpdateOrganisation(patch, {"location"}, &updated);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(DetailsOf(status).fields(), ElementsAre("organisation.name"));
}

INSTANTIATE_TEST_SUITE_P(Stores, OrganisationServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);

// --- What every handler does. The failure hooks need the FakeStore. ---

class FakeStoreServiceTest : public IntakeServiceTest {};

INSTANTIATE_TEST_SUITE_P(Fake, FakeStoreServiceTest, ::testing::Values(StoreKind::kFake),
                         StoreKindName);

TEST_P(FakeStoreServiceTest, AnExpiredDeadlineIsDeadlineExceededAndDoesNoWork) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() - std::chrono::seconds(1));
  v1::Organisation response;
  grpc::Status status =
      stub().CreateOrganisation(&context, CreateRequest("org-req-1", "voa"), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  v1::GetOrganisationRequest get;
  get.set_name("organisations/voa");
  EXPECT_EQ(Call(&v1::Intake::Stub::GetOrganisation, get, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_P(FakeStoreServiceTest, AnUnexpectedExceptionIsInternalAndTheServerStaysUp) {
  fake_store_.RunBeforeNextWrite([] { throw std::runtime_error("disk on fire"); });
  v1::Organisation response;
  grpc::Status status = Call(kCreate, CreateRequest("org-req-1", "voa"), &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(DetailsOf(status).error_info.domain(), "intake.redress");
  EXPECT_EQ(status.error_message().find("disk on fire"), std::string::npos);  // not leaked

  EXPECT_THAT(Call(kCreate, CreateRequest("org-req-1", "voa"), &response), IsOk());
}

TEST_P(FakeStoreServiceTest, SubmitReportsAStoreOutageAsUnavailable) {
  fake_store_.FailNextWrite(absl::UnavailableError("database is locked"));
  v1::Complaint response;
  grpc::Status status = Call(&v1::Intake::Stub::SubmitComplaint, SubmitRequest("req-1"), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(DetailsOf(status).error_info.domain(), "intake.redress");
}

}  // namespace
}  // namespace redress::intake::testing
