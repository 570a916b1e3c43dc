// `redress verify-audit-log`: its text for each answer, its exit codes (0 sound, 1 a problem,
// 2 not checked), and the expected head it sends, against the fake intake service.
#include "tools/redress_cli/verify_audit_log.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
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
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const std::string kHash(64, 'c');

cv1::VerifyAuditLogResponse Answer(
    int64_t entries, int64_t head,
    cv1::AuditProblem::Kind kind = cv1::AuditProblem::KIND_UNSPECIFIED, int64_t at = 0) {
  cv1::VerifyAuditLogResponse response;
  response.set_entries_checked(entries);
  response.mutable_head()->set_sequence(head);
  response.mutable_head()->set_hash(kHash);
  if (kind != cv1::AuditProblem::KIND_UNSPECIFIED) {
    response.mutable_problem()->set_kind(kind);
    response.mutable_problem()->set_sequence(at);
  }
  return response;
}

TEST(FormatAuditVerificationTest, ASoundLogIsOneOkLine) {
  EXPECT_EQ(FormatAuditVerification(Answer(42, 42)), "ok: 42 entries, head 42 " + kHash + "\n");
}

TEST(FormatAuditVerificationTest, AProblemNamesItsKindEntryAndMeaning) {
  EXPECT_EQ(FormatAuditVerification(Answer(1, 1, cv1::AuditProblem::KIND_EDITED, 2)),
            "problem: EDITED at entry 2: its hash does not match its content: a field or the "
            "hash was changed\nsound before it: 1 entries, head 1 " +
                kHash + "\n");
  EXPECT_THAT(FormatAuditVerification(Answer(4, 4, cv1::AuditProblem::KIND_GAP, 5)),
              HasSubstr("problem: GAP at entry 5: the entry is missing"));
  EXPECT_THAT(FormatAuditVerification(Answer(9, 9, cv1::AuditProblem::KIND_TRUNCATED, 10)),
              HasSubstr("problem: TRUNCATED at entry 10"));
}

struct CliRun {
  int exit_code;
  std::string out;
  std::string err;
};

class VerifyAuditLogCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = FakeIntakeServer::Start();
    ASSERT_NE(server_, nullptr);
  }

  CliRun Cli(std::vector<std::string> args) {
    args.insert(args.begin(), "--intake=" + server_->address());
    std::istringstream in;
    std::ostringstream out, err;
    const EnvLookup no_env = [](const std::string&) -> std::optional<std::string> {
      return std::nullopt;
    };
    const int exit_code = RunCli(args, no_env, {in, out, err});
    return {exit_code, out.str(), err.str()};
  }

  std::unique_ptr<FakeIntakeServer> server_;
};

TEST_F(VerifyAuditLogCliTest, ASoundLogExitsZero) {
  server_->service().set_audit_answer(Answer(3, 3));
  const CliRun run = Cli({"verify-audit-log", "intake"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "ok: 3 entries, head 3 " + kHash + "\n");
  EXPECT_THAT(run.err, IsEmpty());
  EXPECT_FALSE(server_->service().last_audit_request().has_expected_head());
}

TEST_F(VerifyAuditLogCliTest, AProblemExitsOneAndTheExpectedHeadIsSent) {
  server_->service().set_audit_answer(Answer(6, 6, cv1::AuditProblem::KIND_TRUNCATED, 7));
  const CliRun run = Cli({"verify-audit-log", "intake", "--expected_head=7:" + kHash});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.out, HasSubstr("problem: TRUNCATED at entry 7"));
  const cv1::VerifyAuditLogRequest sent = server_->service().last_audit_request();
  EXPECT_EQ(sent.expected_head().sequence(), 7);
  EXPECT_EQ(sent.expected_head().hash(), kHash);
}

TEST_F(VerifyAuditLogCliTest, WithJsonTheAnswerIsPrintedAndTheExitCodeStillSays) {
  server_->service().set_audit_answer(Answer(1, 1, cv1::AuditProblem::KIND_EDITED, 2));
  const CliRun run = Cli({"--json", "verify-audit-log", "intake"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.out, HasSubstr("\"KIND_EDITED\""));
}

TEST_F(VerifyAuditLogCliTest, AFailedCallExitsTwo) {
  server_->service().set_audit_answer(Answer(0, 0), /*unavailable=*/true);
  const CliRun run = Cli({"verify-audit-log", "intake"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("/redress.intake.v1.Intake/VerifyAuditLog"));
  EXPECT_THAT(run.out, IsEmpty());
}

TEST_F(VerifyAuditLogCliTest, UsageErrorsExitTwo) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"verify-audit-log"},
        std::vector<std::string>{"verify-audit-log", "nowhere"},
        std::vector<std::string>{"verify-audit-log", "intake", "remedy"},
        std::vector<std::string>{"verify-audit-log", "intake", "--expected_head=7"},
        std::vector<std::string>{"verify-audit-log", "intake", "--expected_head=-1:" + kHash},
        std::vector<std::string>{"verify-audit-log", "intake", "--expected_head=7:ABC"},
        std::vector<std::string>{"verify-audit-log", "intake", "--get=head"},
        std::vector<std::string>{"intake", "GetComplaint", "--expected_head=1:" + kHash}}) {
    const CliRun run = Cli(args);
    EXPECT_EQ(run.exit_code, 2) << args.back();
    EXPECT_THAT(run.err, HasSubstr("redress: ")) << args.back();
  }
}

}  // namespace
}  // namespace redress::cli
