// IntakeLogic's organisation register: the default register, create, get, list and update.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "services/intake/intake_logic.h"
#include "services/intake/intake_logic_test_support.h"

namespace redress::intake {
namespace {

using redress::testing::IsOk;
using redress::testing::StatusIs;
using ::testing::ElementsAre;
using testing::IntakeLogicTest;
using ::testing::IsSupersetOf;
using testing::ViolatedFields;

// A page request that does not narrow by the caller's reach (the scope tests cover that).
ListRequest Page(int page_size, std::string page_token, std::string filter) {
  ListRequest request;
  request.page_size = page_size;
  request.page_token = std::move(page_token);
  request.filter = std::move(filter);
  return request;
}

Organisation Ombudsman() {
  Organisation o;
  o.display_name = "Valuation Office Agency (VOA)";
  o.short_name = "VOA";
  o.kind = OrganisationKind::kExecutiveAgency;
  o.jurisdiction = Jurisdiction::kParliamentary;
  o.in_remit = true;
  o.mp_referral_required = true;
  o.location = "UK";
  return o;
}

class OrganisationRegisterTest : public IntakeLogicTest {
 protected:
  std::vector<std::string> Ids(const std::string& filter, int page_size = 0) {
    std::vector<std::string> ids;
    ListRequest request = Page(page_size, "", filter);
    do {
      absl::StatusOr<OrganisationPage> page = logic_.ListOrganisations(request);
      EXPECT_THAT(page, IsOk());
      if (!page.ok()) break;
      for (const Organisation& o : page->organisations) ids.push_back(o.id);
      request.page_token = page->next_page_token;
    } while (!request.page_token.empty());
    return ids;
  }
};

TEST_F(OrganisationRegisterTest, SeedsTheDefaultRegisterOnce) {
  EXPECT_THAT(Ids(""),
              ElementsAre("cafcass", "dwp", "example-borough-council", "gp-practice-example",
                          "hmcts", "hmrc", "manchester-university-nhs-ft"));
  const int writes = store_.write_calls();
  ASSERT_THAT(logic_.SeedDefaultRegister(), IsOk());
  EXPECT_EQ(store_.write_calls(), writes);
}

TEST_F(OrganisationRegisterTest, DefaultEntriesAreAsPublished) {
  absl::StatusOr<Organisation> cafcass = logic_.GetOrganisation("organisations/cafcass");
  ASSERT_THAT(cafcass, IsOk());
  EXPECT_EQ(cafcass->display_name,
            "Children and Family Court Advisory and Support Service (Cafcass)");
  EXPECT_EQ(cafcass->short_name, "Cafcass");
  EXPECT_EQ(cafcass->kind, OrganisationKind::kNonDepartmentalPublicBody);
  EXPECT_EQ(cafcass->jurisdiction, Jurisdiction::kParliamentary);
  EXPECT_TRUE(cafcass->in_remit);
  EXPECT_FALSE(cafcass->mp_referral_required);
  EXPECT_EQ(cafcass->location, "UK");
  EXPECT_EQ(cafcass->version, 1);
  absl::StatusOr<Organisation> hmcts = logic_.GetOrganisation("organisations/hmcts");
  ASSERT_THAT(hmcts, IsOk());
  EXPECT_EQ(hmcts->display_name, "HM Courts and Tribunals Service (HMCTS)");
  EXPECT_TRUE(hmcts->mp_referral_required);
  absl::StatusOr<Organisation> trust =
      logic_.GetOrganisation("organisations/manchester-university-nhs-ft");
  ASSERT_THAT(trust, IsOk());
  EXPECT_EQ(trust->location, "Greater Manchester");
  EXPECT_EQ(trust->jurisdiction, Jurisdiction::kHealth);
}

TEST_F(OrganisationRegisterTest, ListsWithFiltersAndPages) {
  EXPECT_THAT(Ids("in_remit = false"), ElementsAre("example-borough-council"));
  EXPECT_THAT(Ids("jurisdiction = HEALTH"),
              ElementsAre("gp-practice-example", "manchester-university-nhs-ft"));
  EXPECT_THAT(Ids("jurisdiction = PARLIAMENTARY AND in_remit = true", 2),
              ElementsAre("cafcass", "dwp", "hmcts", "hmrc"));
  EXPECT_EQ(Ids("", 3).size(), 7u);
}

TEST_F(OrganisationRegisterTest, RejectsBadFiltersAndTokens) {
  for (const char* filter :
       {"in_remit = maybe", "jurisdiction = LOCAL", "kind = NHS_TRUST", "in_remit != true"}) {
    EXPECT_THAT(ViolatedFields(logic_.ListOrganisations(Page(0, "", filter)).status()),
                ElementsAre("filter"))
        << filter;
  }
  EXPECT_THAT(ViolatedFields(logic_.ListOrganisations(Page(0, "xyz", "")).status()),
              ElementsAre("page_token"));
}

TEST_F(OrganisationRegisterTest, CreatesAnOrganisation) {
  absl::StatusOr<Organisation> voa = logic_.CreateOrganisation("req-1", "voa", Ombudsman());
  ASSERT_THAT(voa, IsOk());
  EXPECT_EQ(voa->name(), "organisations/voa");
  EXPECT_EQ(voa->version, 1);
  EXPECT_EQ(voa->create_time, clock_.Now());
  absl::StatusOr<Organisation> stored = logic_.GetOrganisation("organisations/voa");
  ASSERT_THAT(stored, IsOk());
  EXPECT_EQ(*stored, *voa);
}

TEST_F(OrganisationRegisterTest, CreateIsIdempotentOnTheRequestId) {
  absl::StatusOr<Organisation> first = logic_.CreateOrganisation("req-1", "voa", Ombudsman());
  ASSERT_THAT(first, IsOk());
  clock_.Advance(absl::Minutes(1));
  absl::StatusOr<Organisation> retry = logic_.CreateOrganisation("req-1", "voa", Ombudsman());
  ASSERT_THAT(retry, IsOk());
  EXPECT_EQ(*retry, *first);

  Organisation changed = Ombudsman();
  changed.short_name = "Valuation Office";
  absl::StatusOr<Organisation> reused = logic_.CreateOrganisation("req-1", "voa", changed);
  EXPECT_THAT(reused, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(ErrorReasonOf(reused.status()), reason::kRequestIdReused);
}

TEST_F(OrganisationRegisterTest, AnIdTakenByAnotherRequestAlreadyExists) {
  absl::StatusOr<Organisation> taken = logic_.CreateOrganisation("req-2", "cafcass", Ombudsman());
  EXPECT_THAT(taken, StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_EQ(ErrorReasonOf(taken.status()), reason::kAlreadyExists);
}

TEST_F(OrganisationRegisterTest, CreateReportsEveryViolation) {
  Organisation bad;
  bad.display_name = "";
  bad.short_name = std::string(51, 'x');
  bad.location = std::string(101, 'x');
  absl::StatusOr<Organisation> created = logic_.CreateOrganisation("", "9lives", bad);
  EXPECT_THAT(ViolatedFields(created.status()),
              ElementsAre("request_id", "organisation_id", "organisation.display_name",
                          "organisation.short_name", "organisation.kind",
                          "organisation.jurisdiction", "organisation.location"));
  EXPECT_EQ(Ids("").size(), 7u);
}

TEST_F(OrganisationRegisterTest, UpdatesTheMaskedFields) {
  Organisation patch;
  patch.in_remit = false;
  patch.display_name = "";  // not masked
  clock_.Advance(absl::Hours(1));
  absl::StatusOr<Organisation> updated =
      logic_.UpdateOrganisation("organisations/cafcass", patch, {"in_remit"}, "1");
  ASSERT_THAT(updated, IsOk());
  EXPECT_FALSE(updated->in_remit);
  EXPECT_EQ(updated->short_name, "Cafcass");
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->update_time, clock_.Now());
  absl::StatusOr<Organisation> stored = logic_.GetOrganisation("organisations/cafcass");
  ASSERT_THAT(stored, IsOk());
  EXPECT_EQ(*stored, *updated);
}

TEST_F(OrganisationRegisterTest, UpdateChecksEtagMaskAndValues) {
  Organisation patch;
  EXPECT_THAT(logic_.UpdateOrganisation("organisations/cafcass", patch, {"in_remit"}, "3"),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(
      ViolatedFields(logic_.UpdateOrganisation("organisations/cafcass", patch, {}, "").status()),
      ElementsAre("update_mask"));
  EXPECT_THAT(ViolatedFields(logic_.UpdateOrganisation("cafcass", patch, {"id"}, "").status()),
              ElementsAre("organisation.name", "update_mask.paths[0]"));
  EXPECT_THAT(
      ViolatedFields(
          logic_.UpdateOrganisation("organisations/cafcass", patch, {"display_name", "kind"}, "")
              .status()),
      ElementsAre("organisation.display_name", "organisation.kind"));
  EXPECT_THAT(logic_.UpdateOrganisation("organisations/nope", patch, {"in_remit"}, ""),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(OrganisationRegisterTest, GetChecksTheName) {
  EXPECT_THAT(ViolatedFields(logic_.GetOrganisation("cafcass").status()), ElementsAre("name"));
  absl::StatusOr<Organisation> missing = logic_.GetOrganisation("organisations/nope");
  EXPECT_THAT(missing, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(ErrorReasonOf(missing.status()), reason::kNotFound);
}

TEST_F(OrganisationRegisterTest, SubmissionNeedsARegisteredOrganisation) {
  Complaint draft = testing::ValidDraft();
  draft.organisation_ids = {"voa"};
  EXPECT_THAT(ViolatedFields(logic_.SubmitComplaint("s-1", "fp", draft).status()),
              ElementsAre("complaint.organisations[0]"));
  ASSERT_THAT(logic_.CreateOrganisation("req-1", "voa", Ombudsman()), IsOk());
  EXPECT_THAT(logic_.SubmitComplaint("s-1", "fp", draft), IsOk());
}

}  // namespace
}  // namespace redress::intake
