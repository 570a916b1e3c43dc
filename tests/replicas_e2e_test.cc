// Replicas that share the work (issue 12): two processes of each service on one PostgreSQL server
// (a database per service), the peers and this test's clients spreading calls round-robin over
// both. Whole cases run through them; partway, one replica of each service is killed with SIGKILL
// (holding, at that moment, whatever outbox claims and follow-up lease it had), and the cases go on
// through the survivors. Afterwards every acknowledged write is present, each accepted complaint
// was opened as an investigation once, each decision's recommendations are in remedy once, and no
// hand-off is left pending.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/testing/postgres_server.h"
#include "common/testing/status_matchers.h"
#include "tests/case_fixture.h"
#include "tests/case_run.h"
#include "tests/process.h"
#include "tests/suite_harness.h"

namespace redress::testing {
namespace {

namespace cv1 = ::redress::common::v1;
namespace iv1 = ::redress::intake::v1;
namespace inv1 = ::redress::investigation::v1;
namespace rv1 = ::redress::remedy::v1;

constexpr const char* kCases[] = {"1-hmcts-declined-apology", "2-cafcass-apology",
                                  "3-dwp-not-upheld", "4-trust-and-gp-practice"};

// Each service on its own database of `server`, with short claims so that a killed replica's
// claims are taken over within the test's patience.
SuiteOptions ReplicatedOnPostgres(const PostgresServer& server) {
  SuiteOptions options;
  options.replicas = 2;
  for (const char* service : {"intake", "investigation", "remedy"}) {
    options.service_flags[service] = {"--database_url=" + server.UrlFor(service),
                                      "--outbox_claim_lease=3s", "--database_pool_size=4"};
  }
  return options;
}

class ReplicasEndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    PostgresServerOptions options;
    options.fsync = false;  // the processes are killed here, not the machine
    auto server = PostgresServer::Start(options);
    ASSERT_THAT(server, IsOk());
    server_ = *std::move(server);
    for (const char* database : {"intake", "investigation", "remedy"}) {
      ASSERT_THAT(server_->CreateDatabase(database), IsOk());
    }
    data_dir_ = MakeTempDir("replicas_e2e");
    suite_ = std::make_unique<Suite>(
        SuiteBinaries{REDRESS_INTAKE_BINARY, REDRESS_INVESTIGATION_BINARY, REDRESS_REMEDY_BINARY},
        data_dir_, ReplicatedOnPostgres(*server_));
    ASSERT_THAT(suite_->Start(), IsOk()) << suite_->Logs();
  }

  void TearDown() override {
    suite_.reset();
    std::error_code ignored;
    if (!HasFailure()) std::filesystem::remove_all(data_dir_, ignored);  // kept for diagnosis
  }

  LoadedCase Load(const std::string& name) {
    absl::StatusOr<LoadedCase> loaded =
        LoadCase(REDRESS_CASES_DIR, name, redress::Today(redress::SystemClock()));
    EXPECT_THAT(loaded, IsOk());
    return loaded.ok() ? *std::move(loaded) : LoadedCase{};
  }

  // Every investigation, by the complaint it was opened for.
  std::map<std::string, int> InvestigationsByComplaint() {
    std::map<std::string, int> count;
    inv1::ListInvestigationsRequest request;
    request.set_page_size(100);
    do {
      inv1::ListInvestigationsResponse response;
      grpc::Status status = Call([&](grpc::ClientContext* context) {
        return suite_->investigation().ListInvestigations(context, request, &response);
      });
      EXPECT_THAT(status, IsOk());
      if (!status.ok()) break;
      for (const inv1::Investigation& i : response.investigations()) {
        ++count[i.complaint().complaint()];
      }
      request.set_page_token(response.next_page_token());
    } while (!request.page_token().empty());
    return count;
  }

  // Every recommendation in remedy, by name, grouped by investigation.
  std::map<std::string, std::vector<std::string>> RecommendationsByInvestigation() {
    std::map<std::string, std::vector<std::string>> found;
    rv1::ListRecommendationsRequest request;
    request.set_page_size(100);
    do {
      rv1::ListRecommendationsResponse response;
      grpc::Status status = Call([&](grpc::ClientContext* context) {
        return suite_->remedy().ListRecommendations(context, request, &response);
      });
      EXPECT_THAT(status, IsOk());
      if (!status.ok()) break;
      for (const rv1::Recommendation& r : response.recommendations()) {
        found[r.investigation()].push_back(r.name());
      }
      request.set_page_token(response.next_page_token());
    } while (!request.page_token().empty());
    return found;
  }

  int64_t PendingHandoffs() {
    int64_t pending = 0;
    for (bool intake : {true, false}) {
      cv1::HandoffStatus status;
      grpc::Status call = Call([&](grpc::ClientContext* context) {
        return intake ? suite_->intake().GetHandoffStatus(context, {}, &status)
                      : suite_->investigation().GetHandoffStatus(context, {}, &status);
      });
      if (!call.ok()) return -1;
      pending += status.pending_count();
    }
    return pending;
  }

  std::unique_ptr<PostgresServer> server_;
  std::string data_dir_;
  std::unique_ptr<Suite> suite_;
};

TEST_F(ReplicasEndToEndTest, CasesCompleteWhileOneReplicaOfEachServiceIsKilled) {
  std::vector<LoadedCase> loaded;
  for (const char* name : kCases) loaded.push_back(Load(name));
  std::vector<std::unique_ptr<CaseRun>> runs;
  for (const LoadedCase& c : loaded) {
    ASSERT_FALSE(c.name.empty());
    runs.push_back(std::make_unique<CaseRun>(*suite_, c));
  }

  // The first case from complaint to publication through both replicas of everything.
  ASSERT_THAT(runs[0]->RunToDecision(), IsOk()) << suite_->Logs();
  ASSERT_THAT(runs[0]->SettleRecommendations(), IsOk()) << suite_->Logs();
  rv1::CaseSummary published;
  ASSERT_THAT(runs[0]->Publish(published), IsOk()) << suite_->Logs();
  EXPECT_EQ(published.text(), loaded[0].expected_text);

  // The second case is decided; at once, before remedy can be sure to have its decision, and with
  // the third case's complaint accepted but perhaps not yet handed over, the first replica of each
  // service dies.
  ASSERT_THAT(runs[1]->RunToDecision(), IsOk()) << suite_->Logs();
  ASSERT_THAT(runs[2]->RegisterOrganisations(), IsOk()) << suite_->Logs();
  ASSERT_THAT(runs[2]->SubmitAndAccept(), IsOk()) << suite_->Logs();
  for (const char* service : {"intake", "investigation", "remedy"}) {
    suite_->process(service, 0).Kill();
  }

  // Everything goes on through the survivors: the killed replicas' hand-offs are taken over once
  // their claims lapse.
  ASSERT_THAT(runs[1]->SettleRecommendations(), IsOk()) << suite_->Logs();
  ASSERT_THAT(runs[2]->AwaitInvestigation(), IsOk()) << suite_->Logs();
  ASSERT_THAT(runs[2]->Investigate(), IsOk()) << suite_->Logs();
  ASSERT_THAT(runs[2]->Decide(), IsOk()) << suite_->Logs();
  ASSERT_THAT(runs[2]->SettleRecommendations(), IsOk()) << suite_->Logs();

  // The killed replicas come back and the last case runs through both again.
  for (const char* service : {"remedy", "investigation", "intake"}) {
    ASSERT_THAT(suite_->process(service, 0).Start(), IsOk()) << suite_->Logs();
  }
  ASSERT_THAT(runs[3]->RunToDecision(), IsOk()) << suite_->Logs();
  ASSERT_THAT(runs[3]->SettleRecommendations(), IsOk()) << suite_->Logs();

  // No hand-off stays pending.
  EXPECT_TRUE(Eventually([&] { return PendingHandoffs() == 0; })) << suite_->Logs();

  // Each accepted complaint was opened once; nothing else was opened.
  std::map<std::string, int> opened = InvestigationsByComplaint();
  EXPECT_EQ(opened.size(), runs.size());
  for (const auto& run : runs) {
    EXPECT_EQ(opened[run->complaint_name()], 1) << run->complaint_name();
  }
  // Each decision's recommendations are in remedy once, in the state the case left them.
  std::map<std::string, std::vector<std::string>> recommendations =
      RecommendationsByInvestigation();
  for (size_t i = 0; i < runs.size(); ++i) {
    const CaseRun& run = *runs[i];
    SCOPED_TRACE(loaded[i].name);
    EXPECT_EQ(recommendations[run.investigation_name()].size(),
              static_cast<size_t>(loaded[i].fixture.recommendations_size()));
    for (const rv1::Recommendation& settled : run.settled()) {
      rv1::GetRecommendationRequest request;
      request.set_name(settled.name());
      rv1::Recommendation stored;
      ASSERT_THAT(Call([&](grpc::ClientContext* context) {
                    return suite_->remedy().GetRecommendation(context, request, &stored);
                  }),
                  IsOk());
      EXPECT_EQ(stored.state(), settled.state());
    }
    // The acknowledged decision is there, on whichever replica answers.
    inv1::GetInvestigationRequest get;
    get.set_name(run.investigation_name());
    inv1::Investigation investigation;
    ASSERT_THAT(Call([&](grpc::ClientContext* context) {
                  return suite_->investigation().GetInvestigation(context, get, &investigation);
                }),
                IsOk());
    EXPECT_EQ(investigation.state(), inv1::INVESTIGATION_STATE_DECIDED);
  }
  // The published summary of the first case survived too.
  rv1::GetCaseSummaryRequest summary_request;
  summary_request.set_name(published.name());
  rv1::CaseSummary summary;
  ASSERT_THAT(Call([&](grpc::ClientContext* context) {
                return suite_->remedy().GetCaseSummary(context, summary_request, &summary);
              }),
              IsOk());
  EXPECT_EQ(summary.text(), published.text());
}

}  // namespace
}  // namespace redress::testing
