// `redress report non-compliance`: the table's layout, and RunCli against a fake remedy service
// on 127.0.0.1 port 0 (every page fetched, the period and organisation passed on, --json, a
// failed call decoded).
#include "tools/redress_cli/non_compliance_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "common/errors.h"
#include "common/grpc_status.h"
#include "common/server.h"
#include "google/protobuf/util/json_util.h"
#include "redress/remedy/v1/remedy.grpc.pb.h"
#include "tools/redress_cli/cli.h"

namespace redress::cli {
namespace {

namespace v1 = ::redress::remedy::v1;
namespace common_v1 = ::redress::common::v1;

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

common_v1::Date Day(int year, int month, int day) {
  common_v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

v1::NonCompliance Entry(const std::string& id, const std::string& organisation,
                        const std::string& published_name, common_v1::RecommendationType type,
                        const std::string& description) {
  v1::NonCompliance entry;
  entry.set_recommendation("recommendations/" + id);
  entry.set_organisation("organisations/" + organisation);
  entry.set_organisation_published_name(published_name);
  entry.set_investigation("investigations/inv1");
  entry.set_decision_sequence(1);
  entry.set_type(type);
  entry.set_description(description);
  *entry.mutable_target_date() = Day(2026, 3, 2);
  *entry.mutable_chase_date() = Day(2026, 3, 16);
  *entry.mutable_escalation_date() = Day(2026, 3, 30);
  *entry.mutable_not_complied_date() = Day(2026, 4, 29);
  return entry;
}

// Three entries: one from the DVLA (a payment), two from HMCTS (one extended, one never chased).
v1::ListNonComplianceResponse Report() {
  v1::ListNonComplianceResponse report;
  *report.mutable_start_date() = Day(2026, 4, 1);
  *report.mutable_end_date() = Day(2026, 5, 31);
  v1::NonCompliance payment =
      Entry("rec2", "dvla", "Driver and Vehicle Licensing Agency (DVLA)",
            common_v1::RECOMMENDATION_TYPE_NON_FINANCIAL_LOSS, "Pay Mr B £250 for the distress.");
  payment.mutable_amount()->set_amount_minor(25000);
  payment.mutable_amount()->set_currency_code("GBP");
  *report.add_entries() = payment;
  *report.add_entries() = Entry("rec1", "hmcts", "HM Courts and Tribunals Service (HMCTS)",
                                common_v1::RECOMMENDATION_TYPE_APOLOGY, "Apologise to Mr B.");
  v1::NonCompliance extended =
      Entry("rec10", "hmcts", "HM Courts and Tribunals Service (HMCTS)",
            common_v1::RECOMMENDATION_TYPE_LEARN_LESSONS, "Review how papers are filed.");
  *extended.mutable_extended_target_date() = Day(2026, 3, 9);
  extended.clear_chase_date();
  *extended.mutable_not_complied_date() = Day(2026, 5, 7);
  *report.add_entries() = extended;
  return report;
}

TEST(NonComplianceTableTest, GroupsByOrganisationWithAlignedColumns) {
  EXPECT_EQ(
      FormatNonComplianceTable(Report()),
      "Recommendations not complied with: recorded from 2026-04-01 to 2026-05-31, as they stood "
      "at the end of 2026-05-31\n"
      "\n"
      "Driver and Vehicle Licensing Agency (DVLA) (organisations/dvla): 1 recommendation\n"
      "  RECOMMENDATION         INVESTIGATION        TYPE                TARGET      EXTENDED TO  "
      "CHASED      ESCALATED   NOT COMPLIED\n"
      "  recommendations/rec2   investigations/inv1  Non financial loss  2026-03-02  -            "
      "2026-03-16  2026-03-30  2026-04-29\n"
      "      Pay Mr B £250 for the distress. (250.00 GBP)\n"
      "\n"
      "HM Courts and Tribunals Service (HMCTS) (organisations/hmcts): 2 recommendations\n"
      "  RECOMMENDATION         INVESTIGATION        TYPE                TARGET      EXTENDED TO  "
      "CHASED      ESCALATED   NOT COMPLIED\n"
      "  recommendations/rec1   investigations/inv1  Apology             2026-03-02  -            "
      "2026-03-16  2026-03-30  2026-04-29\n"
      "      Apologise to Mr B.\n"
      "  recommendations/rec10  investigations/inv1  Learn lessons       2026-03-02  2026-03-09   "
      "-           2026-03-30  2026-05-07\n"
      "      Review how papers are filed.\n"
      "\n"
      "3 recommendations not complied with, by 2 organisations.\n");
}

TEST(NonComplianceTableTest, SaysSoWhenThereIsNothingToReport) {
  v1::ListNonComplianceResponse empty;
  *empty.mutable_end_date() = Day(2026, 5, 31);
  EXPECT_EQ(FormatNonComplianceTable(empty),
            "Recommendations not complied with: recorded up to 2026-05-31, as they stood at the "
            "end of 2026-05-31\n"
            "\n"
            "No recommendation was recorded as not complied with in this period.\n");
}

// A fake remedy: ListNonCompliance answers Report() in two pages (two entries, then one), and
// INVALID_ARGUMENT on "organisation" for organisations/unknown. Records every request.
class FakeRemedyService final : public v1::Remedy::Service {
 public:
  grpc::Status ListNonCompliance(grpc::ServerContext*, const v1::ListNonComplianceRequest* request,
                                 v1::ListNonComplianceResponse* response) override {
    {
      absl::MutexLock lock(&mutex_);
      requests_.push_back(*request);
    }
    if (request->organisation() == "organisations/unknown") {
      return ToGrpcStatus(
          InvalidArgument({{"organisation", "organisation must be organisations/{id}"}}),
          "remedy.redress");
    }
    const v1::ListNonComplianceResponse report = Report();
    *response->mutable_start_date() = report.start_date();
    *response->mutable_end_date() = report.end_date();
    if (request->page_token().empty()) {
      *response->add_entries() = report.entries(0);
      *response->add_entries() = report.entries(1);
      response->set_next_page_token("page-2");
    } else {
      *response->add_entries() = report.entries(2);
    }
    return grpc::Status::OK;
  }

  std::vector<v1::ListNonComplianceRequest> requests() {
    absl::MutexLock lock(&mutex_);
    return requests_;
  }

 private:
  absl::Mutex mutex_;
  std::vector<v1::ListNonComplianceRequest> requests_ ABSL_GUARDED_BY(mutex_);
};

struct CliRun {
  int exit_code;
  std::string out;
  std::string err;
};

class ReportCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerConfig config;
    config.listen_address = "127.0.0.1:0";
    config.drain_timeout = absl::Seconds(1);
    config.log_name = "fake-remedy";
    auto server = RunningServer::Start(config, {{&service_, "redress.remedy.v1.Remedy"}});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
  }

  CliRun Cli(std::vector<std::string> args) {
    args.insert(args.begin(), "--remedy=" + server_->address());
    std::istringstream in;
    std::ostringstream out, err;
    const EnvLookup no_env = [](const std::string&) { return std::optional<std::string>(); };
    const int exit_code = RunCli(args, no_env, {in, out, err});
    return {exit_code, out.str(), err.str()};
  }

  FakeRemedyService service_;
  std::unique_ptr<RunningServer> server_;
};

TEST_F(ReportCommandTest, PrintsEveryPageAsOneTable) {
  const CliRun run = Cli({"report", "non-compliance", "--from=2026-04-01", "--to", "2026-05-31",
                          "--organisation=organisations/hmcts"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err, IsEmpty());
  EXPECT_EQ(run.out, FormatNonComplianceTable(Report()));
  const std::vector<v1::ListNonComplianceRequest> requests = service_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].start_date().month(), 4);
  EXPECT_EQ(requests[0].end_date().day(), 31);
  EXPECT_EQ(requests[0].organisation(), "organisations/hmcts");
  EXPECT_EQ(requests[0].page_size(), 500);
  EXPECT_THAT(requests[0].page_token(), IsEmpty());
  EXPECT_EQ(requests[1].page_token(), "page-2");
  EXPECT_EQ(requests[1].organisation(), "organisations/hmcts");
}

TEST_F(ReportCommandTest, WithoutDatesAsksForTheServersDefaults) {
  const CliRun run = Cli({"report", "non-compliance"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const std::vector<v1::ListNonComplianceRequest> requests = service_.requests();
  ASSERT_FALSE(requests.empty());
  EXPECT_FALSE(requests[0].has_start_date());
  EXPECT_FALSE(requests[0].has_end_date());
}

TEST_F(ReportCommandTest, WithJsonPrintsEveryEntryAsOneResponse) {
  const CliRun run = Cli({"--json", "report", "non-compliance"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  v1::ListNonComplianceResponse printed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(run.out, &printed).ok()) << run.out;
  EXPECT_EQ(printed.SerializeAsString(), Report().SerializeAsString());
}

TEST_F(ReportCommandTest, AFailedCallPrintsItsDecodedErrorAndExitsOne) {
  const CliRun run = Cli({"report", "non-compliance", "--organisation=organisations/unknown"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.out, IsEmpty());
  EXPECT_THAT(run.err, HasSubstr("redress: /redress.remedy.v1.Remedy/ListNonCompliance at " +
                                 server_->address() + " failed\n"));
  EXPECT_THAT(run.err, HasSubstr("  field violations:\n    organisation: "));
  const CliRun json =
      Cli({"--json", "report", "non-compliance", "--organisation=organisations/unknown"});
  EXPECT_EQ(json.exit_code, 1);
  EXPECT_THAT(json.out, HasSubstr("\"status\": \"INVALID_ARGUMENT\""));
}

TEST_F(ReportCommandTest, ABadDateIsAUsageErrorAndNothingIsCalled) {
  const CliRun run = Cli({"report", "non-compliance", "--from=2026-02-30"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("--from: \"2026-02-30\" is not a date YYYY-MM-DD"));
  EXPECT_THAT(service_.requests(), IsEmpty());
}

}  // namespace
}  // namespace redress::cli
