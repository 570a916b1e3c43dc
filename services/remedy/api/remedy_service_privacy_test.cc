// Service tests of remedy's subject access export and erasure (docs/privacy.md) through the
// generated stub, over each store: invalid queries, names remedy knows nothing of, the NOT_CLOSED
// refusal, erasure, its idempotent re-run, the ERASED refusal of a new decision, and the audit
// chain after it all.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/testing/grpc_error_details.h"
#include "common/testing/scratch_dir.h"
#include "common/testing/store_kind.h"
#include "services/remedy/api/remedy_service_test_support.h"
#include "services/remedy/store/sqlite/sqlite_store.h"

namespace redress::remedy::testing {
namespace {

using ::redress::testing::ErrorDetails;
using ::redress::testing::IsOk;
using ::redress::testing::StoreKind;
using ::redress::testing::StoreKindName;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr auto kExport = &v1::Remedy::Stub::ExportPersonalData;
constexpr auto kErase = &v1::Remedy::Stub::ErasePersonalData;

// A remedy server over the store of the test's parameter.
class PrivacyServiceTest
    : public redress::testing::InProcessServiceTest<v1::Remedy,
                                                    ::testing::TestWithParam<StoreKind>> {
 protected:
  void SetUp() override {
    if (GetParam() == StoreKind::kSqlite) {
      auto opened = SqliteStore::Open(dir_.File("remedy.db"));
      ASSERT_THAT(opened, IsOk());
      sqlite_store_ = *std::move(opened);
    }
    logic_ = std::make_unique<RemedyLogic>(store(), clock_, ids_,
                                           WorkingDayCalendar::EnglandAndWales(), cases_, people_);
    service_ = std::make_unique<RemedyService>(*logic_);
    ASSERT_THAT(Serve(service_.get(), "remedy-test"), IsOk());
  }

  RemedyStore& store() {
    if (sqlite_store_ != nullptr) return *sqlite_store_;
    return fake_store_;
  }

  static v1::PersonalDataQuery Query(std::vector<std::string> complaints,
                                     std::vector<std::string> investigations) {
    v1::PersonalDataQuery query;
    for (const std::string& c : complaints) query.add_complaints(c);
    for (const std::string& i : investigations) query.add_investigations(i);
    return query;
  }

  v1::ExportPersonalDataResponse Export(const v1::PersonalDataQuery& query) {
    v1::ExportPersonalDataRequest request;
    *request.mutable_query() = query;
    v1::ExportPersonalDataResponse response;
    EXPECT_THAT(Call(kExport, request, &response), IsOk());
    return response;
  }

  grpc::Status Erase(const v1::PersonalDataQuery& query, v1::ErasePersonalDataResponse* response) {
    v1::ErasePersonalDataRequest request;
    *request.mutable_query() = query;
    return Call(kErase, request, response);
  }

  v1::Recommendation Get(const std::string& name) {
    v1::GetRecommendationRequest request;
    request.set_name(name);
    return Ok(&v1::Remedy::Stub::GetRecommendation, request);
  }

  FakeStore fake_store_;
  redress::testing::ScratchDir dir_;
  std::unique_ptr<SqliteStore> sqlite_store_;
  redress::testing::FakeClock clock_{redress::testing::FakeClock::NoonOn(kToday)};
  redress::testing::SequentialIdGenerator ids_{"rec"};
  FakeCaseReader cases_;
  FakePeople people_;
  std::unique_ptr<RemedyLogic> logic_;
  std::unique_ptr<RemedyService> service_;
};

TEST_P(PrivacyServiceTest, AnInvalidQueryIsInvalidArgumentWithItsFields) {
  v1::ExportPersonalDataRequest request;
  v1::ExportPersonalDataResponse response;
  ExpectViolations(Call(kExport, request, &response), {"investigations"});

  *request.mutable_query() = Query({"c1"}, {"investigations/inv1", "complaints/c1"});
  ExpectViolations(Call(kExport, request, &response), {"complaints[0]", "investigations[1]"});
  v1::ErasePersonalDataResponse erased;
  ExpectViolations(Erase(Query({"c1"}, {}), &erased), {"complaints[0]"});
}

TEST_P(PrivacyServiceTest, NamesRemedyKnowsNothingOfGetAnEmptyAnswer) {
  Ok(&v1::Remedy::Stub::ReceiveDecision, DecisionRequest());
  EXPECT_THAT(Export(Query({"complaints/c9"}, {"investigations/inv9"})).cases(), IsEmpty());
  v1::ErasePersonalDataResponse erased;
  ASSERT_THAT(Erase(Query({"complaints/c9"}, {}), &erased), IsOk());
  EXPECT_THAT(erased.erased_investigations(), IsEmpty());
}

TEST_P(PrivacyServiceTest, ExportsThenErasesAndTheChainStaysSound) {
  const v1::ReceiveDecisionResponse received =
      Ok(&v1::Remedy::Stub::ReceiveDecision, DecisionRequest());
  const std::string apology = received.recommendations(0).name();
  const std::string payment = received.recommendations(1).name();
  v1::ErasePersonalDataResponse erased;
  ErrorDetails refused = ExpectError(Erase(Query({"complaints/c1"}, {}), &erased),
                                     grpc::StatusCode::FAILED_PRECONDITION, "NOT_CLOSED");
  EXPECT_EQ(refused.precondition_failure.violations(0).subject(), apology);

  Ok(&v1::Remedy::Stub::RescheduleRecommendation, RescheduleRequest(apology, kTargetDay + 7));
  Ok(&v1::Remedy::Stub::RecordCompliance, ComplianceRequest(apology));
  Ok(&v1::Remedy::Stub::DeclineRecommendation, DeclineRequest(payment));

  const v1::ExportPersonalDataResponse before = Export(Query({"complaints/c1"}, {}));
  ASSERT_EQ(before.cases_size(), 1);
  const v1::CasePersonalData& exported = before.cases(0);
  EXPECT_EQ(exported.investigation(), "investigations/inv1");
  EXPECT_THAT(exported.complaints(), ElementsAre("complaints/c1"));
  ASSERT_EQ(exported.recommendations_size(), 2);
  EXPECT_EQ(exported.recommendations(0).compliance().action_taken(),
            "Wrote to Mr B apologising for the delay.");
  ASSERT_EQ(exported.reschedules_size(), 1);
  EXPECT_EQ(exported.reschedules(0).recommendation(), apology);
  EXPECT_EQ(exported.reschedules(0).reason(),
            "The organisation asked for more time to arrange payment.");
  EXPECT_FALSE(exported.has_erase_time());

  ASSERT_THAT(Erase(Query({"complaints/c1"}, {"investigations/inv1"}), &erased), IsOk());
  EXPECT_THAT(erased.erased_investigations(), ElementsAre("investigations/inv1"));
  const v1::Recommendation after = Get(apology);
  EXPECT_EQ(after.description(), "[erased]");
  EXPECT_EQ(after.compliance().action_taken(), "[erased]");
  EXPECT_EQ(after.state(), v1::RECOMMENDATION_STATE_COMPLIED);
  EXPECT_EQ(Get(payment).amount().amount_minor(), 25000);
  const v1::ExportPersonalDataResponse later = Export(Query({}, {"investigations/inv1"}));
  ASSERT_EQ(later.cases_size(), 1);
  EXPECT_TRUE(later.cases(0).has_erase_time());
  EXPECT_EQ(later.cases(0).reschedules(0).reason(), "[erased]");

  v1::ErasePersonalDataResponse second;
  ASSERT_THAT(Erase(Query({}, {"investigations/inv1"}), &second), IsOk());
  EXPECT_THAT(second.erased_investigations(), IsEmpty());
  EXPECT_THAT(second.already_erased_investigations(), ElementsAre("investigations/inv1"));

  v1::ReceiveDecisionResponse refused_decision;
  ExpectError(
      Call(&v1::Remedy::Stub::ReceiveDecision, DecisionRequest("inv1", 2), &refused_decision),
      grpc::StatusCode::FAILED_PRECONDITION, "ERASED");

  redress::common::v1::VerifyAuditLogResponse verified;
  ASSERT_THAT(Call(&v1::Remedy::Stub::VerifyAuditLog, redress::common::v1::VerifyAuditLogRequest(),
                   &verified),
              IsOk());
  EXPECT_FALSE(verified.has_problem());
  EXPECT_GT(verified.entries_checked(), 0);
}

INSTANTIATE_TEST_SUITE_P(Stores, PrivacyServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);

}  // namespace
}  // namespace redress::remedy::testing
