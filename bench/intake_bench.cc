// Measures the intake service as clients see it: the real binary on a real SQLite file, called
// over loopback gRPC by 1 and 4 client threads. Prints throughput, p50/p99 latency and the
// server's peak memory for each operation next to a baseline measured in the same run (the health
// check: same transport, no database), so that figures from noisy shared machines are compared
// as ratios. Not a test: nothing here asserts on time.
//
//   build/bench/intake_bench [--requests=N] [--intake_binary=PATH]
#include <grpcpp/grpcpp.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "bench/process_stats.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "redress/intake/v1/intake.grpc.pb.h"
#include "tests/process.h"
#include "tests/test_security.h"

ABSL_FLAG(int, requests, 2000, "requests per operation and concurrency level");
ABSL_FLAG(std::string, intake_binary, REDRESS_INTAKE_BINARY, "the intake server binary");

namespace {

namespace iv1 = ::redress::intake::v1;
using grpc::health::v1::Health;

struct Figures {
  double seconds = 0;
  std::vector<double> latencies_ms;
  int errors = 0;
};

double Percentile(std::vector<double> sorted, double p) {
  if (sorted.empty()) return 0;
  std::sort(sorted.begin(), sorted.end());
  size_t index = static_cast<size_t>(p * (sorted.size() - 1));
  return sorted[index];
}

// Runs `call(thread, i)` `requests` times spread over `clients` threads.
Figures Measure(int clients, int requests, const std::function<bool(int, int)>& call) {
  std::vector<std::vector<double>> per_thread(clients);
  std::atomic<int> next{0};
  std::atomic<int> errors{0};
  absl::Time start = absl::Now();
  std::vector<std::thread> threads;
  for (int t = 0; t < clients; ++t) {
    threads.emplace_back([&, t] {
      for (int i = next++; i < requests; i = next++) {
        absl::Time before = absl::Now();
        if (!call(t, i)) ++errors;
        per_thread[t].push_back(absl::ToDoubleMilliseconds(absl::Now() - before));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  Figures figures;
  figures.seconds = absl::ToDoubleSeconds(absl::Now() - start);
  for (auto& v : per_thread) {
    figures.latencies_ms.insert(figures.latencies_ms.end(), v.begin(), v.end());
  }
  figures.errors = errors;
  return figures;
}

void SetDate(redress::common::v1::Date* date, absl::CivilDay day) {
  date->set_year(static_cast<int>(day.year()));
  date->set_month(day.month());
  date->set_day(day.day());
}

iv1::SubmitComplaintRequest Submission(const std::string& request_id) {
  absl::CivilDay today = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone());
  iv1::SubmitComplaintRequest request;
  request.set_request_id(request_id);
  iv1::Complaint* c = request.mutable_complaint();
  iv1::Person* person = c->add_people();
  person->set_role(iv1::PERSON_ROLE_COMPLAINANT);
  person->mutable_details()->set_title("Mr");
  person->mutable_details()->set_family_name("Bennett");
  person->mutable_details()->set_email("r.bennett@example.org");
  c->add_organisations("organisations/cafcass");
  c->set_channel(iv1::SUBMISSION_CHANNEL_ONLINE_FORM);
  c->set_what_went_wrong(std::string(1500, 'w'));
  c->set_injustice_claimed("Months of delay before the hearing.");
  c->set_outcome_wanted("An apology.");
  SetDate(c->mutable_aware_date(), today - 60);
  SetDate(c->mutable_complained_to_organisation_date(), today - 50);
  SetDate(c->mutable_final_response_date(), today - 10);
  return request;
}

template <typename Call>
bool Unary(Call&& call) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  return call(&context).ok();
}

class Bench {
 public:
  Bench(std::shared_ptr<grpc::Channel> channel, pid_t server, int requests)
      : health_(Health::NewStub(channel)),
        intake_(iv1::Intake::NewStub(channel)),
        server_(server),
        requests_(requests) {}

  void Run() {
    std::printf("%-28s %7s %7s %10s %9s %9s %10s %9s\n", "operation", "clients", "ops", "ops/s",
                "p50 ms", "p99 ms", "p50/base", "peak MiB");
    for (int clients : {1, 4}) {
      baseline_p50_ = 0;
      Report("health check (baseline)", clients, Measure(clients, requests_, [&](int, int) {
               grpc::health::v1::HealthCheckRequest request;
               grpc::health::v1::HealthCheckResponse response;
               return Unary([&](auto* c) { return health_->Check(c, request, &response); });
             }));
      Report("SubmitComplaint", clients, Measure(clients, requests_, [&](int t, int i) {
               return Submit(absl::StrCat("s", clients, "-", t, "-", i), nullptr);
             }));
      Report("Submit + AssessComplaint", clients,
             Measure(clients, requests_ / 2, [&](int t, int i) {
               iv1::Complaint c;
               if (!Submit(absl::StrCat("a", clients, "-", t, "-", i), &c)) return false;
               iv1::AssessComplaintRequest request;
               request.set_name(c.name());
               request.set_request_id(absl::StrCat("assess-", clients, "-", t, "-", i));
               request.set_assessor("bench");
               return Unary([&](auto* ctx) { return intake_->AssessComplaint(ctx, request, &c); });
             }));
      Report("GetComplaint", clients, Measure(clients, requests_, [&](int, int i) {
               iv1::GetComplaintRequest request;
               request.set_name(names_[i % names_.size()]);
               iv1::Complaint c;
               return Unary([&](auto* ctx) { return intake_->GetComplaint(ctx, request, &c); });
             }));
      Report("ListComplaints (50)", clients, Measure(clients, requests_ / 4, [&](int, int) {
               iv1::ListComplaintsRequest request;
               request.set_filter("state = ACCEPTED");
               iv1::ListComplaintsResponse response;
               return Unary(
                   [&](auto* ctx) { return intake_->ListComplaints(ctx, request, &response); });
             }));
    }
  }

 private:
  bool Submit(const std::string& request_id, iv1::Complaint* out) {
    iv1::Complaint c;
    bool ok =
        Unary([&](auto* ctx) { return intake_->SubmitComplaint(ctx, Submission(request_id), &c); });
    if (ok && names_.size() < 1000) {
      std::lock_guard<std::mutex> lock(mu_);
      names_.push_back(c.name());
    }
    if (out != nullptr) *out = c;
    return ok;
  }

  void Report(const std::string& name, int clients, const Figures& f) {
    double p50 = Percentile(f.latencies_ms, 0.50);
    if (baseline_p50_ == 0) baseline_p50_ = p50;
    std::printf("%-28s %7d %7zu %10.0f %9.3f %9.3f %10.1f %9.1f%s\n", name.c_str(), clients,
                f.latencies_ms.size(), f.latencies_ms.size() / f.seconds, p50,
                Percentile(f.latencies_ms, 0.99), p50 / baseline_p50_,
                redress::bench::PeakResidentMib(server_).value_or(0),
                f.errors > 0 ? absl::StrCat("  (", f.errors, " errors)").c_str() : "");
    std::fflush(stdout);
  }

  std::unique_ptr<Health::Stub> health_;
  std::unique_ptr<iv1::Intake::Stub> intake_;
  pid_t server_;
  int requests_;
  double baseline_p50_ = 0;
  std::mutex mu_;
  std::vector<std::string> names_;
};

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  using redress::testing::ChildProcess;
  std::string dir = redress::testing::MakeTempDir("intake_bench");
  std::string address = absl::StrCat("127.0.0.1:", redress::testing::PickFreePort());
  ChildProcess server;
  // As deployed: TLS, the caller with a bearer token.
  std::vector<std::string> flags = {"--listen=" + address, "--data_dir=" + dir};
  for (const std::string& flag : redress::testing::ServiceSecurityFlags("intake")) {
    flags.push_back(flag);
  }
  absl::Status started =
      ChildProcess::Start(absl::GetFlag(FLAGS_intake_binary), flags, dir + "/intake.log", server);
  if (started.ok()) {
    started = redress::testing::WaitForServing(address, "", absl::Seconds(30));
  }
  if (!started.ok()) {
    std::fprintf(stderr, "intake_bench: %s\n", std::string(started.message()).c_str());
    return 1;
  }
  std::printf(
      "intake on %s over TLS with a bearer token, SQLite in %s (WAL, synchronous=FULL), "
      "%d requests per row\n",
      address.c_str(), dir.c_str(), absl::GetFlag(FLAGS_requests));
  Bench(grpc::CreateChannel(address, redress::testing::TestChannelCredentials()), server.pid(),
        absl::GetFlag(FLAGS_requests))
      .Run();
  server.Stop(SIGTERM);
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return 0;
}
