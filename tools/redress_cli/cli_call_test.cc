// RunCli against a fake intake service on 127.0.0.1 port 0: text and JSON responses, decoded rich
// errors, request sources, deadlines, and the exit codes of each outcome.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "tools/redress_cli/cli.h"
#include "tools/redress_cli/fake_intake_service.h"

namespace redress::cli {
namespace {

using ::redress::cli::testing::FakeIntakeServer;
using ::redress::cli::testing::FakeIntakeService;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

struct CliRun {
  int exit_code;
  std::string out;
  std::string err;
};

class CliCallTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = FakeIntakeServer::Start();
    ASSERT_NE(server_, nullptr);
  }

  // Runs the CLI with --intake pointing at the fake, `stdin_text` as standard input and `env` as
  // its environment.
  CliRun Cli(std::vector<std::string> args, const std::string& stdin_text = "",
             const std::map<std::string, std::string>& env = {}) {
    args.insert(args.begin(), "--intake=" + server_->address());
    std::istringstream in(stdin_text);
    std::ostringstream out, err;
    const EnvLookup lookup = [&env](const std::string& name) -> std::optional<std::string> {
      const auto found = env.find(name);
      if (found == env.end()) return std::nullopt;
      return found->second;
    };
    const int exit_code = RunCli(args, lookup, {in, out, err});
    return {exit_code, out.str(), err.str()};
  }

  std::unique_ptr<FakeIntakeServer> server_;
};

TEST_F(CliCallTest, PrintsTheResponseAsTextByDefault) {
  const CliRun run = Cli({"intake", "GetComplaint", R"({"name": "complaints/c-1"})"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.err, IsEmpty());
  EXPECT_EQ(run.out,
            "name: \"complaints/c-1\"\n"
            "state: COMPLAINT_STATE_ACCEPTED\n"
            "what_went_wrong: \"Le café — the adviser’s report was late\"\n"
            "receive_date {\n"
            "  year: 2026\n"
            "  month: 1\n"
            "  day: 31\n"
            "}\n"
            "create_time {\n"
            "  seconds: 1769850000  # 2026-01-31T09:00:00Z\n"
            "}\n");
}

TEST_F(CliCallTest, PrintsTheResponseAsJsonWithJson) {
  const CliRun run = Cli({"--json", "intake", "GetComplaint", R"({"name": "complaints/c-1"})"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.err, IsEmpty());
  EXPECT_THAT(run.out, HasSubstr("\"what_went_wrong\": \"Le café — the adviser’s report"));
  EXPECT_THAT(run.out, HasSubstr("\"create_time\": \"2026-01-31T09:00:00Z\""));
  intake::v1::Complaint printed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(run.out, &printed).ok()) << run.out;
  EXPECT_EQ(printed.SerializeAsString(), FakeIntakeService::FixedComplaint().SerializeAsString());
}

TEST_F(CliCallTest, AnInvalidArgumentPrintsItsFieldViolationsAndExitsOne) {
  const CliRun run = Cli({"intake", "GetComplaint", R"({"name": "c-1"})"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.out, IsEmpty());
  EXPECT_THAT(run.err, StartsWith("redress: /redress.intake.v1.Intake/GetComplaint at " +
                                  server_->address() + " failed\nerror: INVALID_ARGUMENT (3): "));
  EXPECT_THAT(run.err, HasSubstr("  field violations:\n"
                                 "    name: must be complaints/{complaint}, not \"c-1\"\n"));
  EXPECT_THAT(run.err, HasSubstr("  error info: reason INVALID_ARGUMENT, domain intake.redress\n"));
}

TEST_F(CliCallTest, AFailedPreconditionPrintsItsViolation) {
  const CliRun run = Cli({"intake", "GetComplaint", R"({"name": "complaints/closed"})"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("error: FAILED_PRECONDITION (9): "));
  EXPECT_THAT(run.err, HasSubstr("  precondition failures:\n    STATE complaints/closed: "));
  EXPECT_THAT(run.err, HasSubstr("reason INVALID_STATE_TRANSITION, domain intake.redress\n"
                                 "    state: CLOSED\n"));
}

TEST_F(CliCallTest, WithJsonAnErrorIsAJsonObjectOnStandardOutput) {
  const CliRun run = Cli({"--json", "intake", "GetComplaint", R"({"name": "c-1"})"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, IsEmpty());
  google::protobuf::Struct parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(run.out, &parsed).ok()) << run.out;
  const google::protobuf::Struct& error = parsed.fields().at("error").struct_value();
  EXPECT_EQ(error.fields().at("code").number_value(), 3);
  EXPECT_EQ(error.fields().at("status").string_value(), "INVALID_ARGUMENT");
  const auto& details = error.fields().at("details").list_value().values();
  ASSERT_EQ(details.size(), 2);
  const google::protobuf::Struct& bad_request = details[0].struct_value();
  EXPECT_EQ(bad_request.fields().at("@type").string_value(),
            "type.googleapis.com/google.rpc.BadRequest");
  const google::protobuf::Struct& violation =
      bad_request.fields().at("field_violations").list_value().values(0).struct_value();
  EXPECT_EQ(violation.fields().at("field").string_value(), "name");
}

TEST_F(CliCallTest, AcceptsCamelCaseFieldsFromStandardInput) {
  const CliRun run =
      Cli({"intake", "ListComplaints", "-"}, R"({"pageSize": 5, "filter": "state = ACCEPTED"})");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "next_page_token: \"state = ACCEPTED\"\n");
  EXPECT_EQ(server_->service().last_list_request().page_size(), 5);
}

TEST_F(CliCallTest, SaysSoWhenTheResponseIsEmpty) {
  const CliRun text = Cli({"intake", "ListComplaints"});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out, "# empty response: every field has its default value\n");
  const CliRun json = Cli({"--json", "intake", "ListComplaints"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(json.out, "{}\n");
}

TEST_F(CliCallTest, ReadsTheRequestFromAFile) {
  const std::string path =
      (std::filesystem::path(::testing::TempDir()) / "redress_cli_request.json").string();
  std::ofstream(path) << R"({"page_size": 9, "page_token": "t-1"})";
  const CliRun run = Cli({"intake", "ListComplaints", "-f", path});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(server_->service().last_list_request().page_size(), 9);
  EXPECT_EQ(server_->service().last_list_request().page_token(), "t-1");
  std::filesystem::remove(path);
}

TEST_F(CliCallTest, AMissingFileIsAUsageError) {
  const CliRun run = Cli({"intake", "ListComplaints", "-f", "/nonexistent/request.json"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("cannot read /nonexistent/request.json"));
}

TEST_F(CliCallTest, BadJsonIsAUsageErrorWithTheParsersMessageAndNoCall) {
  const CliRun unknown_field = Cli({"intake", "ListComplaints", R"({"pageSise": 5})"});
  EXPECT_EQ(unknown_field.exit_code, 2);
  EXPECT_THAT(
      unknown_field.err,
      HasSubstr("the request is not valid JSON for redress.intake.v1.ListComplaintsRequest"));
  EXPECT_THAT(unknown_field.err, HasSubstr("pageSise"));
  const CliRun broken = Cli({"intake", "ListComplaints", R"({"filter": )"});
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_EQ(server_->service().last_list_request().page_size(), 0);  // never called
}

TEST_F(CliCallTest, AnUnknownServiceOrMethodIsAUsageError) {
  const CliRun service = Cli({"billing", "Charge"});
  EXPECT_EQ(service.exit_code, 2);
  EXPECT_THAT(service.err, HasSubstr("unknown service \"billing\""));
  const CliRun method = Cli({"intake", "Frobnicate"});
  EXPECT_EQ(method.exit_code, 2);
  EXPECT_THAT(method.err, HasSubstr("intake has no method Frobnicate; its methods: "));
}

TEST_F(CliCallTest, TheTimeoutIsTheCallsDeadline) {
  const CliRun run = Cli({"--timeout=200ms", "intake", "WithdrawComplaint", "{}"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("error: DEADLINE_EXCEEDED (4)"));
}

TEST_F(CliCallTest, AnUnreachableServerIsAnRpcError) {
  std::istringstream in;
  std::ostringstream out, err;
  // Port 1 on loopback: nothing of ours listens there, so the connection is refused.
  const int exit_code = RunCli({"--intake=127.0.0.1:1", "--timeout=5s", "intake", "GetComplaint"},
                               nullptr, {in, out, err});
  EXPECT_EQ(exit_code, 1);
  EXPECT_THAT(err.str(), HasSubstr("error: UNAVAILABLE (14)"));
}

TEST_F(CliCallTest, CallsAFullyQualifiedMethodAtTheServicesAddress) {
  const CliRun run =
      Cli({"intake", "grpc.health.v1.Health.Check", R"({"service": "redress.intake.v1.Intake"})"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "status: SERVING\n");
}

TEST_F(CliCallTest, ListDescribeAndHelpNeedNoServer) {
  const CliRun list = Cli({"list", "intake"});
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_THAT(list.out, HasSubstr("intake AssessComplaint(AssessComplaintRequest)"));
  const CliRun describe = Cli({"describe", "intake", "GetComplaint"});
  EXPECT_EQ(describe.exit_code, 0);
  EXPECT_THAT(describe.out,
              HasSubstr("redress.intake.v1.GetComplaintRequest {\n  name: string\n}"));
  const CliRun type = Cli({"describe", "redress.common.v1.Date"});
  EXPECT_EQ(type.exit_code, 0);
  EXPECT_THAT(type.out, StartsWith("redress.common.v1.Date {\n  year: int32\n"));
  const CliRun service = Cli({"describe", "intake"});
  EXPECT_EQ(service.exit_code, 0);
  EXPECT_EQ(service.out, list.out);
  const CliRun unknown_type = Cli({"describe", "redress.common.v1.Nope"});
  EXPECT_EQ(unknown_type.exit_code, 2);
  const CliRun help = Cli({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("redress [flags] <service> <Method>"));
  const CliRun usage = Cli({"intake"});
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_THAT(usage.err, HasSubstr("redress --help"));
}

TEST_F(CliCallTest, UnusableCredentialVariablesAreUsageErrorsBeforeAnyCall) {
  const std::vector<std::string> call = {"intake", "GetComplaint", R"({"name": "complaints/c-1"})"};
  const CliRun token_without_ca = Cli(call, "", {{"REDRESS_TOKEN", "token-123"}});
  EXPECT_EQ(token_without_ca.exit_code, 2);
  EXPECT_THAT(token_without_ca.err, HasSubstr("REDRESS_CA_FILE is not"));
  EXPECT_THAT(token_without_ca.out, IsEmpty());
  const CliRun missing_ca = Cli(call, "", {{"REDRESS_CA_FILE", "/no/such/ca.pem"}});
  EXPECT_EQ(missing_ca.exit_code, 2);
  EXPECT_THAT(missing_ca.err, HasSubstr("REDRESS_CA_FILE \"/no/such/ca.pem\": cannot read"));
  const CliRun report =
      Cli({"report", "non-compliance"}, "", {{"REDRESS_TOKEN", "a"}, {"REDRESS_TOKEN_FILE", "b"}});
  EXPECT_EQ(report.exit_code, 2);
  EXPECT_THAT(report.err, HasSubstr("REDRESS_TOKEN and REDRESS_TOKEN_FILE are both set"));
  // Commands that call nothing do not read them.
  EXPECT_EQ(Cli({"list", "intake"}, "", {{"REDRESS_TOKEN", "token-123"}}).exit_code, 0);
}

TEST_F(CliCallTest, HelpNamesTheCredentialVariables) {
  const CliRun help = Cli({"--help"});
  EXPECT_THAT(help.out, HasSubstr("REDRESS_CA_FILE"));
  EXPECT_THAT(help.out, HasSubstr("REDRESS_TOKEN "));
  EXPECT_THAT(help.out, HasSubstr("REDRESS_TOKEN_FILE"));
}

}  // namespace
}  // namespace redress::cli
