// End-to-end tests of the real intake binary: health and reflection, and durability: every
// complaint acknowledged with OK survives SIGKILL, and every acceptance has exactly one outbox
// entry, also when AssessComplaint is retried after a restart.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/testing/status_matchers.h"
#include "redress/intake/v1/intake.grpc.pb.h"
#include "tests/complaints.h"
#include "tests/process.h"
#include "tests/test_security.h"

namespace redress::testing {
namespace {

namespace iv1 = ::redress::intake::v1;
using ::testing::Contains;
using ::testing::IsEmpty;

constexpr char kIntakeService[] = "redress.intake.v1.Intake";

class IntakeProcess {
 public:
  explicit IntakeProcess(std::string data_dir)
      : data_dir_(std::move(data_dir)),
        address_(absl::StrCat("127.0.0.1:", PickFreePort())),
        log_path_(data_dir_ + "/intake.log") {}

  // Starts intake with `extra_flags` after the defaults.
  void Start(const std::vector<std::string>& extra_flags = {}) {
    // Hand-offs go to a port where nothing listens, never to a local investigation on 50052.
    std::vector<std::string> flags = {
        "--listen=" + address_, "--data_dir=" + data_dir_, "--drain_timeout=2s",
        absl::StrCat("--investigation_address=127.0.0.1:", PickFreePort())};
    for (const std::string& flag : ServiceSecurityFlags("intake")) flags.push_back(flag);
    flags.insert(flags.end(), extra_flags.begin(), extra_flags.end());
    ASSERT_THAT(ChildProcess::Start(REDRESS_INTAKE_BINARY, flags, log_path_, process_), IsOk());
    ASSERT_THAT(WaitForServing(address_, kIntakeService, absl::Seconds(30)), IsOk())
        << ReadFileOrEmpty(log_path_);
    channel_ = grpc::CreateChannel(address_, TestChannelCredentials());
    stub_ = iv1::Intake::NewStub(channel_);
  }
  int Stop(int signal) { return process_.Stop(signal); }

  grpc::Status Submit(const iv1::SubmitComplaintRequest& request, iv1::Complaint* out) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    return stub_->SubmitComplaint(&context, request, out);
  }
  grpc::Status Assess(const std::string& name, const std::string& request_id, iv1::Complaint* out) {
    iv1::AssessComplaintRequest request;
    request.set_name(name);
    request.set_request_id(request_id);
    request.set_assessor("caseworker-1");
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    return stub_->AssessComplaint(&context, request, out);
  }
  grpc::Status Get(const std::string& name, iv1::Complaint* out) {
    iv1::GetComplaintRequest request;
    request.set_name(name);
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    return stub_->GetComplaint(&context, request, out);
  }

  const std::string& address() const { return address_; }
  std::string database() const { return data_dir_ + "/intake.db"; }
  std::string log() const { return ReadFileOrEmpty(log_path_); }

 private:
  std::string data_dir_;
  std::string address_;
  std::string log_path_;
  ChildProcess process_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<iv1::Intake::Stub> stub_;
};

// complaint id -> number of outbox entries, and complaint id -> state, read from the database
// file itself (read-only, beside the running server: SQLite in WAL mode allows it).
struct DatabaseView {
  std::map<std::string, int> outbox_entries;
  std::map<std::string, int> states;
};

DatabaseView ReadDatabase(const std::string& path) {
  DatabaseView view;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  auto each_row = [db](const char* sql, auto&& on_row) {
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      on_row(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)),
             sqlite3_column_int(stmt, 1));
    }
    sqlite3_finalize(stmt);
  };
  each_row("SELECT complaint_id, COUNT(*) FROM outbox GROUP BY complaint_id",
           [&](const char* id, int n) { view.outbox_entries[id] = n; });
  each_row("SELECT id, state FROM complaints",
           [&](const char* id, int state) { view.states[id] = state; });
  sqlite3_close(db);
  return view;
}

std::string IdOf(const std::string& name) { return name.substr(name.find('/') + 1); }

// In the database, a complaint is ACCEPTED exactly when it has one outbox entry.
void ExpectOutboxMatchesAcceptances(const DatabaseView& view) {
  for (const auto& [id, state] : view.states) {
    int entries = view.outbox_entries.count(id) ? view.outbox_entries.at(id) : 0;
    EXPECT_EQ(entries, state == iv1::COMPLAINT_STATE_ACCEPTED ? 1 : 0) << "complaint " << id;
  }
  for (const auto& [id, n] : view.outbox_entries) {
    EXPECT_TRUE(view.states.count(id)) << "outbox entry for unknown complaint " << id;
  }
}

class IntakeEndToEndTest : public ::testing::Test {
 protected:
  IntakeEndToEndTest() : data_dir_(MakeTempDir("intake_e2e")) {}
  ~IntakeEndToEndTest() override {
    std::error_code ignored;
    if (!HasFailure()) std::filesystem::remove_all(data_dir_, ignored);  // kept for diagnosis
  }
  std::string data_dir_;
};

TEST_F(IntakeEndToEndTest, ServesHealthAndReflectionAndStopsCleanlyOnSigterm) {
  IntakeProcess intake(data_dir_);
  intake.Start();
  EXPECT_THAT(WaitForServing(intake.address(), "", absl::Seconds(5)), IsOk());
  std::vector<std::string> services = ListServicesByReflection(intake.address());
  EXPECT_THAT(services, Contains(kIntakeService));
  EXPECT_THAT(services, Contains("grpc.health.v1.Health"));

  int status = intake.Stop(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status)) << intake.log();
  EXPECT_EQ(WEXITSTATUS(status), 0) << intake.log();
}

TEST_F(IntakeEndToEndTest, NoreflectionServesHealthButNoReflection) {
  IntakeProcess intake(data_dir_);
  intake.Start({"--noreflection"});
  EXPECT_THAT(WaitForServing(intake.address(), kIntakeService, absl::Seconds(5)), IsOk());
  EXPECT_THAT(ListServicesByReflection(intake.address()), IsEmpty()) << intake.log();
  EXPECT_EQ(intake.Stop(SIGTERM), 0) << intake.log();
}

TEST_F(IntakeEndToEndTest, KeepsItsDataDirectoryAndDatabaseFilesToItsOwner) {
  const std::string data_dir = data_dir_ + "/fresh";  // created by intake itself
  IntakeProcess intake(data_dir_);                    // its log stays in data_dir_
  intake.Start({"--data_dir=" + data_dir});
  iv1::Complaint submitted;
  ASSERT_THAT(intake.Submit(AcceptableComplaint("perms"), &submitted), IsOk());
  struct stat info {};
  ASSERT_EQ(::stat(data_dir.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0700u);
  for (const char* file : {"/intake.db", "/intake.db-wal", "/intake.db-shm"}) {
    ASSERT_EQ(::stat((data_dir + file).c_str(), &info), 0) << file;
    EXPECT_EQ(info.st_mode & 0777, 0600u) << file;
  }
  EXPECT_EQ(intake.Stop(SIGTERM), 0) << intake.log();
}

TEST_F(IntakeEndToEndTest, AcknowledgedComplaintsAndHandoffsSurviveSigkill) {
  IntakeProcess intake(data_dir_);
  intake.Start();
  std::map<std::string, int> acknowledged;  // name -> state
  std::map<std::string, std::string> assess_ids;
  for (int i = 0; i < 20; ++i) {
    bool accept = i % 3 != 0;
    const std::string submit_id = absl::StrCat("submit-", i);
    iv1::Complaint submitted;
    ASSERT_THAT(
        intake.Submit(accept ? AcceptableComplaint(submit_id) : PrematureComplaint(submit_id),
                      &submitted),
        IsOk());
    acknowledged[submitted.name()] = submitted.state();
    iv1::Complaint assessed;
    std::string assess_id = absl::StrCat("assess-", i);
    ASSERT_THAT(intake.Assess(submitted.name(), assess_id, &assessed), IsOk());
    EXPECT_EQ(assessed.state(),
              accept ? iv1::COMPLAINT_STATE_ACCEPTED : iv1::COMPLAINT_STATE_CLOSED);
    acknowledged[submitted.name()] = assessed.state();
    assess_ids[submitted.name()] = assess_id;
  }
  intake.Stop(SIGKILL);  // right after the last OK

  intake.Start();
  for (const auto& [name, state] : acknowledged) {
    iv1::Complaint found;
    ASSERT_THAT(intake.Get(name, &found), IsOk()) << name;
    EXPECT_EQ(found.state(), state) << name;
  }
  // Retrying every assessment after the restart returns the recorded result and adds nothing.
  for (const auto& [name, assess_id] : assess_ids) {
    iv1::Complaint again;
    ASSERT_THAT(intake.Assess(name, assess_id, &again), IsOk()) << name;
    EXPECT_EQ(again.state(), acknowledged[name]);
  }
  DatabaseView view = ReadDatabase(intake.database());
  EXPECT_EQ(view.states.size(), acknowledged.size());
  int accepted = 0;
  for (const auto& [name, state] : acknowledged) {
    if (state != iv1::COMPLAINT_STATE_ACCEPTED) continue;
    ++accepted;
    EXPECT_EQ(view.outbox_entries[IdOf(name)], 1) << name;
  }
  EXPECT_EQ(accepted, 13);
  ExpectOutboxMatchesAcceptances(view);
}

TEST_F(IntakeEndToEndTest, KillUnderConcurrentLoadLosesNothingAcknowledged) {
  IntakeProcess intake(data_dir_);
  intake.Start();
  std::mutex mu;
  std::map<std::string, int> acknowledged;  // name -> acknowledged state
  std::atomic<bool> stop{false};
  auto writer = [&](int w) {
    for (int i = 0; !stop && i < 2000; ++i) {
      iv1::Complaint submitted;
      if (!intake.Submit(AcceptableComplaint(absl::StrCat("load-", w, "-", i)), &submitted).ok()) {
        return;
      }
      {
        std::lock_guard<std::mutex> lock(mu);
        acknowledged[submitted.name()] = submitted.state();
      }
      iv1::Complaint assessed;
      if (!intake.Assess(submitted.name(), absl::StrCat("a-", w, "-", i), &assessed).ok()) return;
      std::lock_guard<std::mutex> lock(mu);
      acknowledged[submitted.name()] = assessed.state();
    }
  };
  std::thread a(writer, 1), b(writer, 2);
  absl::SleepFor(absl::Milliseconds(500));
  intake.Stop(SIGKILL);
  stop = true;
  a.join();
  b.join();
  ASSERT_GT(acknowledged.size(), 0u) << intake.log();

  intake.Start();
  for (const auto& [name, state] : acknowledged) {
    iv1::Complaint found;
    ASSERT_THAT(intake.Get(name, &found), IsOk()) << name;
    // A call in flight at the kill may have committed without its OK reaching us, so the state
    // may be ahead of what was acknowledged, never behind.
    if (state == iv1::COMPLAINT_STATE_ACCEPTED) {
      EXPECT_EQ(found.state(), state) << name;
    }
  }
  ExpectOutboxMatchesAcceptances(ReadDatabase(intake.database()));
}

}  // namespace
}  // namespace redress::testing
