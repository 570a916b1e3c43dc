// The Python client works against the real suite: clients/python/generate.sh generates the code
// with Debian's protoc and grpc_python_plugin (into the test's directory), and
// clients/python/example.py, on Debian's python3 with python3-grpcio, runs the example case
// (clients/example-case.json, the same as tests/fixtures/cases/2-cafcass-apology) to its
// published summary and prints the google.rpc details of the errors it provokes.
#include <string>

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "gtest/gtest.h"
#include "tests/client_example.h"

namespace redress::testing {
namespace {

TEST(PythonClientTest, ExampleRunsTheCaseToPublicationAndDecodesErrors) {
  const std::string python_dir = REDRESS_CLIENTS_DIR "/python";
  const std::string command =
      absl::StrCat("bash ", python_dir, "/generate.sh \"$PWD/gen\"\n",
                   "PYTHONDONTWRITEBYTECODE=1 REDRESS_PYTHON_GEN=\"$PWD/gen\" ",
                   REDRESS_CLIENT_PYTHON, " ", python_dir, "/example.py");
  const absl::StatusOr<ExampleRun> run = RunAgainstSuite("python_client", command);
  ASSERT_THAT(run, IsOk());
  ExpectTheExampleCasePublishedWithDecodedErrors(*run);
}

}  // namespace
}  // namespace redress::testing
