// `redress handoffs`: its words and flags, the table of parked hand-offs, and each action against
// the fake intake service (every page listed, the request_id and reason sent, a refusal's exit
// code).
#include "tools/redress_cli/handoffs_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "tools/redress_cli/cli.h"
#include "tools/redress_cli/cli_options.h"
#include "tools/redress_cli/fake_intake_service.h"

namespace redress::cli {
namespace {

namespace cv1 = ::redress::common::v1;
using ::redress::cli::testing::FakeIntakeServer;
using ::redress::cli::testing::FakeIntakeService;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

absl::StatusOr<CliOptions> Parse(const std::vector<std::string>& args) {
  return ParseCliOptions(args, [](const std::string&) { return std::nullopt; });
}

TEST(HandoffsOptionsTest, EachActionTakesItsWords) {
  absl::StatusOr<CliOptions> list = Parse({"handoffs", "list", "intake"});
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->command, Command::kHandoffs);
  EXPECT_THAT(list->operands, ElementsAre("list", "intake"));

  absl::StatusOr<CliOptions> discard =
      Parse({"handoffs", "discard", "redress.investigation.v1.Investigations", "handoffs/7",
             "--reason", "sent by hand", "--request_id=d-1"});
  ASSERT_TRUE(discard.ok()) << discard.status();
  EXPECT_THAT(discard->operands, ElementsAre("discard", "investigation", "handoffs/7"));
  EXPECT_EQ(discard->reason, "sent by hand");
  EXPECT_EQ(discard->request_id, "d-1");
}

TEST(HandoffsOptionsTest, WrongWordsAndFlagsAreUsageErrors) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"handoffs"},
           {"handoffs", "list"},
           {"handoffs", "list", "remedy"},  // sends no hand-offs
           {"handoffs", "list", "intake", "handoffs/1"},
           {"handoffs", "show", "intake"},
           {"handoffs", "retry", "intake", "handoffs/1"},
           {"handoffs", "discard", "intake", "handoffs/1"},  // no reason
           {"handoffs", "redrive", "intake", "handoffs/1", "--reason=x"},
           {"handoffs", "list", "intake", "--request_id=r1"},
           {"handoffs", "show", "intake", "handoffs/1", "--get=name"},
           {"handoffs", "list", "intake", "--email=a@example.org"},
           {"intake", "GetComplaint", "--reason=x"},
       }) {
    EXPECT_EQ(Parse(args).status().code(), absl::StatusCode::kInvalidArgument)
        << ::testing::PrintToString(args);
  }
}

TEST(FormatParkedHandoffsTest, OneLinePerHandoffAndACount) {
  cv1::Handoff handoff = FakeIntakeService::ParkedHandoff(1);
  handoff.set_last_error(std::string(100, 'x'));
  const std::string table = FormatParkedHandoffs({handoff});
  EXPECT_THAT(table, StartsWith("NAME"));
  EXPECT_THAT(table, HasSubstr("handoffs/1"));
  EXPECT_THAT(table, HasSubstr("complaints/c-1"));
  EXPECT_THAT(table, HasSubstr("REFUSED"));
  EXPECT_THAT(table, HasSubstr("2026-01-31T09:00:00Z"));
  EXPECT_THAT(table, HasSubstr(std::string(60, 'x') + "...\n"));
  EXPECT_THAT(table, HasSubstr("\n1 parked\n"));
  EXPECT_EQ(FormatParkedHandoffs({}), "no parked hand-offs\n");
}

struct CliRun {
  int exit_code;
  std::string out;
  std::string err;
};

class HandoffsCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = FakeIntakeServer::Start();
    ASSERT_NE(server_, nullptr);
  }

  CliRun Cli(std::vector<std::string> args) {
    args.insert(args.begin(), "--intake=" + server_->address());
    std::istringstream in;
    std::ostringstream out, err;
    const int exit_code =
        RunCli(args, [](const std::string&) { return std::nullopt; }, {in, out, err});
    return {exit_code, out.str(), err.str()};
  }

  std::unique_ptr<FakeIntakeServer> server_;
};

TEST_F(HandoffsCliTest, ListReadsEveryPage) {
  const CliRun run = Cli({"handoffs", "list", "intake"});
  EXPECT_EQ(run.exit_code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr("handoffs/1"));
  EXPECT_THAT(run.out, HasSubstr("handoffs/2"));
  EXPECT_THAT(run.out, HasSubstr("\n2 parked\n"));
}

TEST_F(HandoffsCliTest, ShowPrintsTheHandoff) {
  const CliRun run = Cli({"handoffs", "show", "intake", "handoffs/1"});
  EXPECT_EQ(run.exit_code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr("park_reason: PARK_REASON_REFUSED"));
  EXPECT_THAT(run.out, HasSubstr("last_error: \"INVALID_ARGUMENT"));
}

TEST_F(HandoffsCliTest, RedriveSendsTheGivenRequestIdOrANewOne) {
  CliRun run = Cli({"handoffs", "redrive", "intake", "handoffs/1", "--request_id=r-1"});
  EXPECT_EQ(run.exit_code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr("state: STATE_PENDING"));
  EXPECT_EQ(server_->service().last_redrive().request_id(), "r-1");
  run = Cli({"handoffs", "redrive", "intake", "handoffs/1"});
  EXPECT_EQ(run.exit_code, kExitOk) << run.err;
  EXPECT_THAT(server_->service().last_redrive().request_id(), StartsWith("cli-"));
}

TEST_F(HandoffsCliTest, DiscardSendsItsReason) {
  const CliRun run = Cli({"handoffs", "discard", "intake", "handoffs/2", "--reason=sent by hand"});
  EXPECT_EQ(run.exit_code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr("state: STATE_DISCARDED"));
  EXPECT_EQ(server_->service().last_discard().reason(), "sent by hand");
  EXPECT_EQ(server_->service().last_discard().name(), "handoffs/2");
}

TEST_F(HandoffsCliTest, ARefusalExitsOneWithItsPrecondition) {
  const CliRun run = Cli({"handoffs", "redrive", "intake", "handoffs/9"});
  EXPECT_EQ(run.exit_code, kExitRpcError);
  EXPECT_THAT(run.err, HasSubstr("FAILED_PRECONDITION"));
  EXPECT_THAT(run.err, HasSubstr("DELIVERED"));
}

TEST_F(HandoffsCliTest, HelpDescribesEachAction) {
  const CliRun help = Cli({"--help"});
  EXPECT_EQ(help.exit_code, kExitOk);
  for (const char* usage :
       {"redress handoffs list <service>", "redress handoffs show <service> handoffs/ID",
        "redress handoffs redrive <service> handoffs/ID [--request_id=ID]",
        "redress handoffs discard <service> handoffs/ID --reason=TEXT", "docs/reliability.md"}) {
    EXPECT_THAT(help.out, HasSubstr(usage));
  }
}

}  // namespace
}  // namespace redress::cli
