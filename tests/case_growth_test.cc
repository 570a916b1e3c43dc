// Scale within a case (issue 15, docs/limits.md): one investigation grown, through the real gRPC
// service in process on SQLite, to its cap of 5,000 evidence items of 2,000 characters and 1,000
// comments of 20,000 characters. A change costs the same at the end as at the start (the rows it
// writes, exactly; its time, within a generous ratio on a shared machine), every reply stays under
// gRPC's 4 MiB limit, every item can still be read page by page, remedy still reads the case, and
// one more item than the cap is refused with the documented error.

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/testing/fake_clock.h"
#include "common/testing/grpc_error_details.h"
#include "common/testing/in_process_server.h"
#include "common/testing/scratch_dir.h"
#include "common/testing/sequential_ids.h"
#include "common/testing/status_matchers.h"
#include "common/working_day_calendar.h"
#include "redress/investigation/v1/investigation.grpc.pb.h"
#include "services/investigation/api/investigation_service.h"
#include "services/investigation/case_limits.h"
#include "services/investigation/investigation_logic.h"
#include "services/investigation/store/sqlite/sqlite_store.h"
#include "services/remedy/api/peer_clients.h"

namespace redress::investigation {
namespace {

namespace v1 = ::redress::investigation::v1;
namespace common_v1 = ::redress::common::v1;

using ::redress::testing::IsOk;

constexpr size_t kGrpcDefaultLimit = size_t{4} << 20;
constexpr int kCalls = 100;  // the first and the last this many appends are compared

// What a series of appends cost: their wall time and the rows they wrote.
struct Cost {
  absl::Duration time;
  int64_t rows = 0;
};

class CaseGrowthTest : public ::redress::testing::InProcessServiceTest<v1::Investigations> {
 protected:
  void SetUp() override {
    auto opened = SqliteStore::Open(dir_.File("investigation.db"));
    ASSERT_THAT(opened, IsOk());
    store_ = *std::move(opened);
    logic_ = std::make_unique<InvestigationLogic>(*store_, clock_, ids_,
                                                  WorkingDayCalendar::EnglandAndWales());
    service_ = std::make_unique<InvestigationService>(*logic_);
    ASSERT_THAT(
        Serve(service_.get(), "investigation-growth", InvestigationService::kMaxRequestBytes),
        IsOk());
  }

  // An investigation of Cafcass, scoped with one point: INVESTIGATING.
  std::string Investigating() {
    v1::OpenInvestigationRequest open;
    open.set_request_id("complaints/c1/acceptance");
    v1::ComplaintSnapshot& snapshot = *open.mutable_complaint();
    snapshot.set_complaint("complaints/c1");
    snapshot.set_complainants_reference("Mrs B");
    snapshot.add_organisations("organisations/cafcass");
    snapshot.add_organisation_published_names("Cafcass");
    snapshot.set_what_went_wrong("The report was filed late.");
    snapshot.set_jurisdiction(common_v1::JURISDICTION_PARLIAMENTARY);
    const std::string name = Ok(&v1::Investigations::Stub::OpenInvestigation, open).name();
    v1::AssignCaseworkerRequest assign;
    assign.set_name(name);
    assign.set_caseworker("cw-1");
    Ok(&v1::Investigations::Stub::AssignCaseworker, assign);
    v1::AgreeScopeRequest scope;
    scope.set_name(name);
    scope.mutable_scope()->set_summary("Whether the report was late.");
    scope.mutable_scope()->set_timescale_working_days(60);
    scope.add_points("The report was late.");
    Ok(&v1::Investigations::Stub::AgreeScope, scope);
    return name;
  }

  // Finds the point upheld, narrates it and shares the view: ready for comments.
  void Share(const std::string& name) {
    v1::RecordFindingRequest finding;
    finding.set_name(name);
    finding.set_point_id("cp1");
    finding.mutable_finding()->set_failing(true);
    finding.mutable_finding()->set_injustice(true);
    finding.mutable_finding()->set_causal_link(v1::CAUSAL_LINK_CAUSED);
    finding.mutable_finding()->set_reasoning("It was filed three weeks late.");
    Ok(&v1::Investigations::Stub::RecordFinding, finding);
    v1::ShareProvisionalViewRequest share;
    share.set_name(name);
    share.set_comment_period_working_days(10);
    Ok(&v1::Investigations::Stub::ShareProvisionalView, share);
  }

  // Appends item `n` (evidence, or a comment when `comment`), checking the reply's size; returns
  // the call's time.
  absl::Duration Append(const std::string& name, int n, bool comment) {
    grpc::Status status;
    v1::Investigation reply;
    const absl::Time start = absl::Now();
    if (comment) {
      v1::LogCommentRequest request;
      request.set_name(name);
      request.set_request_id(absl::StrCat("cm-", n));
      request.mutable_comment()->set_party(n % 2 == 0 ? common_v1::PARTY_COMPLAINANT
                                                      : common_v1::PARTY_ORGANISATION);
      request.mutable_comment()->set_text(Text(n, 20000));
      status = Call(&v1::Investigations::Stub::LogComment, request, &reply);
    } else {
      v1::LogEvidenceRequest request;
      request.set_name(name);
      request.set_request_id(absl::StrCat("ev-", n));
      request.mutable_evidence()->set_description(Text(n, 2000));
      request.mutable_evidence()->set_source(common_v1::PARTY_ORGANISATION);
      status = Call(&v1::Investigations::Stub::LogEvidence, request, &reply);
    }
    const absl::Duration took = absl::Now() - start;
    EXPECT_TRUE(status.ok()) << n << ": " << status.error_message();
    EXPECT_LT(reply.ByteSizeLong(), kGrpcDefaultLimit);
    return took;
  }

  // Appends items first..last; what they cost together.
  Cost AppendAll(const std::string& name, int first, int last, bool comment) {
    Cost cost;
    const int64_t rows_before = store_->RowsWritten();
    for (int n = first; n <= last; ++n) cost.time += Append(name, n, comment);
    cost.rows = store_->RowsWritten() - rows_before;
    return cost;
  }

  // `length` characters saying which item they are.
  static std::string Text(int n, size_t length) {
    std::string text = absl::StrCat("Item ", n, ": ");
    while (text.size() < length) text += "the adviser's notes of the hearing, page by page. ";
    text.resize(length);
    return text;
  }

  redress::testing::ScratchDir dir_;
  std::unique_ptr<SqliteStore> store_;
  redress::testing::FakeClock clock_{
      redress::testing::FakeClock::NoonOn(absl::CivilDay(2026, 3, 2))};
  redress::testing::SequentialIdGenerator ids_{"inv-"};
  std::unique_ptr<InvestigationLogic> logic_;
  std::unique_ptr<InvestigationService> service_;
};

TEST_F(CaseGrowthTest, AnInvestigationGrownToItsCapsStaysCheapToChangeAndReadable) {
  const std::string name = Investigating();
  const int evidence_cap = InvestigationPolicy().max_evidence_items;
  const int comment_cap = InvestigationPolicy().max_comments;

  // Evidence: the first 100, the bulk, the last 100.
  const Cost first = AppendAll(name, 1, kCalls, /*comment=*/false);
  AppendAll(name, kCalls + 1, evidence_cap - kCalls, false);
  const Cost last = AppendAll(name, evidence_cap - kCalls + 1, evidence_cap, false);
  std::printf(
      "LogEvidence, %d items of 2,000 characters: first %d calls %.1f ms (%.2f ms each, "
      "%lld rows), last %d calls %.1f ms (%.2f ms each, %lld rows), ratio %.2f\n",
      evidence_cap, kCalls, absl::ToDoubleMilliseconds(first.time),
      absl::ToDoubleMilliseconds(first.time) / kCalls, static_cast<long long>(first.rows), kCalls,
      absl::ToDoubleMilliseconds(last.time), absl::ToDoubleMilliseconds(last.time) / kCalls,
      static_cast<long long>(last.rows), absl::FDivDuration(last.time, first.time));
  // Deterministic: the 5,000th item writes what the first did. Timed: generous, the machine is
  // shared.
  EXPECT_EQ(last.rows, first.rows);
  EXPECT_EQ(first.rows, 5 * kCalls);
  EXPECT_LT(absl::FDivDuration(last.time, first.time), 3.0);

  // One more is refused, with the documented error.
  v1::LogEvidenceRequest one_more;
  one_more.set_name(name);
  one_more.set_request_id("ev-one-more");
  one_more.mutable_evidence()->set_description("One too many.");
  one_more.mutable_evidence()->set_source(common_v1::PARTY_ORGANISATION);
  ::redress::testing::ExpectErrorIn(
      "investigation.redress", Fails(&v1::Investigations::Stub::LogEvidence, one_more),
      grpc::StatusCode::FAILED_PRECONDITION, std::string(reason::kEvidenceLimitReached));

  // Comments: 20 MB of them, to their cap, on a shared view.
  Share(name);
  const Cost first_comments = AppendAll(name, 1, kCalls, /*comment=*/true);
  AppendAll(name, kCalls + 1, comment_cap - kCalls, true);
  const Cost last_comments = AppendAll(name, comment_cap - kCalls + 1, comment_cap, true);
  std::printf(
      "LogComment, %d comments of 20,000 characters: first %d calls %.1f ms (%lld rows), "
      "last %d calls %.1f ms (%lld rows), ratio %.2f\n",
      comment_cap, kCalls, absl::ToDoubleMilliseconds(first_comments.time),
      static_cast<long long>(first_comments.rows), kCalls,
      absl::ToDoubleMilliseconds(last_comments.time), static_cast<long long>(last_comments.rows),
      absl::FDivDuration(last_comments.time, first_comments.time));
  // The commenters are written while they change, then only the comment: no more than at first.
  EXPECT_LE(last_comments.rows, first_comments.rows);
  EXPECT_LT(absl::FDivDuration(last_comments.time, first_comments.time), 3.0);

  // Every read still works, and fits.
  v1::GetInvestigationRequest get;
  get.set_name(name);
  const v1::Investigation investigation = Ok(&v1::Investigations::Stub::GetInvestigation, get);
  std::printf("GetInvestigation: %zu bytes\n", investigation.ByteSizeLong());
  EXPECT_LT(investigation.ByteSizeLong(), kMaxInvestigationBytes);
  EXPECT_EQ(investigation.evidence_count(), evidence_cap);
  ASSERT_EQ(investigation.evidence_size(), kRecentEvidenceShown);
  EXPECT_EQ(investigation.evidence(kRecentEvidenceShown - 1).evidence_id(),
            absl::StrCat("e", evidence_cap));
  EXPECT_EQ(investigation.provisional_view().comment_count(), comment_cap);

  int pages = 0;
  int items = 0;
  v1::ListEvidenceRequest evidence;
  evidence.set_parent(name);
  evidence.set_page_size(500);
  do {
    const v1::ListEvidenceResponse page = Ok(&v1::Investigations::Stub::ListEvidence, evidence);
    EXPECT_LT(page.ByteSizeLong(), kGrpcDefaultLimit);
    for (const v1::EvidenceItem& item : page.evidence()) {
      EXPECT_EQ(item.evidence_id(), absl::StrCat("e", ++items));
    }
    ++pages;
    evidence.set_page_token(page.next_page_token());
  } while (!evidence.page_token().empty() && pages < 1000);
  EXPECT_EQ(items, evidence_cap);
  std::printf("ListEvidence: %d items in %d pages of up to 500\n", items, pages);

  pages = 0;
  items = 0;
  v1::ListCommentsRequest comments;
  comments.set_parent(name);
  comments.set_page_size(500);
  do {
    const v1::ListCommentsResponse page = Ok(&v1::Investigations::Stub::ListComments, comments);
    EXPECT_LT(page.ByteSizeLong(), kGrpcDefaultLimit);
    for (const v1::Comment& comment : page.comments()) {
      EXPECT_EQ(comment.comment_id(), absl::StrCat("c", ++items));
    }
    ++pages;
    comments.set_page_token(page.next_page_token());
  } while (!comments.page_token().empty() && pages < 1000);
  EXPECT_EQ(items, comment_cap);
  std::printf("ListComments: %d comments of 20,000 characters in %d pages (each under 2 MiB)\n",
              items, pages);

  // Remedy reads what it publishes from the case as it always did.
  remedy::InvestigationCaseReader reader(
      grpc::CreateChannel(address(), grpc::InsecureChannelCredentials()), /*max_in_flight=*/1);
  absl::StatusOr<remedy::CaseOnRecord> on_record = reader.GetCase(
      name.substr(std::string(kInvestigationsCollection).size()), absl::Now() + absl::Seconds(30));
  ASSERT_THAT(on_record, IsOk());
  EXPECT_EQ(on_record->state, "PROVISIONAL_VIEW_SHARED");
}

}  // namespace
}  // namespace redress::investigation
