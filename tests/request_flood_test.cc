// Memory stays bounded under a flood of maximal requests (docs/reliability.md, "Request size and
// memory"). The real intake binary, on SQLite, takes clients that send, each on a connection of its
// own, SubmitComplaint requests as large as intake's limit allows made of empty people (two bytes
// each on the wire, about a hundred once parsed), every fourth one a byte over the limit:
//
// - 16 clients for 10 s, the server otherwise idle: it reads, parses and refuses each maximal
//   request in turn (the size limit is what bounds its memory);
// - 32 clients for 3 s while a transaction of the test's holds the database and 40 normal
//   submissions wait on it, taking every handler thread: the flood's calls queue, each holding its
//   parsed request, and the request memory budget refuses those past 64 MiB.
//
// Every call is answered with a well-formed error: INVALID_ARGUMENT for the complaint of a quarter
// of a million people, RESOURCE_EXHAUSTED for a request over the limit (by gRPC, unread) or past
// the budget (SERVER_BUSY, with a RetryInfo). The server's peak resident memory (VmHWM) stays
// under kPeakRssBound, which the code before the limits (4 MiB requests, no budget) passed three
// times over; it answers normal requests afterwards, and stops cleanly.
//
// To measure another build or other settings (docs/reliability.md gives the figures),
// REDRESS_FLOOD_INTAKE_BINARY names the intake binary to start, REDRESS_FLOOD_REQUEST_BYTES the
// size of a maximal request (default: IntakeService::kMaxRequestBytes), REDRESS_FLOOD_SERVER_FLAGS
// extra flags for it, separated by spaces, and REDRESS_FLOOD_CLIENTS the clients of the first
// flood (16; the second has twice as many).
#include <gmock/gmock.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/testing/grpc_error_details.h"
#include "common/testing/request_size.h"
#include "common/testing/status_matchers.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "redress/intake/v1/intake.grpc.pb.h"
#include "services/intake/api/intake_service.h"
#include "tests/complaints.h"
#include "tests/process.h"

namespace redress::testing {
namespace {

namespace iv1 = ::redress::intake::v1;

constexpr char kIntakeService[] = "redress.intake.v1.Intake";
constexpr char kSubmitMethod[] = "/redress.intake.v1.Intake/SubmitComplaint";
constexpr int kDefaultClients = 16;
constexpr absl::Duration kFloodTime = absl::Seconds(10);
// Every kOverEvery-th call of a client is a byte over the limit.
constexpr int kOverEvery = 4;
// The bound on the server's peak resident memory: the memory limit of the services' pods
// (deploy/README.md, "Resources"), which the flood must not take a replica past. Measured on the
// development machine (2 cores): 150 to 180 MiB with the limits (idle 27 MiB, the budget's 64 MiB,
// and what gRPC parses at once); 1.1 GiB for the code before them, 750 MiB without the budget
// while the handlers wait (docs/reliability.md).
constexpr int64_t kPeakRssBound = int64_t{384} << 20;

std::string EnvOr(const char* name, std::string fallback) {
  const char* value = std::getenv(name);
  return value == nullptr || *value == '\0' ? fallback : std::string(value);
}

// A SubmitComplaint request of exactly `bytes` on the wire, encoded: one complainant and as many
// empty people after it as fit, the request_id taking up the last byte or two. Encoded once; the
// parsed message, as large in memory as the server's copy, goes at once.
struct EncodedRequest {
  std::string bytes;
  int people = 0;
};
EncodedRequest EmptyPeopleRequest(size_t bytes) {
  iv1::SubmitComplaintRequest request;
  iv1::Person* complainant = request.mutable_complaint()->add_people();
  complainant->set_role(iv1::PERSON_ROLE_COMPLAINANT);
  complainant->mutable_details()->set_family_name("Brown");
  request.mutable_complaint()->set_what_went_wrong("Nothing at all.");
  const size_t room = bytes - request.ByteSizeLong() - 32;
  for (size_t p = 0; p < room / 2; ++p) request.mutable_complaint()->add_people();
  if (!PadToWireSize(request, request.mutable_request_id(), bytes)) return {};
  return {request.SerializeAsString(), request.complaint().people_size()};
}

// The process's peak resident set (VmHWM in /proc/<pid>/status), in bytes; -1 if unreadable.
int64_t PeakRss(pid_t pid) {
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) != 0) continue;
    int64_t kib = -1;
    const std::string value(absl::StripAsciiWhitespace(line.substr(6)));
    if (absl::SimpleAtoi(value.substr(0, value.find(' ')), &kib)) return kib * 1024;
  }
  return -1;
}

std::string MiB(int64_t bytes) { return absl::StrCat(bytes >> 20, " MiB"); }

// The outcome of one flood call, as a key of the tally: its code and ErrorInfo reason, with
// "(unread)" for an error without details (gRPC's own) and "+retry" when it has a RetryInfo.
std::string OutcomeOf(const grpc::Status& status) {
  if (status.ok()) return "OK";
  std::string outcome = absl::StrCat(status.error_code());
  if (status.error_details().empty()) return outcome + " (unread)";
  const ErrorDetails details = DetailsOf(status);
  absl::StrAppend(&outcome, " ", details.error_info.reason());
  google::rpc::Status rpc;
  if (rpc.ParseFromString(status.error_details())) {
    for (const auto& detail : rpc.details()) {
      if (detail.Is<google::rpc::RetryInfo>()) absl::StrAppend(&outcome, "+retry");
    }
  }
  return outcome;
}

class RequestFloodTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("redress_request_flood");
    address_ = absl::StrCat("127.0.0.1:", PickFreePort());
    std::vector<std::string> args = {
        "--insecure", "--listen=" + address_, "--data_dir=" + dir_ + "/data", "--drain_timeout=2s",
        absl::StrCat("--investigation_address=127.0.0.1:", PickFreePort())};
    for (absl::string_view flag :
         absl::StrSplit(EnvOr("REDRESS_FLOOD_SERVER_FLAGS", ""), ' ', absl::SkipEmpty())) {
      args.emplace_back(flag);
    }
    ASSERT_THAT(ChildProcess::Start(EnvOr("REDRESS_FLOOD_INTAKE_BINARY", REDRESS_INTAKE_BINARY),
                                    args, dir_ + "/intake.log", process_),
                IsOk());
    ASSERT_THAT(WaitForServing(address_, kIntakeService, absl::Seconds(30), Transport::kPlaintext),
                IsOk())
        << Log();
    ASSERT_TRUE(
        absl::SimpleAtoi(EnvOr("REDRESS_FLOOD_REQUEST_BYTES", std::to_string(limit_)), &limit_));
    ASSERT_TRUE(
        absl::SimpleAtoi(EnvOr("REDRESS_FLOOD_CLIENTS", std::to_string(clients_)), &clients_));
    maximal_ = EmptyPeopleRequest(limit_);
    over_ = EmptyPeopleRequest(limit_ + 1);
    ASSERT_FALSE(maximal_.bytes.empty());
    ASSERT_FALSE(over_.bytes.empty());
  }
  void TearDown() override {
    if (process_.running()) process_.Stop(SIGTERM);
    std::filesystem::remove_all(dir_);
  }

  // A channel of its own (not shared with the others'), so each client has its own connection.
  std::shared_ptr<grpc::Channel> NewChannel() const {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    return grpc::CreateCustomChannel(address_, grpc::InsecureChannelCredentials(), args);
  }

  // Sends `request` (encoded) as SubmitComplaint and waits for the answer.
  static grpc::Status SendEncoded(grpc::GenericStub& stub, const grpc::ByteBuffer& request) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    // On a machine loaded by other tests a client's connection attempt can fail; without this
    // every later call of that client would fail fast, unsent, until the channel's reconnection
    // backoff ends. A call once sent is not retried, so every answer is still the server's.
    context.set_wait_for_ready(true);
    grpc::ByteBuffer response;
    grpc::Status status;
    absl::Notification done;
    stub.UnaryCall(&context, kSubmitMethod, grpc::StubOptions(), &request, &response,
                   [&](grpc::Status s) {
                     status = std::move(s);
                     done.Notify();
                   });
    done.WaitForNotification();
    return status;
  }

  // What the flood's calls were answered, by OutcomeOf, and what it cost the server.
  struct FloodResult {
    std::map<std::string, int> maximal;  // calls of a maximal request
    std::map<std::string, int> over;     // calls of a request a byte over the limit
    int64_t idle_rss = 0;                // the server's peak resident set before, in bytes
    int64_t peak_rss = 0;                // and after
  };

  // `clients` threads, each on a connection of its own, send maximal requests (every
  // kOverEvery-th one a byte over the limit instead) one after another for `duration`.
  FloodResult Flood(absl::Duration duration, int clients) {
    FloodResult result;
    grpc::Slice maximal_slice(maximal_.bytes);
    grpc::Slice over_slice(over_.bytes);
    const grpc::ByteBuffer maximal(&maximal_slice, 1);
    const grpc::ByteBuffer over(&over_slice, 1);
    result.idle_rss = PeakRss(process_.pid());
    absl::Mutex mu;
    const absl::Time end = absl::Now() + duration;
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
      threads.emplace_back([&, c] {
        grpc::GenericStub stub(NewChannel());
        for (int i = c % kOverEvery; absl::Now() < end; ++i) {
          const bool is_over = i % kOverEvery == 0;
          const grpc::Status status = SendEncoded(stub, is_over ? over : maximal);
          absl::MutexLock lock(&mu);
          ++(is_over ? result.over : result.maximal)[OutcomeOf(status)];
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
    result.peak_rss = PeakRss(process_.pid());
    return result;
  }

  // Prints the flood's figures, and checks that the server is up, that every call got a
  // well-formed error, and that its peak resident set stayed under kPeakRssBound.
  void Check(const std::string& name, int clients, const FloodResult& result) {
    auto print = [](const std::map<std::string, int>& outcomes) {
      std::string text;
      for (const auto& [outcome, count] : outcomes) {
        absl::StrAppend(&text, " ", outcome, ": ", count);
      }
      return text;
    };
    std::cout << name << ": " << clients << " clients, requests of " << limit_ << " bytes ("
              << maximal_.people << " people) and " << limit_ + 1 << "; peak RSS "
              << MiB(result.peak_rss) << " (idle " << MiB(result.idle_rss) << ", bound "
              << MiB(kPeakRssBound) << ")\n  maximal:" << print(result.maximal)
              << "\n  over the limit:" << print(result.over) << std::endl;
    ASSERT_TRUE(ServerAlive()) << Log();
    // Codes as grpc::StatusCode numbers: 3 INVALID_ARGUMENT, 8 RESOURCE_EXHAUSTED.
    for (const auto& [outcome, count] : result.maximal) {
      EXPECT_THAT(outcome, ::testing::AnyOf("3 INVALID_ARGUMENT", "8 SERVER_BUSY+retry"))
          << count << " maximal calls";
    }
    for (const auto& [outcome, count] : result.over) {
      EXPECT_EQ(outcome, "8 (unread)") << count << " calls over the limit";
    }
    EXPECT_GT(result.over.count("8 (unread)"), 0u);
    EXPECT_LT(result.peak_rss, kPeakRssBound) << "peak RSS " << MiB(result.peak_rss);
  }

  // Submits an acceptable complaint as `request_id`.
  grpc::Status SubmitNormal(iv1::Intake::Stub& stub, const std::string& request_id) {
    const iv1::SubmitComplaintRequest request = AcceptableComplaint(request_id);
    iv1::Complaint complaint;
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    context.set_wait_for_ready(true);  // as in SendEncoded
    return stub.SubmitComplaint(&context, request, &complaint);
  }

  // Whether the server is still the process we started (it has not exited).
  bool ServerAlive() const { return waitpid(process_.pid(), nullptr, WNOHANG) == 0; }

  std::string Log() const { return ReadFileOrEmpty(dir_ + "/intake.log"); }

  std::string dir_;
  std::string address_;
  ChildProcess process_;
  int clients_ = kDefaultClients;
  int64_t limit_ = intake::IntakeService::kMaxRequestBytes;
  EncodedRequest maximal_;
  EncodedRequest over_;
};

TEST_F(RequestFloodTest, MemoryStaysBoundedAndEveryCallIsAnsweredWithAWellFormedError) {
  const FloodResult result = Flood(kFloodTime, clients_);
  Check("request flood", clients_, result);
  EXPECT_GT(result.maximal.count("3 INVALID_ARGUMENT"), 0u) << "no maximal request was served";

  // It still answers a normal request, and stops cleanly.
  auto stub = iv1::Intake::NewStub(NewChannel());
  const grpc::Status normal = SubmitNormal(*stub, "after-the-flood");
  EXPECT_TRUE(normal.ok()) << normal.error_message();
  EXPECT_TRUE(ServerAlive());
  EXPECT_EQ(process_.Stop(SIGTERM), 0) << Log();
}

// The budget at work: while a transaction of the test's holds the database, 40 normal submissions
// wait on it, taking every handler thread (32) and the head of the queue, so the flood's calls
// queue behind them, each holding its parsed request. Without the budget every client's would be
// held at once; with it, those past 64 MiB are refused SERVER_BUSY.
TEST_F(RequestFloodTest, WhileHandlersWaitOnTheDatabaseQueuedRequestsStayWithinTheBudget) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ + "/data/intake.db").c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  ASSERT_EQ(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  std::atomic<bool> stop{false};
  std::atomic<int> submitted{0};
  absl::Mutex mu;
  std::map<std::string, int> normal_outcomes;
  std::vector<std::thread> writers;
  for (int w = 0; w < 40; ++w) {
    writers.emplace_back([&, w] {
      auto stub = iv1::Intake::NewStub(NewChannel());
      for (int i = 0; !stop; ++i) {
        const grpc::Status status = SubmitNormal(*stub, absl::StrCat("normal-", w, "-", i));
        ++submitted;
        absl::MutexLock lock(&mu);
        ++normal_outcomes[OutcomeOf(status)];
      }
    });
  }
  // The database is held for 4 s in all, less than the store's 5 s busy timeout, so the waiting
  // submissions go through once it is released; the flood's queued calls are answered then too.
  std::thread release([db] {
    absl::SleepFor(absl::Seconds(4));
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  });
  absl::SleepFor(absl::Milliseconds(500));  // every handler thread waits on the database
  EXPECT_EQ(submitted.load(), 0) << "the submissions did not wait on the database";
  const FloodResult result = Flood(absl::Seconds(3), 2 * clients_);
  release.join();
  sqlite3_close(db);
  stop = true;
  for (std::thread& writer : writers) writer.join();

  Check("request flood, handlers waiting on the database", 2 * clients_, result);
  EXPECT_GT(result.maximal.count("8 SERVER_BUSY+retry"), 0u) << "the budget refused nothing";
  for (const auto& [outcome, count] : normal_outcomes) {
    EXPECT_EQ(outcome, "OK") << count << " normal submissions";
  }
  EXPECT_TRUE(ServerAlive());
  EXPECT_EQ(process_.Stop(SIGTERM), 0) << Log();
}

}  // namespace
}  // namespace redress::testing
