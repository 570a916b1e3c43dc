// A person's data across the three real binaries (issue 13, docs/privacy.md): a whole case run to
// publication, then `redress export-personal-data` and `redress erase-personal-data` with an
// administrator's token, as an operator would run them. Afterwards nothing of the person is left
// in any service's export, the published summary is byte for byte what it was, and every
// service's audit log still verifies. A case still open is refused, and intake keeps the details.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/testing/status_matchers.h"
#include "redress/remedy/v1/remedy.grpc.pb.h"
#include "tests/case_fixture.h"
#include "tests/case_run.h"
#include "tests/process.h"
#include "tests/suite_harness.h"
#include "tests/test_security.h"

namespace redress::testing {
namespace {

namespace rv1 = ::redress::remedy::v1;

using ::testing::HasSubstr;
using ::testing::Not;

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class PrivacyEndToEndTest : public ::testing::Test {
 protected:
  PrivacyEndToEndTest()
      : data_dir_(MakeTempDir("privacy_e2e")),
        suite_({REDRESS_INTAKE_BINARY, REDRESS_INVESTIGATION_BINARY, REDRESS_REMEDY_BINARY},
               data_dir_) {}
  ~PrivacyEndToEndTest() override {
    std::error_code ignored;
    if (!HasFailure()) std::filesystem::remove_all(data_dir_, ignored);  // kept for diagnosis
  }

  void SetUp() override { ASSERT_THAT(suite_.Start(), IsOk()); }

  LoadedCase Load(const std::string& name) {
    absl::StatusOr<LoadedCase> loaded =
        LoadCase(REDRESS_CASES_DIR, name, redress::Today(redress::SystemClock()));
    EXPECT_THAT(loaded, IsOk());
    return loaded.ok() ? *std::move(loaded) : LoadedCase{};
  }

  // `redress <args>` at the suite's addresses with `role`'s token.
  CliRun Cli(const std::string& args, const std::string& role = "administrator") {
    const std::string err_file = absl::StrCat(data_dir_, "/cli-", ++cli_runs_, ".err");
    const auto [status, out] = RunShell(absl::StrCat(
        TestClientEnvironmentExports(role), " && timeout 60 ", REDRESS_CLI_BINARY,
        " --intake=", suite_.intake_address(), " --investigation=", suite_.investigation_address(),
        " --remedy=", suite_.remedy_address(), " ", args, " 2>", err_file));
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out, ReadFileOrEmpty(err_file)};
  }

  grpc::Status GetCaseSummary(const std::string& investigation, rv1::CaseSummary& summary) {
    rv1::GetCaseSummaryRequest request;
    request.set_name("caseSummaries/" + investigation.substr(investigation.find('/') + 1));
    return Call([&](grpc::ClientContext* context) {
      return suite_.remedy().GetCaseSummary(context, request, &summary);
    });
  }

  std::string data_dir_;
  Suite suite_;
  int cli_runs_ = 0;
};

TEST_F(PrivacyEndToEndTest, ErasureReachesEveryServiceAndKeepsThePublishedSummary) {
  const LoadedCase loaded = Load("2-cafcass-apology");
  ASSERT_FALSE(loaded.name.empty());
  CaseRun run(suite_, loaded);
  ASSERT_THAT(run.RunToDecision(), IsOk()) << suite_.Logs();
  ASSERT_THAT(run.SettleRecommendations(), IsOk()) << suite_.Logs();
  rv1::CaseSummary published;
  ASSERT_THAT(run.Publish(published), IsOk()) << suite_.Logs();
  ASSERT_EQ(published.text(), loaded.expected_text);

  const std::string& email = loaded.fixture.complaint().people(0).details().email();
  const std::string& family_name = loaded.fixture.complaint().people(0).details().family_name();
  const std::string narrative = loaded.fixture.complaint().what_went_wrong().substr(0, 40);
  const std::string recommendation = run.recommendations().at(0).description();

  // The export finds the person in all three services.
  const CliRun exported = Cli("export-personal-data --email=" + email);
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_THAT(exported.out, HasSubstr(email));
  EXPECT_THAT(exported.out, HasSubstr(family_name));
  EXPECT_THAT(exported.out, HasSubstr(run.complaint_name()));
  EXPECT_THAT(exported.out, HasSubstr(run.investigation_name()));
  EXPECT_THAT(exported.out, HasSubstr(recommendation));

  // Only an administrator may export or erase.
  const CliRun refused = Cli("erase-personal-data --email=" + email, "caseworker");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("PERMISSION_DENIED"));

  const CliRun erased = Cli("erase-personal-data --email=" + email);
  ASSERT_EQ(erased.exit_code, 0) << erased.out << erased.err << suite_.Logs();
  EXPECT_THAT(erased.out, HasSubstr("remedy: erased 1 case, 0 erased before"));
  EXPECT_THAT(erased.out, HasSubstr("investigation: erased 1 investigation, 0 erased before"));
  EXPECT_THAT(erased.out, HasSubstr("intake: erased 1 complaint, 0 erased before"));

  // The email finds nothing now; by the complaint's name, every service shows the case erased.
  const CliRun by_email = Cli("--json export-personal-data --email=" + email);
  ASSERT_EQ(by_email.exit_code, 0) << by_email.err;
  EXPECT_THAT(by_email.out, Not(HasSubstr(run.complaint_name())));
  const CliRun after = Cli("export-personal-data --complaint=" + run.complaint_name());
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_THAT(after.out, HasSubstr(run.investigation_name()));
  EXPECT_THAT(after.out, HasSubstr("[erased]"));
  EXPECT_THAT(after.out, HasSubstr("erase_time"));
  for (const std::string& personal : {email, family_name, narrative, recommendation}) {
    EXPECT_THAT(after.out, Not(HasSubstr(personal))) << personal;
  }

  // What was published stays, byte for byte.
  rv1::CaseSummary got;
  ASSERT_THAT(GetCaseSummary(run.investigation_name(), got), IsOk());
  EXPECT_EQ(got.SerializeAsString(), published.SerializeAsString());
  EXPECT_EQ(got.text(), loaded.expected_text);

  // Erasing again changes nothing; every audit log, with the erasures in it, still verifies.
  const CliRun again = Cli("erase-personal-data --complaint=" + run.complaint_name());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("remedy: erased 0 cases, 1 erased before"));
  EXPECT_THAT(again.out, HasSubstr("intake: erased 0 complaints, 1 erased before"));
  for (const char* service : {"intake", "investigation", "remedy"}) {
    const CliRun verified = Cli(absl::StrCat("verify-audit-log ", service), "auditor");
    EXPECT_EQ(verified.exit_code, 0) << service << ": " << verified.out << verified.err;
    EXPECT_THAT(verified.out, HasSubstr("ok: ")) << service;
  }
}

TEST_F(PrivacyEndToEndTest, ACaseStillOpenIsRefusedAndIntakeKeepsTheDetails) {
  const LoadedCase loaded = Load("3-dwp-not-upheld");
  ASSERT_FALSE(loaded.name.empty());
  CaseRun run(suite_, loaded);
  ASSERT_THAT(run.RegisterOrganisations(), IsOk()) << suite_.Logs();
  ASSERT_THAT(run.SubmitAndAccept(), IsOk()) << suite_.Logs();
  ASSERT_THAT(run.AwaitInvestigation(), IsOk()) << suite_.Logs();
  const std::string& email = loaded.fixture.complaint().people(0).details().email();

  const CliRun erased = Cli("erase-personal-data --email=" + email);
  EXPECT_EQ(erased.exit_code, 1) << erased.out;
  EXPECT_THAT(erased.out, HasSubstr("remedy: erased 0 cases"));
  EXPECT_THAT(erased.out, HasSubstr("investigation: ErasePersonalData failed; nothing erased in "
                                    "intake"));
  EXPECT_THAT(erased.err, HasSubstr("NOT_CLOSED"));

  const CliRun exported = Cli("export-personal-data --email=" + email);
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_THAT(exported.out, HasSubstr(email));
  EXPECT_THAT(exported.out, Not(HasSubstr("[erased]")));
}

}  // namespace
}  // namespace redress::testing
