// Service tests of the subject access export and erasure (docs/privacy.md) through the generated
// stub: invalid queries, names not held, the refusals, erasure, an idempotent re-run, a change
// refused once erased, and the audit chain after it.

#include <string>

#include "common/testing/grpc_error_details.h"
#include "services/investigation/api/investigation_service_test_support.h"

namespace redress::investigation::testing {
namespace {

using ::redress::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr auto kExport = &v1::Investigations::Stub::ExportPersonalData;
constexpr auto kErase = &v1::Investigations::Stub::ErasePersonalData;

class InvestigationPrivacyServiceTest : public InvestigationServiceTest {
 protected:
  v1::ExportPersonalDataResponse Export(const std::string& complaint) {
    v1::ExportPersonalDataRequest request;
    request.mutable_query()->add_complaints(complaint);
    v1::ExportPersonalDataResponse response;
    EXPECT_THAT(Call(kExport, request, &response), IsOk());
    return response;
  }

  grpc::Status Erase(const std::string& complaint, v1::ErasePersonalDataResponse* response) {
    v1::ErasePersonalDataRequest request;
    request.mutable_query()->add_complaints(complaint);
    return Call(kErase, request, response);
  }

  void DeliverAll() {
    for (const OutboxEntry& entry : Outbox()) {
      if (!entry.delivered_time.has_value()) {
        ASSERT_THAT(store().MarkDelivered(entry.id, clock_.Now()), IsOk());
      }
    }
  }
};

TEST_P(InvestigationPrivacyServiceTest, AnInvalidQueryIsInvalidArgumentWithItsFields) {
  v1::ExportPersonalDataRequest request;
  v1::ExportPersonalDataResponse response;
  ErrorDetails details = ExpectError(Call(kExport, request, &response),
                                     grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_THAT(details.fields(), ElementsAre("complaints"));

  request.mutable_query()->add_complaints("investigations/x");
  request.mutable_query()->add_investigations("complaints/c1");
  details = ExpectError(Call(kExport, request, &response), grpc::StatusCode::INVALID_ARGUMENT,
                        "INVALID_ARGUMENT");
  EXPECT_THAT(details.fields(), ElementsAre("complaints[0]", "investigations[0]"));

  v1::ErasePersonalDataRequest erase;
  for (int i = 0; i <= InvestigationLogic::kMaxNamedResources; ++i) {
    erase.mutable_query()->add_investigations("investigations/i" + std::to_string(i));
  }
  v1::ErasePersonalDataResponse erased;
  details = ExpectError(Call(kErase, erase, &erased), grpc::StatusCode::INVALID_ARGUMENT,
                        "INVALID_ARGUMENT");
  EXPECT_THAT(details.fields(), ElementsAre("investigations"));
}

TEST_P(InvestigationPrivacyServiceTest, NamesNotHeldGetAnEmptyExport) {
  Open();
  EXPECT_THAT(Export("complaints/never-accepted").investigations(), IsEmpty());
}

TEST_P(InvestigationPrivacyServiceTest, ExportsThenErasesAndTheChainStaysSound) {
  const v1::Investigation open = Investigating();
  v1::ErasePersonalDataResponse erased;
  ErrorDetails refused = ExpectError(Erase("complaints/c1", &erased),
                                     grpc::StatusCode::FAILED_PRECONDITION, "NOT_CLOSED");
  EXPECT_EQ(refused.precondition_failure.violations(0).subject(), open.name());

  const v1::Investigation decided =
      Ok(kIssueDecision, DecisionRequest(ReadyToDecide("complaints/c2/acceptance").name()));
  // Same complaint as `open`: the investigation names are what the CLI passes on to remedy.
  ASSERT_EQ(decided.complaint().complaint(), "complaints/c1");
  refused = ExpectError(Erase("complaints/c1", &erased), grpc::StatusCode::FAILED_PRECONDITION,
                        "NOT_CLOSED");
  Ok(kWithdraw, WithdrawRequest(open.name()));

  v1::ExportPersonalDataResponse before = Export("complaints/c1");
  ASSERT_EQ(before.investigations_size(), 2);
  EXPECT_EQ(before.investigations(0).investigation().name(), open.name());
  EXPECT_EQ(before.investigations(1).investigation().name(), decided.name());
  EXPECT_EQ(before.investigations(1).investigation().complaint().what_went_wrong(),
            decided.complaint().what_went_wrong());
  EXPECT_FALSE(before.investigations(1).has_erase_time());

  // The decision is not yet delivered to remedy.
  refused = ExpectError(Erase("complaints/c1", &erased), grpc::StatusCode::FAILED_PRECONDITION,
                        "HANDOFF_PENDING");
  DeliverAll();
  ASSERT_THAT(Erase("complaints/c1", &erased), IsOk());
  EXPECT_THAT(erased.already_erased_investigations(), ElementsAre(open.name()));
  EXPECT_THAT(erased.erased_investigations(), ElementsAre(decided.name()));

  const v1::Investigation after = Get(decided.name());
  EXPECT_EQ(after.complaint().what_went_wrong(), "[erased]");
  EXPECT_EQ(after.scope().summary(), "[erased]");
  EXPECT_EQ(after.points(0).description(), "[erased]");
  EXPECT_EQ(after.state(), decided.state());
  EXPECT_EQ(after.final_decision().decision(), decided.final_decision().decision());
  EXPECT_EQ(after.narrative().SerializeAsString(), decided.narrative().SerializeAsString());
  EXPECT_EQ(after.complaint().complainants_reference(),
            decided.complaint().complainants_reference());
  v1::ExportPersonalDataResponse exported = Export("complaints/c1");
  ASSERT_EQ(exported.investigations_size(), 2);
  EXPECT_TRUE(exported.investigations(1).has_erase_time());

  v1::ErasePersonalDataRequest again;
  again.mutable_query()->add_investigations(decided.name());
  v1::ErasePersonalDataResponse second;
  ASSERT_THAT(Call(kErase, again, &second), IsOk());
  EXPECT_THAT(second.erased_investigations(), IsEmpty());
  EXPECT_THAT(second.already_erased_investigations(), ElementsAre(decided.name()));

  v1::Investigation unchanged;
  ExpectError(Call(kRequestReview, ReviewRequest(decided.name(), "review-1"), &unchanged),
              grpc::StatusCode::FAILED_PRECONDITION, "ERASED");

  redress::common::v1::VerifyAuditLogResponse verified;
  ASSERT_THAT(Call(&v1::Investigations::Stub::VerifyAuditLog,
                   redress::common::v1::VerifyAuditLogRequest(), &verified),
              IsOk());
  EXPECT_FALSE(verified.has_problem());
  EXPECT_GT(verified.entries_checked(), 0);
}

INSTANTIATE_TEST_SUITE_P(Stores, InvestigationPrivacyServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);

}  // namespace
}  // namespace redress::investigation::testing
