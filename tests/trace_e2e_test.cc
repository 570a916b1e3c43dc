// One case followed through the three services' logs by its trace id (docs/operations.md,
// "Following a case through the logs"): the three real binaries, a case driven with the caller's
// traceparent, and every step of it, including the two hand-offs that cross an outbox (intake's
// acceptance to investigation, investigation's decision to remedy), found in the logs under that
// trace id; and, without a caller's trace, the one intake starts followed into investigation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "common/clock.h"
#include "common/testing/status_matchers.h"
#include "common/trace_context.h"
#include "tests/case_fixture.h"
#include "tests/case_run.h"
#include "tests/one_case_test.h"
#include "tests/process.h"
#include "tests/suite_harness.h"

namespace redress::testing {
namespace {

using ::testing::IsEmpty;
using ::testing::Not;

// One JSON log line's message, method (of an "rpc" line) and trace id, read by pattern.
struct LogLine {
  std::string text, msg, method, trace_id;
};

std::string Field(const std::string& line, const std::string& key) {
  const std::regex pattern("\"" + key + "\":\"([^\"]*)\"");
  std::smatch match;
  return std::regex_search(line, match, pattern) ? match[1].str() : "";
}

std::vector<LogLine> Lines(const std::string& log) {
  std::vector<LogLine> lines;
  for (absl::string_view text : absl::StrSplit(log, '\n', absl::SkipEmpty())) {
    LogLine line{std::string(text), "", "", ""};
    line.msg = Field(line.text, "msg");
    line.method = Field(line.text, "method");
    line.trace_id = Field(line.text, "trace_id");
    lines.push_back(std::move(line));
  }
  return lines;
}

// The trace ids of the "rpc" lines of `method` ("/redress.intake.v1.Intake/SubmitComplaint").
std::vector<std::string> TracesOf(const std::vector<LogLine>& lines, const std::string& method) {
  std::vector<std::string> traces;
  for (const LogLine& line : lines) {
    if (line.msg == "rpc" && line.method == method) traces.push_back(line.trace_id);
  }
  return traces;
}

class TraceEndToEndTest : public OneCaseTest {
 protected:
  TraceEndToEndTest() : OneCaseTest("trace_e2e") {}
  std::vector<LogLine> Log(const std::string& service) {
    return Lines(suite_.process(service, 0).log());
  }
};

TEST_F(TraceEndToEndTest, OneCaseIsFollowedThroughTheThreeLogsByTheCallersTrace) {
  const TraceContext caller = NewTrace();
  CaseRun run(suite_, case_);
  {
    const ScopedTrace scope(caller);  // the suite's stubs send it on every call
    ASSERT_THAT(run.RunToDecision(), IsOk()) << suite_.Logs();
    ASSERT_THAT(run.SettleRecommendations(), IsOk()) << suite_.Logs();
  }
  const std::vector<LogLine> intake = Log("intake");
  const std::vector<LogLine> investigation = Log("investigation");
  const std::vector<LogLine> remedy = Log("remedy");

  // The caller's own calls, in each service.
  EXPECT_THAT(TracesOf(intake, "/redress.intake.v1.Intake/SubmitComplaint"),
              ::testing::ElementsAre(caller.trace_id));
  EXPECT_THAT(
      TracesOf(investigation, "/redress.investigation.v1.Investigations/IssueFinalDecision"),
      ::testing::Each(caller.trace_id));
  // The hand-offs, which the services' outbox senders made later on threads of their own: the
  // trace crossed the outbox and the call between services.
  EXPECT_THAT(TracesOf(investigation, "/redress.investigation.v1.Investigations/OpenInvestigation"),
              ::testing::ElementsAre(caller.trace_id))
      << suite_.Logs();
  EXPECT_THAT(TracesOf(remedy, "/redress.remedy.v1.Remedy/ReceiveDecision"),
              ::testing::ElementsAre(caller.trace_id))
      << suite_.Logs();
  // The senders' own lines about them too.
  int delivered = 0;
  for (const auto* log : {&intake, &investigation}) {
    for (const LogLine& line : *log) {
      if (line.msg != "handoff delivered") continue;
      ++delivered;
      EXPECT_EQ(line.trace_id, caller.trace_id) << line.text;
    }
  }
  EXPECT_GE(delivered, 2);
  // Every call any service served, this case's or not, was logged with a trace.
  for (const auto* log : {&intake, &investigation, &remedy}) {
    for (const LogLine& line : *log) {
      if (line.msg == "rpc") {
        EXPECT_THAT(line.trace_id, Not(IsEmpty())) << line.text;
      }
    }
  }
}

TEST_F(TraceEndToEndTest, WithoutACallersTraceIntakeStartsOneThatInvestigationContinues) {
  CaseRun run(suite_, case_);
  ASSERT_THAT(run.RegisterOrganisations(), IsOk());
  ASSERT_THAT(run.SubmitAndAccept(), IsOk()) << suite_.Logs();
  ASSERT_THAT(run.AwaitInvestigation(), IsOk()) << suite_.Logs();
  const std::vector<std::string> assess =
      TracesOf(Log("intake"), "/redress.intake.v1.Intake/AssessComplaint");
  ASSERT_EQ(assess.size(), 1u);
  ASSERT_TRUE(ParseTraceparent("00-" + assess[0] + "-00f067aa0ba902b7-01").has_value())
      << assess[0];
  const std::vector<std::string> submit =
      TracesOf(Log("intake"), "/redress.intake.v1.Intake/SubmitComplaint");
  ASSERT_EQ(submit.size(), 1u);
  EXPECT_NE(submit[0], assess[0]);  // two calls without a caller's trace: two traces
  EXPECT_THAT(
      TracesOf(Log("investigation"), "/redress.investigation.v1.Investigations/OpenInvestigation"),
      ::testing::ElementsAre(assess[0]))
      << suite_.Logs();
}

}  // namespace
}  // namespace redress::testing
