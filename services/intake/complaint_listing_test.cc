// IntakeLogic::ListComplaints: paging, filters and their errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
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
using ::testing::IsEmpty;
using testing::ValidDraft;
using testing::ViolatedFields;

// A page request that does not narrow by the caller's reach (the scope tests cover that).
ListRequest Page(int page_size, std::string page_token, std::string filter) {
  ListRequest request;
  request.page_size = page_size;
  request.page_token = std::move(page_token);
  request.filter = std::move(filter);
  return request;
}

class ListComplaintsTest : public IntakeLogicTest {
 protected:
  Complaint SubmitReceivedOn(absl::CivilDay day, std::string organisation = "cafcass") {
    Complaint draft = ValidDraft();
    draft.receive_date = day;
    draft.organisation_ids = {std::move(organisation)};
    return Submit(draft);
  }

  // The ids of the complaints matching `filter`, read a page at a time.
  std::vector<std::string> Ids(const std::string& filter, int page_size = 0) {
    std::vector<std::string> ids;
    ListRequest request = Page(page_size, "", filter);
    do {
      absl::StatusOr<ComplaintPage> page = logic_.ListComplaints(request);
      EXPECT_THAT(page, IsOk());
      if (!page.ok()) break;
      for (const Complaint& c : page->complaints) ids.push_back(c.id);
      request.page_token = page->next_page_token;
    } while (!request.page_token.empty());
    return ids;
  }
};

TEST_F(ListComplaintsTest, PagesThroughComplaintsAddedBetweenPages) {
  for (int i = 0; i < 5; ++i) Submit(ValidDraft());
  std::vector<std::string> seen;
  ListRequest request = Page(2, "", "");
  absl::StatusOr<ComplaintPage> page = logic_.ListComplaints(request);
  ASSERT_THAT(page, IsOk());
  for (const Complaint& c : page->complaints) seen.push_back(c.id);
  Submit(ValidDraft());
  Submit(ValidDraft());
  while (!page->next_page_token.empty()) {
    request.page_token = page->next_page_token;
    page = logic_.ListComplaints(request);
    ASSERT_THAT(page, IsOk());
    EXPECT_LE(page->complaints.size(), 2u);
    for (const Complaint& c : page->complaints) seen.push_back(c.id);
  }
  EXPECT_THAT(seen, ElementsAre("id1", "id2", "id3", "id4", "id5", "id6", "id7"));
}

TEST_F(ListComplaintsTest, AFullLastPageHasNoNextToken) {
  for (int i = 0; i < 4; ++i) Submit(ValidDraft());
  absl::StatusOr<ComplaintPage> first = logic_.ListComplaints(Page(2, "", ""));
  ASSERT_THAT(first, IsOk());
  absl::StatusOr<ComplaintPage> second = logic_.ListComplaints(Page(2, first->next_page_token, ""));
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(second->complaints.size(), 2u);
  EXPECT_TRUE(second->next_page_token.empty());
}

TEST_F(ListComplaintsTest, DefaultPageSizeAndNegativeSize) {
  for (int i = 0; i < 3; ++i) Submit(ValidDraft());
  absl::StatusOr<ComplaintPage> page = logic_.ListComplaints({});
  ASSERT_THAT(page, IsOk());
  EXPECT_EQ(page->complaints.size(), 3u);
  EXPECT_TRUE(page->next_page_token.empty());
  EXPECT_THAT(logic_.ListComplaints(Page(-1, "", "")),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(ListComplaintsTest, EmptyListHasNoToken) {
  absl::StatusOr<ComplaintPage> page = logic_.ListComplaints({});
  ASSERT_THAT(page, IsOk());
  EXPECT_THAT(page->complaints, IsEmpty());
  EXPECT_TRUE(page->next_page_token.empty());
}

TEST_F(ListComplaintsTest, FiltersOnState) {
  Complaint received = Submit(ValidDraft());
  Complaint accepted = Accepted();
  Complaint closed = ClosedAsPremature();
  EXPECT_THAT(Ids("state = RECEIVED"), ElementsAre(received.id));
  EXPECT_THAT(Ids("state = ACCEPTED"), ElementsAre(accepted.id));
  EXPECT_THAT(Ids("state = CLOSED", 1), ElementsAre(closed.id));
}

TEST_F(ListComplaintsTest, FiltersOnOrganisation) {
  SubmitReceivedOn(testing::kToday);
  Complaint about_hmrc = SubmitReceivedOn(testing::kToday, "hmrc");
  EXPECT_THAT(Ids("organisation = \"organisations/hmrc\""), ElementsAre(about_hmrc.id));
  EXPECT_THAT(Ids("organisation = \"organisations/dwp\""), IsEmpty());
}

TEST_F(ListComplaintsTest, FiltersOnReceiveDate) {
  Complaint feb1 = SubmitReceivedOn(absl::CivilDay(2026, 2, 1));
  Complaint feb15 = SubmitReceivedOn(absl::CivilDay(2026, 2, 15));
  Complaint mar1 = SubmitReceivedOn(absl::CivilDay(2026, 3, 1));
  EXPECT_THAT(Ids("receive_date >= \"2026-02-15\""), ElementsAre(feb15.id, mar1.id));
  EXPECT_THAT(Ids("receive_date > \"2026-02-15\""), ElementsAre(mar1.id));
  EXPECT_THAT(Ids("receive_date < \"2026-02-15\""), ElementsAre(feb1.id));
  EXPECT_THAT(Ids("receive_date <= \"2026-02-15\""), ElementsAre(feb1.id, feb15.id));
  EXPECT_THAT(Ids("receive_date = \"2026-02-15\""), ElementsAre(feb15.id));
  EXPECT_THAT(Ids("receive_date >= \"2026-02-02\" AND receive_date <= \"2026-02-28\""),
              ElementsAre(feb15.id));
  EXPECT_THAT(Ids("state = RECEIVED AND receive_date > \"2026-02-01\"", 1),
              ElementsAre(feb15.id, mar1.id));
}

TEST_F(ListComplaintsTest, RejectsFiltersItDoesNotUnderstand) {
  for (const char* filter : {"colour = RED", "state != RECEIVED", "state = OPEN",
                             "state = RECEIVED AND state = CLOSED", "receive_date = \"2026-02-30\"",
                             "receive_date != \"2026-02-01\"", "receive_date >= \"yesterday\"",
                             "organisation = \"cafcass\"", "organisation > \"x\"", "state ="}) {
    absl::StatusOr<ComplaintPage> page = logic_.ListComplaints(Page(0, "", filter));
    EXPECT_THAT(page, StatusIs(absl::StatusCode::kInvalidArgument)) << filter;
    EXPECT_THAT(ViolatedFields(page.status()), ElementsAre("filter")) << filter;
  }
}

TEST_F(ListComplaintsTest, RejectsBadPageTokens) {
  for (int i = 0; i < 3; ++i) Submit(ValidDraft());
  absl::StatusOr<ComplaintPage> page = logic_.ListComplaints(Page(1, "", "state = RECEIVED"));
  ASSERT_THAT(page, IsOk());
  ASSERT_FALSE(page->next_page_token.empty());
  absl::StatusOr<ComplaintPage> other_filter =
      logic_.ListComplaints(Page(1, page->next_page_token, ""));
  EXPECT_THAT(ViolatedFields(other_filter.status()), ElementsAre("page_token"));
  absl::StatusOr<ComplaintPage> garbage = logic_.ListComplaints(Page(1, "not-a-token", ""));
  EXPECT_THAT(ViolatedFields(garbage.status()), ElementsAre("page_token"));
}

}  // namespace
}  // namespace redress::intake
