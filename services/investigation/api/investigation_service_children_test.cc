// Service tests of an investigation's sub-collections and bounds (docs/limits.md): the
// investigation carries its most recent evidence and comments with their counts and names;
// ListEvidence and ListComments page through them all, refuse malformed requests field by field,
// and reach what GetInvestigation reaches; each cap refuses one more with its reason; a change
// that would make an investigation too large is refused; a page of ListInvestigations stops before
// it would pass 2 MiB.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/caller_reach.h"
#include "common/testing/principals.h"
#include "services/investigation/api/investigation_service_test_support.h"
#include "services/investigation/case_limits.h"

namespace redress::investigation::testing {
namespace {

using ::redress::testing::Caseworker;
using ::redress::testing::Complainant;
using ::redress::testing::IsOk;
using ::redress::testing::Liaison;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::UnorderedElementsAre;

constexpr auto kListEvidence = &v1::Investigations::Stub::ListEvidence;
constexpr auto kListComments = &v1::Investigations::Stub::ListComments;

v1::ListEvidenceRequest EvidencePage(const std::string& parent, int page_size = 0,
                                     const std::string& page_token = "") {
  v1::ListEvidenceRequest request;
  request.set_parent(parent);
  request.set_page_size(page_size);
  request.set_page_token(page_token);
  return request;
}

v1::ListCommentsRequest CommentsPage(const std::string& parent, int page_size = 0,
                                     const std::string& page_token = "") {
  v1::ListCommentsRequest request;
  request.set_parent(parent);
  request.set_page_size(page_size);
  request.set_page_token(page_token);
  return request;
}

std::vector<std::string> Numbered(const std::string& prefix, int first, int last) {
  std::vector<std::string> names;
  for (int n = first; n <= last; ++n) names.push_back(absl::StrCat(prefix, n));
  return names;
}

class ChildrenServiceTest : public InvestigationServiceTest {
 protected:
  void LogEvidence(const std::string& name, int count) {
    for (int n = 0; n < count; ++n) {
      Ok(kLogEvidence, EvidenceRequest(name, absl::StrCat("ev-", n), absl::StrCat("Letter ", n)));
    }
  }

  // The names of every evidence item ListEvidence returns, page by page of `page_size`; the size
  // of each page in `sizes`.
  std::vector<std::string> EvidenceNames(const std::string& parent, int page_size,
                                         std::vector<int>* sizes = nullptr) {
    std::vector<std::string> names;
    v1::ListEvidenceRequest request = EvidencePage(parent, page_size);
    do {
      const v1::ListEvidenceResponse page = Ok(kListEvidence, request);
      if (sizes != nullptr) sizes->push_back(page.evidence_size());
      for (const v1::EvidenceItem& item : page.evidence()) names.push_back(item.name());
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
    return names;
  }

  // Opened for `owner`, scoped, found and shared: ready for comments.
  std::string Shared(const std::string& complaint, const std::string& owner = "") {
    v1::OpenInvestigationRequest open =
        OpenRequest(complaint + "/acceptance", ValidSnapshot(complaint));
    open.set_owner(owner);
    const std::string name = Ok(kOpen, open).name();
    Ok(kAssign, AssignRequest(name));
    Ok(kAgreeScope, ScopeRequest(name));
    Ok(kRecordFinding, FindingRequest(name, "cp1", true, true));
    Ok(kRecordFinding, FindingRequest(name, "cp2", true, false));
    Ok(kUpdate, NarrativeRequest(name, "We partly upheld this complaint."));
    Ok(kShare, ShareRequest(name));
    return name;
  }
};

TEST_P(ChildrenServiceTest, TheInvestigationCarriesTheMostRecentEvidenceAndListEvidenceAll) {
  const std::string name = Investigating().name();
  LogEvidence(name, 45);
  const v1::Investigation investigation = Get(name);
  EXPECT_EQ(investigation.evidence_count(), 45);
  ASSERT_EQ(investigation.evidence_size(), kRecentEvidenceShown);
  EXPECT_EQ(investigation.evidence(0).evidence_id(), "e26");
  EXPECT_EQ(investigation.evidence(0).name(), name + "/evidence/e26");
  EXPECT_EQ(investigation.evidence(kRecentEvidenceShown - 1).description(), "Letter 44");

  std::vector<int> sizes;
  EXPECT_THAT(EvidenceNames(name, 20, &sizes),
              ElementsAreArray(Numbered(name + "/evidence/e", 1, 45)));
  EXPECT_THAT(sizes, ElementsAre(20, 20, 5));
  // The default page (50) holds them all; a page size above the maximum (500) is lowered to it.
  const v1::ListEvidenceResponse all = Ok(kListEvidence, EvidencePage(name));
  EXPECT_EQ(all.evidence_size(), 45);
  EXPECT_EQ(all.total_size(), 45);
  EXPECT_EQ(all.next_page_token(), "");
  EXPECT_EQ(all.evidence(0).description(), "Letter 0");
  EXPECT_EQ(Ok(kListEvidence, EvidencePage(name, 100000)).evidence_size(), 45);
  // An investigation without evidence has an empty list.
  const std::string other = Investigating("complaints/c2/acceptance").name();
  const v1::ListEvidenceResponse none = Ok(kListEvidence, EvidencePage(other));
  EXPECT_EQ(none.evidence_size(), 0);
  EXPECT_EQ(none.total_size(), 0);
}

TEST_P(ChildrenServiceTest, ListCommentsReadsEveryRevisionsCommentsInOrder) {
  const std::string name = Shared("complaints/c1");
  for (int n = 1; n <= 23; ++n) {
    Ok(kLogComment,
       CommentRequest(name, absl::StrCat("cm-", n),
                      n % 2 == 0 ? common_v1::PARTY_COMPLAINANT : common_v1::PARTY_ORGANISATION));
  }
  Ok(kShare, ShareRequest(name));  // a revision: its comments start afresh, the old ones stay
  Ok(kLogComment, CommentRequest(name, "cm-24", common_v1::PARTY_COMPLAINANT));
  const v1::Investigation investigation = Get(name);
  EXPECT_EQ(investigation.provisional_view().comment_count(), 24);
  ASSERT_EQ(investigation.provisional_view().comments_size(), kRecentCommentsShown);
  EXPECT_EQ(investigation.provisional_view().comments(kRecentCommentsShown - 1).name(),
            name + "/comments/c24");

  std::vector<std::string> names;
  std::vector<int> revisions;
  v1::ListCommentsRequest request = CommentsPage(name, 10);
  do {
    const v1::ListCommentsResponse page = Ok(kListComments, request);
    EXPECT_EQ(page.total_size(), 24);
    for (const v1::Comment& comment : page.comments()) {
      names.push_back(comment.name());
      revisions.push_back(comment.view_revision());
    }
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  EXPECT_THAT(names, ElementsAreArray(Numbered(name + "/comments/c", 1, 24)));
  EXPECT_EQ(revisions.front(), 1);
  EXPECT_EQ(revisions.back(), 2);
}

TEST_P(ChildrenServiceTest, MalformedListRequestsAreRefusedFieldByField) {
  const std::string name = Investigating().name();
  LogEvidence(name, 3);
  const std::string token = Ok(kListEvidence, EvidencePage(name, 1)).next_page_token();
  ASSERT_NE(token, "");

  ErrorDetails details = ExpectError(Fails(kListEvidence, EvidencePage("cases/x", -1, "%%%")),
                                     grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_THAT(details.fields(), ElementsAre("parent", "page_size", "page_token"));
  details = ExpectError(Fails(kListEvidence, EvidencePage("")), grpc::StatusCode::INVALID_ARGUMENT,
                        "INVALID_ARGUMENT");
  EXPECT_THAT(details.fields(), ElementsAre("parent"));
  // A token is bound to its list: another investigation's, or the comments', is refused.
  const std::string other = Investigating("complaints/c2/acceptance").name();
  details = ExpectError(Fails(kListEvidence, EvidencePage(other, 1, token)),
                        grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_THAT(details.fields(), ElementsAre("page_token"));
  details = ExpectError(Fails(kListComments, CommentsPage(name, 1, token)),
                        grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_THAT(details.fields(), ElementsAre("page_token"));
  details = ExpectError(Fails(kListComments, CommentsPage("investigations/", 0)),
                        grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_THAT(details.fields(), ElementsAre("parent"));
  // The same token on its own list goes on.
  const v1::ListEvidenceResponse next = Ok(kListEvidence, EvidencePage(name, 1, token));
  ASSERT_EQ(next.evidence_size(), 1);
  EXPECT_EQ(next.evidence(0).evidence_id(), "e2");

  ExpectError(Fails(kListEvidence, EvidencePage("investigations/missing")),
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
  ExpectError(Fails(kListComments, CommentsPage("investigations/missing")),
              grpc::StatusCode::NOT_FOUND, "NOT_FOUND");
}

TEST_P(ChildrenServiceTest, TheListsReachWhatGetInvestigationReaches) {
  const std::string alices = Shared("complaints/a1", "alice");
  const std::string bobs = Shared("complaints/b1", "bob");
  v1::ListEvidenceResponse evidence;
  v1::ListCommentsResponse comments;
  EXPECT_THAT(CallAs(Complainant("alice"), kListEvidence, EvidencePage(alices), &evidence), IsOk());
  EXPECT_THAT(CallAs(Complainant("alice"), kListComments, CommentsPage(alices), &comments), IsOk());
  EXPECT_THAT(CallAs(Liaison("li-1", "cafcass"), kListComments, CommentsPage(bobs), &comments),
              IsOk());
  EXPECT_THAT(CallAs(Caseworker("cw-1"), kListEvidence, EvidencePage(bobs), &evidence), IsOk());
  const std::string out_of_scope(kOutOfScopeReason);
  ExpectError(CallAs(Complainant("alice"), kListEvidence, EvidencePage(bobs), &evidence),
              grpc::StatusCode::PERMISSION_DENIED, out_of_scope);
  ExpectError(CallAs(Complainant("alice"), kListComments, CommentsPage(bobs), &comments),
              grpc::StatusCode::PERMISSION_DENIED, out_of_scope);
  ExpectError(CallAs(Liaison("li-2", "dwp"), kListEvidence, EvidencePage(alices), &evidence),
              grpc::StatusCode::PERMISSION_DENIED, out_of_scope);
}

TEST_P(ChildrenServiceTest, AChangeThatWouldMakeTheInvestigationTooLargeIsRefused) {
  const std::string name = WithFindings().name();
  const v1::Investigation before = Get(name);
  // 2.1 MB of narrative: under investigation's request limit (2 MiB and 64 KiB), over the 2 MiB
  // an investigation may weigh.
  v1::Investigation patch;
  patch.set_name(name);
  for (int p = 0; p < 50; ++p) {
    const std::string paragraph(14000, 'a' + p % 26);
    patch.mutable_narrative()->add_introduction(paragraph);
    patch.mutable_narrative()->add_what_happened(paragraph);
    patch.mutable_narrative()->add_what_we_found(paragraph);
  }
  v1::UpdateInvestigationRequest request;
  *request.mutable_investigation() = patch;
  request.mutable_update_mask()->add_paths("narrative");
  const ErrorDetails details =
      ExpectError(Fails(kUpdate, request), grpc::StatusCode::FAILED_PRECONDITION,
                  std::string(reason::kInvestigationTooLarge));
  EXPECT_THAT(details.precondition_types(), ElementsAre("SIZE"));
  EXPECT_EQ(Get(name).etag(), before.etag());
}

TEST_P(ChildrenServiceTest, APageOfInvestigationsStopsBeforeItWouldPassTwoMebibytes) {
  // Three investigations of about 0.9 MB each: two fit on a page, the third starts the next.
  std::vector<std::string> opened;
  for (int i = 1; i <= 3; ++i) {
    const std::string name = WithFindings(absl::StrCat("complaints/c", i, "/acceptance")).name();
    v1::Investigation patch;
    patch.set_name(name);
    for (int p = 0; p < 50; ++p) {
      patch.mutable_narrative()->add_introduction(std::string(6000, 'x'));
      patch.mutable_narrative()->add_what_happened(std::string(6000, 'y'));
      patch.mutable_narrative()->add_what_we_found(std::string(6000, 'z'));
    }
    v1::UpdateInvestigationRequest request;
    *request.mutable_investigation() = patch;
    request.mutable_update_mask()->add_paths("narrative");
    Ok(kUpdate, request);
    opened.push_back(name);
  }
  v1::ListInvestigationsRequest request;
  request.set_page_size(10);
  const v1::ListInvestigationsResponse first = Ok(kList, request);
  EXPECT_EQ(first.investigations_size(), 2);
  EXPECT_LT(first.ByteSizeLong(), kMaxPageBytes);
  ASSERT_NE(first.next_page_token(), "");
  request.set_page_token(first.next_page_token());
  const v1::ListInvestigationsResponse second = Ok(kList, request);
  ASSERT_EQ(second.investigations_size(), 1);
  EXPECT_EQ(second.investigations(0).name(), opened[2]);
  EXPECT_EQ(second.next_page_token(), "");
}

INSTANTIATE_TEST_SUITE_P(Stores, ChildrenServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);

// The caps, lowered so that a test reaches them.
class CapsServiceTest : public ChildrenServiceTest {
 protected:
  InvestigationPolicy Policy() const override {
    InvestigationPolicy policy;
    policy.max_evidence_items = 3;
    policy.max_comments = 2;
    policy.max_holds = 1;
    policy.max_reviews = 1;
    return policy;
  }
};

TEST_P(CapsServiceTest, OneMoreThanACapIsRefusedWithItsReason) {
  const std::string name = Shared("complaints/c1");
  LogEvidence(name, 3);
  ErrorDetails details = ExpectError(Fails(kLogEvidence, EvidenceRequest(name, "ev-one-more")),
                                     grpc::StatusCode::FAILED_PRECONDITION,
                                     std::string(reason::kEvidenceLimitReached));
  EXPECT_THAT(details.precondition_types(), ElementsAre("LIMIT"));
  EXPECT_EQ(details.precondition_failure.violations(0).subject(), name + "/evidence");
  // A retry of a request that was logged is still answered.
  EXPECT_EQ(Ok(kLogEvidence, EvidenceRequest(name, "ev-2", "Letter 2")).evidence_count(), 3);

  Ok(kLogComment, CommentRequest(name, "cm-1", common_v1::PARTY_COMPLAINANT));
  Ok(kLogComment, CommentRequest(name, "cm-2", common_v1::PARTY_ORGANISATION));
  details =
      ExpectError(Fails(kLogComment, CommentRequest(name, "cm-3", common_v1::PARTY_COMPLAINANT)),
                  grpc::StatusCode::FAILED_PRECONDITION, std::string(reason::kCommentLimitReached));
  EXPECT_EQ(details.precondition_failure.violations(0).subject(), name + "/comments");

  Ok(kPutOnHold, HoldRequest(name));
  Ok(kResume, ResumeRequest(name));
  clock_.Advance(absl::Hours(24));  // a new hold starts after the last one ended
  ExpectError(Fails(kPutOnHold, HoldRequest(name)), grpc::StatusCode::FAILED_PRECONDITION,
              std::string(reason::kHoldLimitReached));
}

INSTANTIATE_TEST_SUITE_P(Stores, CapsServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);

}  // namespace
}  // namespace redress::investigation::testing
