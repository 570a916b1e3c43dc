// Parsing of the `redress` command line: commands, flags in either form and position, addresses
// from defaults, environment and flags, request sources, and every usage error.
#include "tools/redress_cli/cli_options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/testing/status_matchers.h"

namespace redress::cli {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

EnvLookup NoEnv() {
  return [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
}

EnvLookup EnvOf(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

absl::StatusOr<CliOptions> Parse(std::vector<std::string> args, EnvLookup env = NoEnv()) {
  return ParseCliOptions(args, env);
}

TEST(CliOptionsTest, ACallHasDefaultAddressesTimeoutAndTextOutput) {
  auto options = Parse({"intake", "GetComplaint", R"({"name": "complaints/c-1"})"});
  ASSERT_THAT(options, IsOk());
  EXPECT_EQ(options->command, Command::kCall);
  EXPECT_THAT(options->operands, ElementsAre("intake", "GetComplaint"));
  EXPECT_EQ(options->request_source, RequestSource::kInline);
  EXPECT_EQ(options->request, R"({"name": "complaints/c-1"})");
  EXPECT_FALSE(options->json);
  EXPECT_EQ(options->timeout, absl::Seconds(10));
  EXPECT_THAT(options->addresses, UnorderedElementsAre(Pair("intake", "127.0.0.1:50051"),
                                                       Pair("investigation", "127.0.0.1:50052"),
                                                       Pair("remedy", "127.0.0.1:50053")));
}

TEST(CliOptionsTest, ACallWithoutARequestSendsTheEmptyMessage) {
  auto options = Parse({"intake", "ListComplaints"});
  ASSERT_THAT(options, IsOk());
  EXPECT_EQ(options->request_source, RequestSource::kNone);
}

TEST(CliOptionsTest, TheEnvironmentOverridesTheDefaultAndAFlagOverridesTheEnvironment) {
  auto options = Parse({"--remedy=remedy.internal:9000", "remedy", "GetRecommendation"},
                       EnvOf({{"REDRESS_INTAKE", "intake.internal:7000"},
                              {"REDRESS_REMEDY", "ignored:1"},
                              {"REDRESS_INVESTIGATION", ""}}));
  ASSERT_THAT(options, IsOk());
  EXPECT_EQ(options->addresses.at("intake"), "intake.internal:7000");
  EXPECT_EQ(options->addresses.at("investigation"), "127.0.0.1:50052");  // empty means unset
  EXPECT_EQ(options->addresses.at("remedy"), "remedy.internal:9000");
}

TEST(CliOptionsTest, FlagsTakeTheirValueAfterAnEqualsSignOrAsTheNextArgument) {
  auto options = Parse({"intake", "--json", "GetComplaint", "--timeout", "500ms", "--investigation",
                        "10.1.2.3:50052", "-f", "request.json"});
  ASSERT_THAT(options, IsOk());
  EXPECT_TRUE(options->json);
  EXPECT_EQ(options->timeout, absl::Milliseconds(500));
  EXPECT_EQ(options->addresses.at("investigation"), "10.1.2.3:50052");
  EXPECT_EQ(options->request_source, RequestSource::kFile);
  EXPECT_EQ(options->request, "request.json");
  EXPECT_THAT(options->operands, ElementsAre("intake", "GetComplaint"));
}

TEST(CliOptionsTest, TimeoutAcceptsDurationsAndBareSeconds) {
  auto minutes = Parse({"--timeout=1m30s", "intake", "GetComplaint"});
  ASSERT_THAT(minutes, IsOk());
  EXPECT_EQ(minutes->timeout, absl::Seconds(90));
  auto bare = Parse({"--timeout=3", "intake", "GetComplaint"});
  ASSERT_THAT(bare, IsOk());
  EXPECT_EQ(bare->timeout, absl::Seconds(3));
}

TEST(CliOptionsTest, TimeoutMustBeAPositiveFiniteDuration) {
  for (const char* bad :
       {"--timeout=soon", "--timeout=0", "--timeout=-1s", "--timeout=inf", "--timeout="}) {
    EXPECT_THAT(Parse({bad, "intake", "GetComplaint"}),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--timeout")))
        << bad;
  }
}

TEST(CliOptionsTest, ADashReadsTheRequestFromStandardInput) {
  auto options = Parse({"intake", "SubmitComplaint", "-"});
  ASSERT_THAT(options, IsOk());
  EXPECT_EQ(options->request_source, RequestSource::kStdin);
}

TEST(CliOptionsTest, TheRequestMayBeGivenOnlyOnce) {
  EXPECT_THAT(Parse({"intake", "SubmitComplaint", "{}", "-f", "x.json"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("give the request once")));
  EXPECT_THAT(Parse({"intake", "SubmitComplaint", "-", "{}"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("give the request once")));
}

TEST(CliOptionsTest, UnknownFlagsAndMissingValuesAreUsageErrors) {
  EXPECT_THAT(Parse({"--verbose", "intake", "GetComplaint"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unknown flag --verbose")));
  EXPECT_THAT(Parse({"intake", "GetComplaint", "--intake"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--intake needs a value")));
  EXPECT_THAT(Parse({"--intake=", "intake", "GetComplaint"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty address")));
}

TEST(CliOptionsTest, ACallNeedsAServiceAndAMethodAndAtMostOneRequest) {
  EXPECT_THAT(Parse({"intake"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("<service> <Method>")));
  EXPECT_THAT(Parse({"intake", "GetComplaint", "{}", "{}"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("too many arguments")));
}

TEST(CliOptionsTest, HelpWinsOverEverythingElse) {
  for (std::vector<std::string> args :
       std::vector<std::vector<std::string>>{{}, {"help"}, {"--help"}, {"intake", "-h"}}) {
    auto options = Parse(args);
    ASSERT_THAT(options, IsOk());
    EXPECT_EQ(options->command, Command::kHelp);
  }
}

TEST(CliOptionsTest, ListTakesAnyNumberOfServices) {
  auto all = Parse({"list"});
  ASSERT_THAT(all, IsOk());
  EXPECT_EQ(all->command, Command::kList);
  EXPECT_TRUE(all->operands.empty());
  auto two = Parse({"list", "intake", "remedy"});
  ASSERT_THAT(two, IsOk());
  EXPECT_THAT(two->operands, ElementsAre("intake", "remedy"));
}

TEST(CliOptionsTest, DescribeTakesAMethodOrAMessageType) {
  auto method = Parse({"describe", "intake", "SubmitComplaint"});
  ASSERT_THAT(method, IsOk());
  EXPECT_EQ(method->command, Command::kDescribe);
  EXPECT_THAT(method->operands, ElementsAre("intake", "SubmitComplaint"));
  EXPECT_THAT(Parse({"describe", "redress.intake.v1.Complaint"}), IsOk());
  EXPECT_THAT(Parse({"describe"}), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Parse({"describe", "a", "b", "c"}), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Parse({"describe", "intake", "GetComplaint", "-f", "x.json"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("takes no request")));
}

TEST(CliOptionsTest, ReportNonComplianceTakesAPeriodAndAnOrganisation) {
  auto options = Parse({"--remedy=r:1", "report", "non-compliance", "--from=2026-04-01", "--to",
                        "2027-03-31", "--organisation", "organisations/hmcts", "--json"});
  ASSERT_THAT(options, IsOk());
  EXPECT_EQ(options->command, Command::kReport);
  EXPECT_THAT(options->operands, ElementsAre("non-compliance"));
  EXPECT_EQ(options->from, absl::CivilDay(2026, 4, 1));
  EXPECT_EQ(options->to, absl::CivilDay(2027, 3, 31));
  EXPECT_EQ(options->organisation, "organisations/hmcts");
  EXPECT_TRUE(options->json);
  EXPECT_EQ(options->addresses.at("remedy"), "r:1");
  auto bare = Parse({"report", "non-compliance"});
  ASSERT_THAT(bare, IsOk());
  EXPECT_FALSE(bare->from.has_value());
  EXPECT_FALSE(bare->to.has_value());
  EXPECT_TRUE(bare->organisation.empty());
}

TEST(CliOptionsTest, ReportMisuseIsAUsageError) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"report"},
           {"report", "compliance"},
           {"report", "non-compliance", "extra"},
           {"report", "non-compliance", "--from=2026-4-1"},
           {"report", "non-compliance", "--to=2026-02-29"},
           {"report", "non-compliance", "--to=yesterday"},
           {"report", "non-compliance", "--organisation="},
           {"report", "non-compliance", "-f", "x.json"},
           {"report", "non-compliance", "--get=entries"},
           {"remedy", "ListNonCompliance", "--from=2026-04-01"},
           {"list", "--organisation=organisations/hmcts"},
       }) {
    EXPECT_THAT(Parse(args), StatusIs(absl::StatusCode::kInvalidArgument))
        << ::testing::PrintToString(args);
  }
  EXPECT_THAT(Parse({"report", "x"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("non-compliance")));
  EXPECT_THAT(Parse({"intake", "GetComplaint", "--to=2026-01-01"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("report non-compliance")));
}

TEST(CliOptionsTest, PersonalDataCommandsTakeAnEmailAndComplaints) {
  absl::StatusOr<CliOptions> exported =
      Parse({"export-personal-data", "--email", "ann@example.org", "--complaint=complaints/c1",
             "--complaint", "complaints/c2", "--json"});
  ASSERT_THAT(exported, IsOk());
  EXPECT_EQ(exported->command, Command::kExportPersonalData);
  EXPECT_EQ(exported->email, "ann@example.org");
  EXPECT_THAT(exported->complaints, ElementsAre("complaints/c1", "complaints/c2"));
  EXPECT_TRUE(exported->json);

  absl::StatusOr<CliOptions> erased = Parse({"--complaint=complaints/c1", "erase-personal-data"});
  ASSERT_THAT(erased, IsOk());
  EXPECT_EQ(erased->command, Command::kErasePersonalData);
  EXPECT_EQ(erased->email, "");
}

TEST(CliOptionsTest, PersonalDataMisuseIsAUsageError) {
  std::vector<std::string> too_many = {"export-personal-data"};
  for (int i = 0; i <= 100; ++i) too_many.push_back("--complaint=complaints/c" + std::to_string(i));
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"export-personal-data"},
           {"erase-personal-data", "ann@example.org"},
           {"export-personal-data", "--email="},
           {"export-personal-data", "--complaint=c1"},
           {"export-personal-data", "--complaint=complaints/"},
           {"export-personal-data", "--complaint=complaints/c1/x"},
           {"export-personal-data", "--email=a@b", "--get=intake"},
           {"export-personal-data", "--email=a@b", "--from=2026-01-01"},
           {"erase-personal-data", "--email=a@b", "-f", "x.json"},
           {"intake", "GetComplaint", "--email=a@b"},
           {"report", "non-compliance", "--complaint=complaints/c1"},
           {"verify-audit-log", "intake", "--email=a@b"},
           too_many,
       }) {
    EXPECT_THAT(Parse(args), StatusIs(absl::StatusCode::kInvalidArgument))
        << ::testing::PrintToString(args);
  }
  EXPECT_THAT(Parse({"erase-personal-data"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--email")));
  EXPECT_THAT(Parse({"intake", "GetComplaint", "--complaint=complaints/c1"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("erase-personal-data")));
}

}  // namespace
}  // namespace redress::cli
