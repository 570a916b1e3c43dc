#include "tests/backup_scenario.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <atomic>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/clock.h"
#include "common/testing/status_matchers.h"
#include "tests/case_fixture.h"
#include "tests/case_run.h"
#include "tests/process.h"

namespace redress::testing {
namespace {

namespace iv1 = ::redress::intake::v1;
namespace inv1 = ::redress::investigation::v1;
namespace rv1 = ::redress::remedy::v1;
using ::google::protobuf::util::MessageDifferencer;

const char* const kServices[] = {"intake", "investigation", "remedy"};

LoadedCase Load(const std::string& cases_dir, const std::string& name) {
  absl::StatusOr<LoadedCase> loaded =
      LoadCase(cases_dir, name, redress::Today(redress::SystemClock()));
  EXPECT_THAT(loaded, IsOk());
  return loaded.ok() ? *std::move(loaded) : LoadedCase{};
}

// Submits complaints one after another until stopped, keeping the names of those acknowledged.
class Submitter {
 public:
  Submitter(Suite& suite, const iv1::Complaint& complaint)
      : thread_([this, &suite, complaint] {
          for (int n = 0; !stop_; ++n) {
            iv1::SubmitComplaintRequest request;
            request.set_request_id(absl::StrCat("backup-writer-", n));
            *request.mutable_complaint() = complaint;
            iv1::Complaint submitted;
            const grpc::Status status = Call([&](grpc::ClientContext* context) {
              return suite.intake().SubmitComplaint(context, request, &submitted);
            });
            absl::MutexLock lock(&mu_);
            if (status.ok())
              acknowledged_.push_back(submitted.name());
            else
              failures_.push_back(status.error_message());
          }
        }) {}
  ~Submitter() { Stop(); }
  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  std::vector<std::string> acknowledged() const {
    absl::MutexLock lock(&mu_);
    return acknowledged_;
  }
  std::vector<std::string> failures() const {
    absl::MutexLock lock(&mu_);
    return failures_;
  }

 private:
  std::atomic<bool> stop_{false};
  mutable absl::Mutex mu_;
  std::vector<std::string> acknowledged_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> failures_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
};

// What the suite says of one case, read back after the restore.
struct CaseRecord {
  iv1::Complaint complaint;
  inv1::Investigation investigation;
  rv1::CaseSummary summary;
  std::vector<rv1::Recommendation> recommendations;
};

CaseRecord Read(Suite& suite, const std::string& complaint, const std::string& investigation,
                const std::vector<std::string>& recommendations) {
  CaseRecord record;
  iv1::GetComplaintRequest get_complaint;
  get_complaint.set_name(complaint);
  EXPECT_THAT(Call([&](grpc::ClientContext* c) {
                return suite.intake().GetComplaint(c, get_complaint, &record.complaint);
              }),
              IsOk());
  inv1::GetInvestigationRequest get_investigation;
  get_investigation.set_name(investigation);
  EXPECT_THAT(Call([&](grpc::ClientContext* c) {
                return suite.investigation().GetInvestigation(c, get_investigation,
                                                              &record.investigation);
              }),
              IsOk());
  rv1::GetCaseSummaryRequest get_summary;
  get_summary.set_name("caseSummaries/" + investigation.substr(investigation.find('/') + 1));
  EXPECT_THAT(Call([&](grpc::ClientContext* c) {
                return suite.remedy().GetCaseSummary(c, get_summary, &record.summary);
              }),
              IsOk());
  for (const std::string& name : recommendations) {
    rv1::GetRecommendationRequest get_recommendation;
    get_recommendation.set_name(name);
    record.recommendations.emplace_back();
    EXPECT_THAT(Call([&](grpc::ClientContext* c) {
                  return suite.remedy().GetRecommendation(c, get_recommendation,
                                                          &record.recommendations.back());
                }),
                IsOk());
  }
  return record;
}

void ExpectSame(const CaseRecord& restored, const CaseRecord& original) {
  EXPECT_TRUE(MessageDifferencer::Equals(restored.complaint, original.complaint))
      << restored.complaint.DebugString() << "\nwas\n"
      << original.complaint.DebugString();
  EXPECT_TRUE(MessageDifferencer::Equals(restored.investigation, original.investigation));
  EXPECT_TRUE(MessageDifferencer::Equals(restored.summary, original.summary))
      << restored.summary.DebugString() << "\nwas\n"
      << original.summary.DebugString();
  ASSERT_EQ(restored.recommendations.size(), original.recommendations.size());
  for (size_t i = 0; i < original.recommendations.size(); ++i) {
    EXPECT_TRUE(
        MessageDifferencer::Equals(restored.recommendations[i], original.recommendations[i]))
        << restored.recommendations[i].DebugString();
  }
}

}  // namespace

absl::Status RunCommand(const std::string& command, std::string* output) {
  const auto [status, out] = RunShell(command + " 2>&1");
  if (output != nullptr) *output = out;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return absl::OkStatus();
  return absl::InternalError(absl::StrCat(command, " failed (wait status ", status, "):\n", out));
}

void RunBackupScenario(const BackupScenario& scenario) {
  const LoadedCase before = Load(scenario.cases_dir, "2-cafcass-apology");
  const LoadedCase after = Load(scenario.cases_dir, "3-dwp-not-upheld");
  ASSERT_FALSE(before.name.empty() || after.name.empty());

  std::optional<Suite> live(std::in_place, scenario.binaries, scenario.live_dir, scenario.live);
  ASSERT_THAT(live->Start(), IsOk());
  CaseRun run(*live, before);
  ASSERT_THAT(run.RunToDecision(), IsOk()) << live->Logs();
  ASSERT_THAT(run.SettleRecommendations(), IsOk()) << live->Logs();
  rv1::CaseSummary published;
  ASSERT_THAT(run.Publish(published), IsOk()) << live->Logs();
  std::vector<std::string> recommendation_names;
  for (const rv1::Recommendation& r : run.settled()) recommendation_names.push_back(r.name());
  const CaseRecord original =
      Read(*live, run.complaint_name(), run.investigation_name(), recommendation_names);

  // Back up each service while it runs and intake keeps taking complaints.
  Submitter submitter(*live, before.fixture.complaint());
  ASSERT_TRUE(Eventually([&] { return submitter.acknowledged().size() >= 5; })) << live->Logs();
  const std::vector<std::string> acknowledged_before = submitter.acknowledged();
  for (const char* service : kServices) {
    ASSERT_THAT(scenario.backup(service), IsOk());
  }
  const size_t acknowledged_during = submitter.acknowledged().size();
  submitter.Stop();
  EXPECT_TRUE(submitter.failures().empty()) << submitter.failures().front();
  EXPECT_GT(acknowledged_during, acknowledged_before.size());  // the writer really ran meanwhile
  live.reset();  // SIGKILL: what the live databases hold from now on no longer matters

  for (const char* service : kServices) {
    ASSERT_THAT(scenario.restore(service), IsOk());
  }
  Suite restored(scenario.binaries, scenario.restored_dir, scenario.restored);
  ASSERT_THAT(restored.Start(), IsOk()) << restored.Logs();

  ExpectSame(Read(restored, run.complaint_name(), run.investigation_name(), recommendation_names),
             original);
  for (const std::string& name : acknowledged_before) {
    iv1::GetComplaintRequest request;
    request.set_name(name);
    iv1::Complaint complaint;
    EXPECT_THAT(Call([&](grpc::ClientContext* c) {
                  return restored.intake().GetComplaint(c, request, &complaint);
                }),
                IsOk())
        << name << " was acknowledged before the backup began";
  }

  // And it carries on: a new case from complaint to published summary.
  CaseRun next(restored, after);
  ASSERT_THAT(next.RunToDecision(), IsOk()) << restored.Logs();
  ASSERT_THAT(next.SettleRecommendations(), IsOk()) << restored.Logs();
  rv1::CaseSummary next_summary;
  EXPECT_THAT(next.Publish(next_summary), IsOk()) << restored.Logs();
}

}  // namespace redress::testing
