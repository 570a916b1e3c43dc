// ListInvestigations: the filters on state, caseworker, organisation and target date, and paging
// in opening order.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/investigation/investigation_logic_test_support.h"

namespace redress::investigation {
namespace {

using redress::testing::StatusIs;
using ::testing::ElementsAre;
using testing::kToday;
using testing::ViolatedFields;
using D = absl::CivilDay;

class ListingTest : public testing::InvestigationLogicTest {
 protected:
  std::vector<std::string> Ids(const std::string& filter, int page_size = 0) {
    ListRequest request;
    request.filter = filter;
    request.page_size = page_size;
    std::vector<std::string> ids;
    absl::StatusOr<InvestigationPage> page = logic_.ListInvestigations(request);
    EXPECT_TRUE(page.ok()) << page.status();
    if (!page.ok()) return ids;
    for (const Investigation& i : page->investigations) ids.push_back(i.id);
    return ids;
  }

  // id1: UNASSIGNED; id2: ASSIGNED to cw-1; id3: INVESTIGATING (cw-1), due 16 March;
  // id4: ASSIGNED to cw-2 about HMCTS; id5: INVESTIGATING (cw-1), due 30 March.
  void SetUp() override {
    Opened();
    Assigned();
    Scoped(D(2026, 3, 2), 10);
    ComplaintSnapshot hmcts = testing::ValidSnapshot("complaints/hmcts-1");
    hmcts.organisations = {"organisations/hmcts"};
    hmcts.organisation_published_names = {"HM Courts and Tribunals Service (HMCTS)"};
    Investigation i4 = Ok(logic_.OpenInvestigation("complaints/hmcts-1/acceptance", "fp", hmcts));
    Ok(logic_.AssignCaseworker(i4.name(), "cw-2", ""));
    Scoped(D(2026, 3, 2), 20);
  }
};

TEST_F(ListingTest, AllInOpeningOrder) {
  EXPECT_THAT(Ids(""), ElementsAre("id1", "id2", "id3", "id4", "id5"));
}

TEST_F(ListingTest, FiltersOnState) {
  EXPECT_THAT(Ids("state = ASSIGNED"), ElementsAre("id2", "id4"));
  EXPECT_THAT(Ids("state = \"INVESTIGATING\""), ElementsAre("id3", "id5"));
  EXPECT_THAT(Ids("state = ON_HOLD"), ElementsAre());
}

TEST_F(ListingTest, FiltersOnCaseworkerAndOrganisation) {
  EXPECT_THAT(Ids("caseworker = \"cw-1\""), ElementsAre("id2", "id3", "id5"));
  EXPECT_THAT(Ids("organisation = \"organisations/hmcts\""), ElementsAre("id4"));
  EXPECT_THAT(Ids("organisation = \"organisations/cafcass\" AND caseworker = \"cw-1\" AND "
                  "state = INVESTIGATING"),
              ElementsAre("id3", "id5"));
}

TEST_F(ListingTest, FiltersOnTargetDate) {
  EXPECT_THAT(Ids("target_date <= \"2026-03-16\""), ElementsAre("id3"));
  EXPECT_THAT(Ids("target_date < \"2026-03-16\""), ElementsAre());
  EXPECT_THAT(Ids("target_date > \"2026-03-16\""), ElementsAre("id5"));
  EXPECT_THAT(Ids("target_date >= \"2026-03-16\""), ElementsAre("id3", "id5"));
  EXPECT_THAT(Ids("target_date = \"2026-03-30\""), ElementsAre("id5"));
  EXPECT_THAT(Ids("target_date >= \"2026-03-01\" AND target_date <= \"2026-03-20\""),
              ElementsAre("id3"));
}

TEST_F(ListingTest, PagesInOpeningOrder) {
  ListRequest request;
  request.page_size = 2;
  request.filter = "caseworker = \"cw-1\"";
  InvestigationPage first = Ok(logic_.ListInvestigations(request));
  ASSERT_EQ(first.investigations.size(), 2u);
  EXPECT_EQ(first.investigations[1].id, "id3");
  ASSERT_FALSE(first.next_page_token.empty());
  request.page_token = first.next_page_token;
  InvestigationPage second = Ok(logic_.ListInvestigations(request));
  ASSERT_EQ(second.investigations.size(), 1u);
  EXPECT_EQ(second.investigations[0].id, "id5");
  EXPECT_TRUE(second.next_page_token.empty());
  // A token is valid only with the filter it was issued for.
  request.filter = "";
  EXPECT_THAT(logic_.ListInvestigations(request), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(ListingTest, PageSizeDefaultsAndMaximum) {
  for (int n = 0; n < 50; ++n) Opened();
  EXPECT_EQ(Ids("").size(), static_cast<size_t>(InvestigationLogic::kDefaultPageSize));
  EXPECT_EQ(Ids("", 1000).size(), 55u);
  ListRequest negative;
  negative.page_size = -1;
  EXPECT_THAT(logic_.ListInvestigations(negative), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(ListingTest, FiltersOnComplaint) {
  // Opened() names its complaints c1, c2, ... in order.
  EXPECT_THAT(Ids("complaint = \"complaints/hmcts-1\""), ElementsAre("id4"));
  EXPECT_THAT(Ids("complaint = \"complaints/c2\""), ElementsAre("id2"));
  EXPECT_THAT(Ids("complaint = \"complaints/c2\" AND state = INVESTIGATING"), ElementsAre());
  EXPECT_THAT(Ids("complaint = \"complaints/unknown\""), ElementsAre());
}

TEST_F(ListingTest, RefusesBadFilters) {
  for (const std::string filter :
       {"state = OPEN", "state != ASSIGNED", "colour = red", "organisation = \"cafcass\"",
        "target_date <= \"16/03/2026\"", "target_date != \"2026-03-16\"",
        "state = ASSIGNED AND state = DECIDED", "caseworker = \"a\" AND caseworker = \"b\"",
        "state =", "complaint = \"c1\"", "complaint != \"complaints/c1\"",
        "complaint = \"complaints/c1\" AND complaint = \"complaints/c2\""}) {
    ListRequest request;
    request.filter = filter;
    absl::StatusOr<InvestigationPage> page = logic_.ListInvestigations(request);
    EXPECT_THAT(page, StatusIs(absl::StatusCode::kInvalidArgument)) << filter;
    EXPECT_THAT(ViolatedFields(page.status()), ElementsAre("filter")) << filter;
  }
}

}  // namespace
}  // namespace redress::investigation
