// Service tests of the subject access export and erasure (docs/privacy.md) through the generated
// stub: invalid queries, an unknown person, erasure and its refusal, and the audit chain after it.

#include <string>

#include "common/testing/grpc_error_details.h"
#include "services/intake/api/intake_service_test_support.h"

namespace redress::intake::testing {
namespace {

using ::redress::testing::ErrorDetails;
using ::redress::testing::ExpectErrorIn;
using ::redress::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr auto kExport = &v1::Intake::Stub::ExportPersonalData;
constexpr auto kErase = &v1::Intake::Stub::ErasePersonalData;

class PrivacyServiceTest : public IntakeServiceTest {
 protected:
  v1::ExportPersonalDataResponse Export(const std::string& email) {
    v1::ExportPersonalDataRequest request;
    request.mutable_query()->set_email(email);
    v1::ExportPersonalDataResponse response;
    EXPECT_THAT(Call(kExport, request, &response), IsOk());
    return response;
  }

  grpc::Status Erase(const std::string& email, v1::ErasePersonalDataResponse* response) {
    v1::ErasePersonalDataRequest request;
    request.mutable_query()->set_email(email);
    return Call(kErase, request, response);
  }

  // Submitted and closed as premature (no complaint to Cafcass recorded).
  v1::Complaint Closed(const std::string& id) {
    v1::Complaint complaint = ValidComplaint();
    complaint.clear_complained_to_organisation_date();
    complaint.clear_final_response_date();
    const std::string name = Submit("req-" + id, complaint).name();
    v1::Complaint closed;
    EXPECT_THAT(Assess(AssessRequest(name, "assess-" + id), &closed), IsOk());
    return closed;
  }
};

TEST_P(PrivacyServiceTest, AnInvalidQueryIsInvalidArgumentWithItsFields) {
  v1::ExportPersonalDataRequest request;
  v1::ExportPersonalDataResponse response;
  ErrorDetails details =
      ExpectErrorIn(IntakeService::kErrorDomain, Call(kExport, request, &response),
                    grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_THAT(details.fields(), ElementsAre("email"));

  request.mutable_query()->set_email("ann.brown@");
  request.mutable_query()->add_complaints("investigations/x");
  details = ExpectErrorIn(IntakeService::kErrorDomain, Call(kExport, request, &response),
                          grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_THAT(details.fields(), ElementsAre("email", "complaints[0]"));
}

TEST_P(PrivacyServiceTest, AnUnknownPersonGetsAnEmptyExport) {
  Submit("req-1");
  EXPECT_THAT(Export("nobody@example.org").complaints(), IsEmpty());
}

TEST_P(PrivacyServiceTest, ExportsThenErasesAndTheChainStaysSound) {
  const v1::Complaint open = Submit("req-open");
  v1::ErasePersonalDataResponse erased;
  ErrorDetails refused =
      ExpectErrorIn(IntakeService::kErrorDomain, Erase("ann.brown@example.org", &erased),
                    grpc::StatusCode::FAILED_PRECONDITION, "NOT_CLOSED");
  EXPECT_EQ(refused.precondition_failure.violations(0).subject(), open.name());

  v1::WithdrawComplaintRequest withdraw;
  withdraw.set_name(open.name());
  withdraw.set_reason("The complainant asked us to stop.");
  v1::Complaint withdrawn;
  ASSERT_THAT(Call(&v1::Intake::Stub::WithdrawComplaint, withdraw, &withdrawn), IsOk());
  const v1::Complaint closed = Closed("2");

  v1::ExportPersonalDataResponse before = Export("Ann.Brown@example.org");
  ASSERT_EQ(before.complaints_size(), 2);
  EXPECT_EQ(before.complaints(0).complaint().people(0).details().email(), "ann.brown@example.org");
  EXPECT_FALSE(before.complaints(0).has_erase_time());

  ASSERT_THAT(Erase("ann.brown@example.org", &erased), IsOk());
  EXPECT_THAT(erased.erased_complaints(), ElementsAre(open.name(), closed.name()));
  const v1::Complaint after = Get(closed.name());
  EXPECT_EQ(after.people(0).details().email(), "");
  EXPECT_EQ(after.people(0).details().given_name(), "");
  EXPECT_EQ(after.what_went_wrong(), "[erased]");
  EXPECT_EQ(after.state(), closed.state());
  EXPECT_EQ(after.closure_reason(), closed.closure_reason());
  EXPECT_EQ(after.complainants_reference(), closed.complainants_reference());
  EXPECT_THAT(Export("ann.brown@example.org").complaints(), IsEmpty());

  v1::ErasePersonalDataRequest again;
  again.mutable_query()->add_complaints(closed.name());
  v1::ErasePersonalDataResponse second;
  ASSERT_THAT(Call(kErase, again, &second), IsOk());
  EXPECT_THAT(second.erased_complaints(), IsEmpty());
  EXPECT_THAT(second.already_erased_complaints(), ElementsAre(closed.name()));

  redress::common::v1::VerifyAuditLogResponse verified;
  ASSERT_THAT(Call(&v1::Intake::Stub::VerifyAuditLog, redress::common::v1::VerifyAuditLogRequest(),
                   &verified),
              IsOk());
  EXPECT_FALSE(verified.has_problem());
  EXPECT_GT(verified.entries_checked(), 0);
}

INSTANTIATE_TEST_SUITE_P(Stores, PrivacyServiceTest,
                         ::testing::Values(StoreKind::kFake, StoreKind::kSqlite), StoreKindName);

}  // namespace
}  // namespace redress::intake::testing
