// The Node client works against the real suite: with the locked dependencies (@grpc/grpc-js,
// @grpc/proto-loader, protobufjs) that scripts/install-deps installs in clients/node/node_modules,
// clients/node/example.js runs the example case (clients/example-case.json, the same as
// tests/fixtures/cases/2-cafcass-apology) to its published summary and prints the google.rpc
// details of the errors it provokes.
#include <string>

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "gtest/gtest.h"
#include "tests/client_example.h"

namespace redress::testing {
namespace {

TEST(NodeClientTest, ExampleRunsTheCaseToPublicationAndDecodesErrors) {
  const std::string node_dir = REDRESS_CLIENTS_DIR "/node";
  const std::string command =
      absl::StrCat("if [ ! -d ", node_dir, "/node_modules/@grpc/grpc-js ]; then\n",
                   "  echo 'no clients/node/node_modules: run scripts/install-deps' >&2; exit 1\n",
                   "fi\n", REDRESS_NODE, " ", node_dir, "/example.js");
  const absl::StatusOr<ExampleRun> run = RunAgainstSuite("node_client", command);
  ASSERT_THAT(run, IsOk());
  ExpectTheExampleCasePublishedWithDecodedErrors(*run);
}

}  // namespace
}  // namespace redress::testing
