#include "tests/client_example.h"

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/process.h"
#include "tests/suite_harness.h"
#include "tests/test_security.h"

namespace redress::testing {
namespace {

// What both examples (clients/python/example.py, clients/node/example.js) print of the errors they
// provoke, in the same format.
constexpr const char* kDecodedErrorLines[] = {
    "SubmitComplaint with an empty request was refused:\nINVALID_ARGUMENT: ",
    "\n  field request_id: is required\n",
    "\n  field complaint.people: ",
    "\n  reason INVALID_ARGUMENT (domain intake.redress)\n",
    "AcceptRecommendation a second time was refused:\nFAILED_PRECONDITION: ",
    "\n  precondition STATE on recommendations/",
    "\n  reason INVALID_STATE_TRANSITION (domain remedy.redress): state=ACCEPTED\n",
};

}  // namespace

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

absl::StatusOr<ExampleRun> RunAgainstSuite(const std::string& name, const std::string& command,
                                           absl::Duration limit) {
  ExampleRun run;
  run.dir = MakeTempDir(name);
  Suite suite({REDRESS_INTAKE_BINARY, REDRESS_INVESTIGATION_BINARY, REDRESS_REMEDY_BINARY},
              run.dir);
  RETURN_IF_ERROR(suite.Start());
  const std::string script = run.dir + "/example.sh";
  std::ofstream(script) << "set -euo pipefail\n"
                        << "export REDRESS_INTAKE=" << suite.intake_address() << "\n"
                        << "export REDRESS_INVESTIGATION=" << suite.investigation_address() << "\n"
                        << "export REDRESS_REMEDY=" << suite.remedy_address() << "\n"
                        << TestClientEnvironmentExports() << "\n"
                        << command << "\n";
  const std::string out = run.dir + "/example.out";
  const std::string err = run.dir + "/example.err";
  const std::string shell =
      absl::StrCat("cd ", run.dir, " && timeout ", absl::ToInt64Seconds(limit), " bash ", script,
                   " > ", out, " 2> ", err, " < /dev/null");
  const int status = std::system(shell.c_str());
  run.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = ReadWholeFile(out);
  run.err = ReadWholeFile(err);
  run.logs = suite.Logs();
  return run;
}

std::string Describe(const ExampleRun& run) {
  return absl::StrCat("exit status ", run.exit_status, " in ", run.dir, "\n--- stdout\n", run.out,
                      "\n--- stderr\n", run.err, "\n--- services\n", run.logs);
}

void ExpectTheExampleCasePublishedWithDecodedErrors(const ExampleRun& run) {
  using ::testing::HasSubstr;
  ASSERT_EQ(run.exit_status, 0) << Describe(run);
  const std::string summary = ReadWholeFile(REDRESS_CASES_DIR "/2-cafcass-apology.expected.txt");
  ASSERT_FALSE(summary.empty());
  EXPECT_THAT(run.out, HasSubstr(absl::StrCat(summary, "\n"))) << Describe(run);
  for (const char* line : kDecodedErrorLines) {
    EXPECT_THAT(run.out, HasSubstr(line)) << Describe(run);
  }
  if (::testing::Test::HasFailure()) return;
  std::error_code ignored;
  std::filesystem::remove_all(run.dir, ignored);
}

}  // namespace redress::testing
