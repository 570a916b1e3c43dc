// The built `redress` binary against a fake intake service in this process: main's wiring of
// arguments, environment, output and exit codes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "tests/process.h"
#include "tools/redress_cli/fake_intake_service.h"

namespace redress::cli {
namespace {

using ::redress::cli::testing::FakeIntakeServer;
using ::redress::cli::testing::FakeIntakeService;
using ::testing::HasSubstr;

struct CliRun {
  int exit_code;
  std::string output;  // standard output and standard error together
};

class RedressBinaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = FakeIntakeServer::Start();
    ASSERT_NE(server_, nullptr);
    dir_ = redress::testing::MakeTempDir("redress_cli_e2e");
  }

  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  CliRun Redress(const std::vector<std::string>& args) {
    const std::string log = absl::StrCat(dir_, "/run", ++runs_, ".log");
    redress::testing::ChildProcess child;
    EXPECT_TRUE(redress::testing::ChildProcess::Start(REDRESS_CLI_BINARY, args, log, child).ok());
    // Signal 0 sends nothing: this only waits for the process to end by itself.
    const int status = child.Stop(0, absl::Seconds(30));
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, redress::testing::ReadFileOrEmpty(log)};
  }

  std::unique_ptr<FakeIntakeServer> server_;
  std::string dir_;
  int runs_ = 0;
};

TEST_F(RedressBinaryTest, PrintsAResponseAsJson) {
  const CliRun run = Redress({"--intake=" + server_->address(), "--json", "intake", "GetComplaint",
                              R"({"name": "complaints/c-1"})"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  intake::v1::Complaint printed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(run.output, &printed).ok()) << run.output;
  EXPECT_EQ(printed.SerializeAsString(), FakeIntakeService::FixedComplaint().SerializeAsString());
}

TEST_F(RedressBinaryTest, ExitsOneWithTheDecodedErrorForAFailedCall) {
  const CliRun run =
      Redress({"--intake", server_->address(), "intake", "GetComplaint", R"({"name": "bad"})"});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_THAT(run.output, HasSubstr("error: INVALID_ARGUMENT (3)"));
  EXPECT_THAT(run.output, HasSubstr("    name: must be complaints/{complaint}"));
}

TEST_F(RedressBinaryTest, ExitsTwoOnUsageErrorsAndZeroForHelp) {
  EXPECT_EQ(Redress({"intake", "NoSuchMethod"}).exit_code, 2);
  EXPECT_EQ(Redress({"intake", "GetComplaint", "{not json"}).exit_code, 2);
  EXPECT_EQ(Redress({"--bogus"}).exit_code, 2);
  const CliRun help = Redress({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.output, HasSubstr("Output and exit codes"));
}

}  // namespace
}  // namespace redress::cli
