// The Node client works against the real suite: with the locked dependencies (@grpc/grpc-js,
// @grpc/proto-loader, protobufjs) that scripts/install-deps installs in clients/node/node_modules,
// clients/node/example.js runs the example case (clients/example-case.json, the same as
// tests/fixtures/cases/2-cafcass-apology) to its published summary and prints the google.rpc
// details of the errors it provokes.
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

TEST(NodeClientTest, ExampleRunsTheCaseToPublicationAndDecodesErrors) {
  const std::string node_dir = REDRESS_CLIENTS_DIR "/node";
  const std::string command =
      absl::StrCat("if [ ! -d ", node_dir, "/node_modules/@grpc/grpc-js ]; then\n",
                   "  echo 'no clients/node/node_modules: run scripts/install-deps' >&2; exit 1\n",
                   "fi\n", REDRESS_NODE, " ", node_dir, "/example.js");
  const absl::StatusOr<ExampleRun> run = RunAgainstSuite("node_client", command);
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
