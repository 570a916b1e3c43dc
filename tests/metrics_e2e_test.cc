// The three binaries' Prometheus metrics (docs/operations.md, "Metrics and alerts"), scraped over
// HTTP on loopback as Prometheus would: after a whole case, each service has its calls counted by
// method and code, the hand-offs it sent counted and its backlog empty, and every exposition
// passes `promtool check metrics`; with investigation down, intake's backlog gauges show the
// waiting hand-off and its failed attempts, and drain when investigation is back.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <regex>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/clock.h"
#include "common/testing/http_get.h"
#include "common/testing/promtool.h"
#include "common/testing/status_matchers.h"
#include "tests/case_fixture.h"
#include "tests/case_run.h"
#include "tests/one_case_test.h"
#include "tests/process.h"
#include "tests/suite_harness.h"

namespace redress::testing {
namespace {

// The port a service's "serving" log line reports for --metrics_listen=127.0.0.1:0.
int MetricsPort(const ServiceProcess& process) {
  const std::regex pattern("\"metrics_port\":([0-9]+)");
  std::smatch match;
  const std::string log = process.log();
  int port = 0;
  if (std::regex_search(log, match, pattern)) (void)absl::SimpleAtoi(match[1].str(), &port);
  return port;
}

// The value of the sample written exactly as `series` (name and labels, as the exposition
// spells them), or nullopt when there is none.
std::optional<double> Sample(const std::string& exposition, const std::string& series) {
  for (absl::string_view line : absl::StrSplit(exposition, '\n')) {
    if (!absl::ConsumePrefix(&line, series) || !absl::ConsumePrefix(&line, " ")) continue;
    double value = 0;
    if (absl::SimpleAtod(line, &value)) return value;
  }
  return std::nullopt;
}

std::string Handled(const std::string& service, const std::string& method,
                    const std::string& code) {
  return absl::StrCat("grpc_server_handled_total{grpc_code=\"", code, "\",grpc_method=\"", method,
                      "\",grpc_service=\"", service, "\",grpc_type=\"unary\"}");
}

std::string Attempts(const std::string& handoff, const std::string& code) {
  return absl::StrCat("redress_handoff_attempts_total{code=\"", code, "\",handoff=\"", handoff,
                      "\"}");
}

std::string Pending(const std::string& handoff) {
  return absl::StrCat("redress_handoff_pending{handoff=\"", handoff, "\"}");
}

std::string OldestAge(const std::string& handoff) {
  return absl::StrCat("redress_handoff_oldest_pending_age_seconds{handoff=\"", handoff, "\"}");
}

class MetricsEndToEndTest : public OneCaseTest {
 protected:
  MetricsEndToEndTest() : OneCaseTest("metrics_e2e", {"--metrics_listen=127.0.0.1:0"}) {}

  // The service's /metrics now; fails the test when it cannot be read.
  std::string Scrape(const std::string& service) {
    const int port = MetricsPort(suite_.process(service, 0));
    EXPECT_GT(port, 0) << service << " logged no metrics port:\n" << suite_.Logs();
    absl::StatusOr<HttpResponse> response = HttpGet(port, "/metrics");
    EXPECT_THAT(response, IsOk()) << service;
    if (!response.ok()) return "";
    EXPECT_EQ(response->status, 200) << service;
    return response->body;
  }
};

TEST_F(MetricsEndToEndTest, AfterACaseEachServiceHasCountedItsCallsAndHandOffs) {
  CaseRun run(suite_, case_);
  ASSERT_THAT(run.RunToDecision(), IsOk()) << suite_.Logs();
  ASSERT_THAT(run.SettleRecommendations(), IsOk()) << suite_.Logs();
  redress::remedy::v1::CaseSummary summary;
  ASSERT_TRUE(run.Publish(summary).ok()) << suite_.Logs();

  const std::string intake = Scrape("intake");
  EXPECT_THAT(Sample(intake, Handled("redress.intake.v1.Intake", "SubmitComplaint", "OK")),
              ::testing::Optional(1.0))
      << intake;
  EXPECT_THAT(Sample(intake, Attempts("intake_to_investigation", "OK")),
              ::testing::Optional(::testing::Ge(1.0)))
      << intake;
  EXPECT_THAT(Sample(intake, Pending("intake_to_investigation")), ::testing::Optional(0.0));
  EXPECT_THAT(intake, ::testing::HasSubstr("grpc_server_handling_seconds_bucket{grpc_method="
                                           "\"SubmitComplaint\""));

  const std::string investigation = Scrape("investigation");
  const std::string investigations = "redress.investigation.v1.Investigations";
  // Opened by intake's hand-off, decided by the caseworker's calls.
  EXPECT_THAT(Sample(investigation, Handled(investigations, "OpenInvestigation", "OK")),
              ::testing::Optional(1.0))
      << investigation;
  EXPECT_THAT(Sample(investigation, Handled(investigations, "IssueFinalDecision", "OK")),
              ::testing::Optional(::testing::Ge(1.0)))
      << investigation;
  EXPECT_THAT(Sample(investigation, Attempts("investigation_to_remedy", "OK")),
              ::testing::Optional(::testing::Ge(1.0)))
      << investigation;
  EXPECT_THAT(Sample(investigation, Pending("investigation_to_remedy")), ::testing::Optional(0.0));

  const std::string remedy = Scrape("remedy");
  EXPECT_THAT(Sample(remedy, Handled("redress.remedy.v1.Remedy", "ReceiveDecision", "OK")),
              ::testing::Optional(::testing::Ge(1.0)))
      << remedy;
  EXPECT_THAT(Sample(remedy, Handled("redress.remedy.v1.Remedy", "PublishCaseSummary", "OK")),
              ::testing::Optional(1.0))
      << remedy;
  // The case's recommendations were settled by their target dates: none is overdue.
  EXPECT_THAT(Sample(remedy, "redress_remedy_overdue_recommendations"), ::testing::Optional(0.0))
      << remedy;

  for (const std::string* exposition : {&intake, &investigation, &remedy}) {
    EXPECT_EQ(PromtoolCheckMetrics(REDRESS_PROMTOOL, *exposition, data_dir_), "");
  }
}

TEST_F(MetricsEndToEndTest, AHandOffWaitingForADownReceiverShowsInTheBacklogUntilItDrains) {
  CaseRun run(suite_, case_);
  ASSERT_THAT(run.RegisterOrganisations(), IsOk());
  suite_.process("investigation", 0).Kill();
  ASSERT_THAT(run.SubmitAndAccept(), IsOk()) << suite_.Logs();

  const std::string handoff = "intake_to_investigation";
  std::string intake;
  // The sender tries at once and fails; the backlog is read from the database at each scrape.
  EXPECT_TRUE(Eventually([&] {
    intake = Scrape("intake");
    return Sample(intake, Attempts(handoff, "UNAVAILABLE")).value_or(0) >= 1 &&
           Sample(intake, OldestAge(handoff)).value_or(0) > 0;
  })) << intake;
  EXPECT_THAT(Sample(intake, Pending(handoff)), ::testing::Optional(1.0)) << intake;
  EXPECT_THAT(Sample(intake, "redress_handoff_refused_total{code=\"UNAVAILABLE\",handoff=\"" +
                                 handoff + "\"}"),
              std::nullopt);  // unreachable is not a refusal

  ASSERT_THAT(suite_.process("investigation", 0).Start(), IsOk());
  ASSERT_THAT(run.AwaitInvestigation(), IsOk()) << suite_.Logs();
  EXPECT_TRUE(Eventually([&] {
    intake = Scrape("intake");
    return Sample(intake, Pending(handoff)) == 0.0 && Sample(intake, OldestAge(handoff)) == 0.0;
  })) << intake;
  EXPECT_THAT(Sample(intake, Attempts(handoff, "OK")), ::testing::Optional(1.0)) << intake;
}

}  // namespace
}  // namespace redress::testing
