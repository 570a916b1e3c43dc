// The Python client works against the real suite: clients/python/generate.sh generates the code
// with Debian's protoc and grpc_python_plugin (into the test's directory), and
// clients/python/example.py, on Debian's python3 with python3-grpcio, runs the example case
// (clients/example-case.json, the same as tests/fixtures/cases/2-cafcass-apology) to its
// published summary and prints the google.rpc details of the errors it provokes.
#include <filesystem>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/client_example.h"

namespace redress::testing {
namespace {

using ::testing::HasSubstr;

TEST(PythonClientTest, ExampleRunsTheCaseToPublicationAndDecodesErrors) {
  const std::string python_dir = REDRESS_CLIENTS_DIR "/python";
  const std::string command =
      absl::StrCat("bash ", python_dir, "/generate.sh \"$PWD/gen\"\n",
                   "PYTHONDONTWRITEBYTECODE=1 REDRESS_PYTHON_GEN=\"$PWD/gen\" ",
                   REDRESS_CLIENT_PYTHON, " ", python_dir, "/example.py");
  const absl::StatusOr<ExampleRun> run = RunAgainstSuite("python_client", command);
  ASSERT_THAT(run, IsOk());
  ASSERT_EQ(run->exit_status, 0) << Describe(*run);

  // The whole published summary, as the suite test publishes it from the fixture.
  const std::string summary = ReadWholeFile(REDRESS_CASES_DIR "/2-cafcass-apology.expected.txt");
  ASSERT_FALSE(summary.empty());
  EXPECT_THAT(run->out, HasSubstr(absl::StrCat(summary, "\n"))) << Describe(*run);
  // The empty submission's field violations and the second acceptance's precondition, decoded
  // from the grpc-status-details-bin trailer.
  for (const char* line : kDecodedErrorLines) {
    EXPECT_THAT(run->out, HasSubstr(line)) << Describe(*run);
  }

  std::error_code ignored;
  if (!::testing::Test::HasFailure()) std::filesystem::remove_all(run->dir, ignored);
}

}  // namespace
}  // namespace redress::testing
