// Tests of the process's metrics: what each recording function counts, scrape hooks, the
// exposition accepted by Prometheus' own `promtool check metrics`, and the HTTP endpoint on a
// loopback port. The registry is process-wide, so each test uses labels of its own and checks
// the samples it made.
#include "common/metrics/metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <prometheus/gauge.h>

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/metrics/metrics_exposer.h"
#include "common/testing/http_get.h"
#include "common/testing/promtool.h"
#include "common/testing/scratch_dir.h"
#include "common/testing/status_matchers.h"

namespace redress::metrics {
namespace {

using ::redress::testing::HttpGet;
using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(MetricsTest, ServedCallsAreCountedByServiceMethodAndCode) {
  ObserveServedCall("/test.v1.Counted/Get", "unary", 0, 0.003);
  ObserveServedCall("/test.v1.Counted/Get", "unary", 0, 0.2);
  ObserveServedCall("/test.v1.Counted/Get", "unary", 5, 0.001);  // NOT_FOUND
  const std::string text = TextExposition();
  EXPECT_THAT(text, HasSubstr("grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"Get\","
                              "grpc_service=\"test.v1.Counted\",grpc_type=\"unary\"} 2"));
  EXPECT_THAT(text, HasSubstr("grpc_server_handled_total{grpc_code=\"NOT_FOUND\","
                              "grpc_method=\"Get\",grpc_service=\"test.v1.Counted\","
                              "grpc_type=\"unary\"} 1"));
  EXPECT_THAT(text, HasSubstr("grpc_server_handling_seconds_count{grpc_method=\"Get\","
                              "grpc_service=\"test.v1.Counted\",grpc_type=\"unary\"} 3"));
  // 0.001 and 0.003 are within 5 ms; 0.2 is not.
  EXPECT_THAT(text, HasSubstr("grpc_server_handling_seconds_bucket{grpc_method=\"Get\","
                              "grpc_service=\"test.v1.Counted\",grpc_type=\"unary\","
                              "le=\"0.005\"} 2"));
}

TEST(MetricsTest, AMethodNameThatIsNotAPathIsCountedWhole) {
  ObserveServedCall("unknown", "unary", 12, 0.001);  // UNIMPLEMENTED
  EXPECT_THAT(TextExposition(),
              HasSubstr("grpc_server_handled_total{grpc_code=\"UNIMPLEMENTED\","
                        "grpc_method=\"unknown\",grpc_service=\"\",grpc_type=\"unary\"} 1"));
}

TEST(MetricsTest, EachTypeAndEveryCodeOfAMethodIsCountedApart) {
  for (int code = 0; code <= 16; ++code) ObserveServedCall("/test.v1.Coded/Get", "unary", code, 0);
  ObserveServedCall("/test.v1.Coded/Get", "unary", 16, 0);
  ObserveServedCall("/test.v1.Coded/Get", "unary", 99, 0);  // no gRPC code: counted all the same
  ObserveServedCall("/test.v1.Coded/Get", "bidi_stream", 0, 0);
  const std::string text = TextExposition();
  for (int code = 0; code <= 15; ++code) {
    EXPECT_THAT(
        text, HasSubstr(absl::StrCat("grpc_server_handled_total{grpc_code=\"",
                                     absl::StatusCodeToString(static_cast<absl::StatusCode>(code)),
                                     "\",grpc_method=\"Get\",grpc_service=\"test.v1.Coded\","
                                     "grpc_type=\"unary\"} 1")));
  }
  EXPECT_THAT(text, HasSubstr("grpc_server_handled_total{grpc_code=\"UNAUTHENTICATED\","
                              "grpc_method=\"Get\",grpc_service=\"test.v1.Coded\","
                              "grpc_type=\"unary\"} 2"));
  EXPECT_THAT(text, HasSubstr("grpc_server_handling_seconds_count{grpc_method=\"Get\","
                              "grpc_service=\"test.v1.Coded\",grpc_type=\"unary\"} 19"));
  EXPECT_THAT(text, HasSubstr("grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"Get\","
                              "grpc_service=\"test.v1.Coded\",grpc_type=\"bidi_stream\"} 1"));
  EXPECT_THAT(text, HasSubstr("grpc_server_handling_seconds_count{grpc_method=\"Get\","
                              "grpc_service=\"test.v1.Coded\",grpc_type=\"bidi_stream\"} 1"));
}

TEST(MetricsTest, CallsServedOnManyThreadsAreAllCounted) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < 1000; ++i) {
        ObserveServedCall(i % 2 == 0 ? "/test.v1.Busy/Get" : "/test.v1.Busy/List", "unary",
                          (i + t) % 3, 0.002);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const std::string text = TextExposition();
  for (const char* method : {"Get", "List"}) {
    EXPECT_THAT(text,
                HasSubstr(absl::StrCat("grpc_server_handling_seconds_count{grpc_method=\"", method,
                                       "\",grpc_service=\"test.v1.Busy\","
                                       "grpc_type=\"unary\"} 2000")));
  }
  // Each thread's 500 calls of a method go round the three codes from its own start.
  EXPECT_THAT(text, HasSubstr("grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"Get\","
                              "grpc_service=\"test.v1.Busy\",grpc_type=\"unary\"} 667"));
}

TEST(MetricsTest, RefusalsAreTheCodesWaitingCannotCure) {
  for (absl::StatusCode code :
       {absl::StatusCode::kOk, absl::StatusCode::kAlreadyExists, absl::StatusCode::kUnavailable,
        absl::StatusCode::kDeadlineExceeded, absl::StatusCode::kCancelled,
        absl::StatusCode::kResourceExhausted, absl::StatusCode::kAborted}) {
    EXPECT_FALSE(IsRefusal(code)) << absl::StatusCodeToString(code);
  }
  for (absl::StatusCode code :
       {absl::StatusCode::kInvalidArgument, absl::StatusCode::kFailedPrecondition,
        absl::StatusCode::kPermissionDenied, absl::StatusCode::kUnauthenticated,
        absl::StatusCode::kNotFound, absl::StatusCode::kUnimplemented, absl::StatusCode::kInternal,
        absl::StatusCode::kDataLoss}) {
    EXPECT_TRUE(IsRefusal(code)) << absl::StatusCodeToString(code);
  }
}

TEST(MetricsTest, HandoffAttemptsRefusalsAndBacklogAreRecordedPerRoute) {
  HandoffMetrics handoff("test_route");
  handoff.CountAttempt(absl::StatusCode::kOk);
  handoff.CountAttempt(absl::StatusCode::kUnavailable);
  handoff.CountAttempt(absl::StatusCode::kInvalidArgument);
  handoff.CountAttempt(absl::StatusCode::kInvalidArgument);
  handoff.SetBacklog(3, 42.5, 2);
  handoff.CountParking("REFUSED");
  const std::string text = TextExposition();
  EXPECT_THAT(text,
              HasSubstr("redress_handoff_attempts_total{code=\"OK\",handoff=\"test_route\"} 1"));
  EXPECT_THAT(text, HasSubstr("redress_handoff_attempts_total{code=\"UNAVAILABLE\","
                              "handoff=\"test_route\"} 1"));
  EXPECT_THAT(text, HasSubstr("redress_handoff_refused_total{code=\"INVALID_ARGUMENT\","
                              "handoff=\"test_route\"} 2"));
  EXPECT_THAT(text, Not(HasSubstr("redress_handoff_refused_total{code=\"UNAVAILABLE\",handoff="
                                  "\"test_route\"}")));
  EXPECT_THAT(text, HasSubstr("redress_handoff_pending{handoff=\"test_route\"} 3"));
  EXPECT_THAT(text,
              HasSubstr("redress_handoff_oldest_pending_age_seconds{handoff=\"test_route\"} 42.5"));
  EXPECT_THAT(text, HasSubstr("redress_handoff_parked{handoff=\"test_route\"} 2"));
  EXPECT_THAT(text, HasSubstr("redress_handoff_parkings_total{handoff=\"test_route\","
                              "reason=\"REFUSED\"} 1"));
}

TEST(MetricsTest, StoreErrorsAreCountedByStoreAndCode) {
  CountStoreError("teststore", absl::StatusCode::kUnavailable);
  CountStoreError("teststore", absl::StatusCode::kUnavailable);
  EXPECT_THAT(TextExposition(), HasSubstr("redress_store_errors_total{code=\"UNAVAILABLE\","
                                          "store=\"teststore\"} 2"));
}

TEST(MetricsTest, ScrapeHooksSetTheirGaugesAtEachScrapeUntilDestroyed) {
  prometheus::Gauge& gauge = Gauge("redress_test_hooked", "A gauge set by a scrape hook.");
  int scrapes = 0;
  {
    ScrapeHook hook([&] { gauge.Set(++scrapes); });
    EXPECT_THAT(TextExposition(), HasSubstr("redress_test_hooked 1"));
    EXPECT_THAT(TextExposition(), HasSubstr("redress_test_hooked 2"));
  }
  EXPECT_THAT(TextExposition(), HasSubstr("redress_test_hooked 2"));  // no longer refreshed
  EXPECT_EQ(scrapes, 2);
}

// Every family the services record, with a sample each, passes promtool's checks (names, help,
// types, counters' _total, units in seconds).
TEST(MetricsTest, TheExpositionPassesPromtool) {
  ObserveServedCall("/test.v1.Linted/Get", "server_stream", 0, 0.01);
  CountStoreError("sqlite", absl::StatusCode::kInternal);
  HandoffMetrics("linted").CountAttempt(absl::StatusCode::kFailedPrecondition);
  Gauge("redress_remedy_overdue_recommendations", "Open recommendations past their target date.")
      .Set(4);
  const redress::testing::ScratchDir dir;
  EXPECT_EQ(redress::testing::PromtoolCheckMetrics(REDRESS_PROMTOOL, TextExposition(), dir.path()),
            "");
}

TEST(MetricsExposerTest, ServesTheExpositionOnALoopbackPort) {
  ObserveServedCall("/test.v1.Served/Get", "unary", 0, 0.01);
  auto exposer = MetricsExposer::Start("127.0.0.1:0");
  ASSERT_THAT(exposer, IsOk());
  ASSERT_GT((*exposer)->port(), 0);
  auto response = HttpGet((*exposer)->port(), "/metrics");
  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->status, 200);
  EXPECT_THAT(response->body, HasSubstr("grpc_service=\"test.v1.Served\""));
  auto missing = HttpGet((*exposer)->port(), "/elsewhere");
  ASSERT_THAT(missing, IsOk());
  EXPECT_EQ(missing->status, 404);
}

TEST(MetricsExposerTest, ABoundPortIsAClearError) {
  auto first = MetricsExposer::Start("127.0.0.1:0");
  ASSERT_THAT(first, IsOk());
  auto second = MetricsExposer::Start(absl::StrCat("127.0.0.1:", (*first)->port()));
  EXPECT_THAT(second.status(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(MetricsExposer::Start("not an address").status(),
              StatusIs(absl::StatusCode::kUnavailable));
}

}  // namespace
}  // namespace redress::metrics
